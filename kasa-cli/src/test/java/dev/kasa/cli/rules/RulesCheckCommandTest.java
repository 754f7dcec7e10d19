package dev.kasa.cli.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.cli.CliRun;
import dev.kasa.cli.Kasa;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kasa rules check}: the report and the exit status. */
class RulesCheckCommandTest {
  private static String fixtures(String name) {
    try {
      return Path.of(RulesCheckCommandTest.class.getResource("fixtures/" + name).toURI())
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void goodRulesExitZeroWithCounts() {
    CliRun run = CliRun.kasa("rules", "check", fixtures("good"));
    assertThat(run.status()).isZero();
    assertThat(run.out())
        .startsWith("files: 2  rules: 1  correlations: 1  filters: 1  problems: 0\n")
        .contains("filter references to rules not loaded here: 1");
  }

  @Test
  void problemsAreGroupedByReasonMostFrequentFirstAndExitOne() {
    CliRun run = CliRun.kasa("rules", "check", fixtures("good"), fixtures("bad"));
    assertThat(run.status()).isEqualTo(RulesCheckCommand.PROBLEMS);
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0))
        .isEqualTo("files: 4  rules: 1  correlations: 1  filters: 1  problems: 4");
    int reasons = lines.indexOf("bad-condition: 1");
    assertThat(reasons).isPositive();
    assertThat(lines.get(reasons + 1))
        .endsWith(
            "bad_conditions.yml:8:34: rule 7c5f1a52-0000-4000-8000-000000000004:"
                + " unknown search identifier 'filter' in condition 'selection and not filter'");
    assertThat(run.out())
        .contains("deprecated-aggregation: 1\n")
        .contains("unknown-modifier: 1\n")
        .contains(
            "unknown_modifier.yml:8:9: rule 7c5f1a52-0000-4000-8000-000000000003:"
                + " detection.selection: unknown modifier 'contain' in 'CommandLine|contain'")
        .contains("unknown-rule-reference: 1\n")
        .contains("refers to 'nowhere_rule'");
  }

  @Test
  void reasonsWithEqualCountsAreSortedByName() {
    CliRun run = CliRun.kasa("rules", "check", fixtures("bad"));
    List<String> reasons = run.out().lines().filter(l -> l.matches("[a-z-]+: \\d+")).toList();
    assertThat(reasons)
        .containsExactly(
            "bad-condition: 1",
            "deprecated-aggregation: 1",
            "unknown-modifier: 1",
            "unknown-rule-reference: 1");
  }

  @Test
  void correlationCyclesAreOneCode(@TempDir Path dir) throws IOException {
    String correlation =
        "title: C %s\nid: %s\ncorrelation:\n  type: temporal\n  rules: [%s]\n  timespan: 5m\n";
    Files.writeString(
        dir.resolve("c.yml"),
        correlation.formatted("a", "a", "b") + "---\n" + correlation.formatted("b", "b", "a"));
    CliRun run = CliRun.kasa("rules", "check", dir.toString());
    assertThat(run.status()).isEqualTo(RulesCheckCommand.PROBLEMS);
    assertThat(run.out())
        .contains("correlation-cycle: 2\n")
        .contains("c.yml:1:1: rule a: correlation refers to itself through its rules\n")
        .doesNotContain("cyclic");
  }

  @Test
  void missingOrNoPathIsAUsageError() {
    CliRun missing = CliRun.kasa("rules", "check", fixtures("good") + "/../nope");
    assertThat(missing.status()).isEqualTo(Kasa.USAGE);
    assertThat(missing.err()).contains("does not exist");
    assertThat(CliRun.kasa("rules", "check").status()).isEqualTo(Kasa.USAGE);
  }

  @Test
  void valuesThatDoNotCompileAreProblemsWithTheirPositionAndReason() {
    CliRun run = CliRun.kasa("rules", "check", fixtures("uncompilable"));
    assertThat(run.status()).isEqualTo(RulesCheckCommand.PROBLEMS);
    assertThat(run.out())
        .contains("compiled: 0 rules")
        .contains("unsupported-regex: 1\n")
        .contains("lookahead_and_placeholder.yml:11:9: rule 7c5f1a52-0000-4000-8000-000000000010:")
        .contains("(?!")
        .contains("unknown-placeholder: 1\n")
        .contains("lookahead_and_placeholder.yml:9:9:");
  }

  @Test
  void placeholderValuesComeFromTheGivenFile() {
    CliRun run =
        CliRun.kasa(
            "rules",
            "check",
            "--placeholders",
            fixtures("placeholders.yml"),
            fixtures("uncompilable"));
    assertThat(run.out()).doesNotContain("unknown-placeholder").contains("unsupported-regex: 1");
  }

  @Test
  void aRuleWaitingForPlaceholderValuesIsSetAsideWithAWarningAndExitsZeroUnlessStrict() {
    CliRun run = CliRun.kasa("rules", "check", fixtures("waiting"));
    assertThat(run.status()).as(run.out()).isZero();
    assertThat(run.out())
        .startsWith("files: 1  rules: 1  correlations: 0  filters: 0  problems: 0\n")
        .contains("set aside until their placeholders have values: 1 rule")
        .contains(
            "admin_logon_outside_list.yml:11:9: rule 7c5f1a52-0000-4000-8000-000000000030:"
                + " placeholder %Admin_Workstations%")
        .doesNotContain("unknown-placeholder: 1");

    CliRun strict = CliRun.kasa("rules", "check", "--strict", fixtures("waiting"));
    assertThat(strict.status())
        .as(strict.out() + strict.err())
        .isEqualTo(RulesCheckCommand.PROBLEMS);
    assertThat(strict.out()).contains("set aside until their placeholders have values: 1 rule");

    CliRun given =
        CliRun.kasa(
            "rules",
            "check",
            "--strict",
            "--placeholders",
            fixtures("placeholders.yml"),
            fixtures("waiting"));
    assertThat(given.status()).as(given.out()).isZero();
    assertThat(given.out()).doesNotContain("set aside");
  }

  @Test
  void correlationsThatScanWouldRejectAreProblemsOfTheCheckToo() throws Exception {
    String dir = fixtures("unrunnable-correlations");
    CliRun check = CliRun.kasa("rules", "check", dir);
    assertThat(check.status()).as(check.out()).isEqualTo(RulesCheckCommand.PROBLEMS);
    assertThat(check.out())
        .contains("problems: 2")
        .contains("bad-timespan: 1\n")
        .contains("whoami_bursts.yml:13:1: rule 7c5f1a52-0000-4000-8000-000000000041:")
        .contains("limit-exceeded: 1\n")
        .contains("rule 7c5f1a52-0000-4000-8000-000000000042: condition needs 5000 events");

    // The same reasons as the scan gives for the same files: one check behind both.
    java.nio.file.Path logs = java.nio.file.Files.createTempFile("kasa-empty", ".json");
    try {
      CliRun scan = CliRun.kasa("scan", "--sigma", dir, logs.toString());
      assertThat(scan.err())
          .contains("rejected (bad-timespan): 1")
          .contains("rejected (limit-exceeded): 1");
    } finally {
      java.nio.file.Files.delete(logs);
    }
  }
}
