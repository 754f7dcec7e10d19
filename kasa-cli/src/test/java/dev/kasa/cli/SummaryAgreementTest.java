package dev.kasa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Sigma counts on stderr agree with the table's rows and summary when a correlation with {@code
 * generate: false} hides its base rule's matches.
 */
class SummaryAgreementTest {
  @TempDir Path dir;

  @Test
  void hiddenBaseRuleMatchesAreCountedApartFromTheReportedOnes() throws IOException {
    Path rules = dir.resolve("rules.yml");
    Files.writeString(
        rules,
        """
        title: Logon
        id: 7a1c2e3d-4b5f-4a6e-8c7d-9e0f1a2b3c01
        name: logon
        level: low
        logsource:
          product: kasatest
        detection:
          selection:
            Action: logon
          condition: selection
        ---
        title: Admin Action
        id: 7a1c2e3d-4b5f-4a6e-8c7d-9e0f1a2b3c02
        level: medium
        logsource:
          product: kasatest
        detection:
          selection:
            Action: admin
          condition: selection
        ---
        title: Many Logons Per User
        id: 7a1c2e3d-4b5f-4a6e-8c7d-9e0f1a2b3c03
        level: high
        correlation:
          type: event_count
          rules: [logon]
          group-by: [User]
          timespan: 1h
          condition:
            gte: 3
          generate: false
        """);
    Path logs = dir.resolve("events.json");
    Files.writeString(
        logs,
        """
        {"ts":"2024-05-01T10:00:00Z","Action":"logon","User":"a"}
        {"ts":"2024-05-01T10:00:01Z","Action":"logon","User":"a"}
        {"ts":"2024-05-01T10:00:02Z","Action":"admin","User":"a"}
        {"ts":"2024-05-01T10:00:03Z","Action":"logon","User":"a"}
        """);
    CliRun run = CliRun.kasa("scan", "--sigma", rules.toString(), logs.toString());
    assertThat(run.status()).as(run.err()).isZero();
    // One row for the admin action, one for the correlation; the three logons only feed it.
    assertThat(run.out().lines().filter(l -> l.startsWith("2024-"))).hasSize(2);
    assertThat(run.out()).contains("1 Sigma matches of 1 rules");
    assertThat(run.err())
        .contains(
            "kasa: sigma: 1 matches of 1 rules; 1 correlation hits; 3 matches of 1 rules only"
                + " counted by their correlations (generate: false)")
        .contains("kasa: 2 hits");
  }
}
