package dev.kasa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * More groups than a correlation may hold (4,096): the evicted groups are counted per correlation
 * in the scan summary, and those that already qualified still fire.
 */
class CorrelationEvictionScanTest {
  @TempDir Path dir;

  @Test
  void evictedGroupsAreReportedPerCorrelationAndQualifiedOnesFire() throws IOException {
    Path rules = dir.resolve("rules.yml");
    Files.writeString(
        rules,
        """
        title: Logon
        id: 5f0e9a6c-1b2d-4e3f-8a4b-9c0d1e2f3a01
        name: logon
        logsource:
          product: kasatest
        detection:
          selection:
            Action: logon
          condition: selection
        ---
        title: Users With A Single Logon
        id: 5f0e9a6c-1b2d-4e3f-8a4b-9c0d1e2f3a02
        correlation:
          type: event_count
          rules: [logon]
          group-by: [User]
          timespan: 1h
          condition:
            lt: 2
        """);
    StringBuilder events = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      events
          .append("{\"ts\":\"2024-05-01T10:00:00Z\",\"Action\":\"logon\",\"User\":\"u")
          .append(i)
          .append("\"}\n");
    }
    Path logs = dir.resolve("logons.json");
    Files.writeString(logs, events);
    CliRun run =
        CliRun.kasa("scan", "--sigma", rules.toString(), "--format", "jsonl", logs.toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.jsonLines())
        .as("every user qualified: one logon, fewer than two")
        .hasSize(5_000);
    assertThat(run.jsonLines().stream().filter(l -> l.path("evicted").asBoolean()))
        .as("the windows cut short by eviction are marked")
        .hasSize(904);
    assertThat(run.err())
        .contains(
            "correlation 5f0e9a6c-1b2d-4e3f-8a4b-9c0d1e2f3a02: 904 groups evicted at the group"
                + " limit of 4,096; 904 of them met the condition");
  }

  @Test
  void matchesTheCorrelationsCouldNotUseAreCountedInTheSummary() throws IOException {
    Path rules = dir.resolve("rules.yml");
    Files.writeString(
        rules,
        """
        title: Logon
        id: 5f0e9a6c-1b2d-4e3f-8a4b-9c0d1e2f3a03
        name: logon
        logsource:
          product: kasatest
        detection:
          selection:
            Action: logon
          condition: selection
        ---
        title: Many Logons Per User
        id: 5f0e9a6c-1b2d-4e3f-8a4b-9c0d1e2f3a04
        correlation:
          type: event_count
          rules: [logon]
          group-by: [User]
          timespan: 1h
          condition:
            gte: 2
        """);
    Path logs = dir.resolve("logons.json");
    Files.writeString(
        logs,
        """
        {"ts":"2024-05-01T10:00:00Z","Action":"logon","User":"a"}
        {"ts":"2024-05-01T10:00:01Z","Action":"logon"}
        {"Action":"logon","User":"a"}
        """);
    CliRun run = CliRun.kasa("scan", "--sigma", rules.toString(), logs.toString());
    assertThat(run.err())
        .contains(
            "correlations did not count 1 matches without event time, 1 matches without a"
                + " group-by field");
  }
}
