package dev.kasa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kasa scan --sigma}: rules alone or with indicators, outputs, problems, exit status. */
class SigmaScanTest {
  @TempDir Path dir;
  Path sigma;
  Path logs;

  @BeforeEach
  void demoFiles() {
    assertThat(CliRun.kasa("demo", "--extract", dir.toString(), "--format", "jsonl").status())
        .isZero();
    sigma = dir.resolve("sigma");
    logs = dir.resolve("logs");
  }

  @Test
  void rulesAloneNeedNoIntelligenceAndGiveJsonLinesOfMatchesAndCorrelations() {
    CliRun run =
        CliRun.kasa("scan", "--sigma", sigma.toString(), "--format", "jsonl", logs.toString());
    assertThat(run.status()).as(run.err()).isZero();
    List<JsonNode> lines = run.jsonLines();
    assertThat(lines).extracting(l -> l.get("kind").asText()).doesNotContain("indicator");
    assertThat(lines)
        .extracting(l -> l.get("kind").asText())
        .containsExactly("sigma", "sigma", "correlation");
    JsonNode beacon = lines.get(1);
    assertThat(beacon.get("file").asText()).endsWith("workstation-7-17.evtx.json");
    assertThat(beacon.get("line").asLong()).isPositive();
    assertThat(beacon.get("rule").get("id").asText())
        .isEqualTo("0e4d6a19-3b7c-4f25-8d1e-6c9a2b7f4e83");
    assertThat(beacon.get("rule").get("tags").get(1).asText()).isEqualTo("attack.t1071");
    assertThat(beacon.get("fields").get("Image").asText()).contains("\\AppData\\Local\\Temp\\");
    assertThat(run.err()).contains("kasa: sigma: 2 rules compiled, 1 correlations");
  }

  @Test
  void theTableGroupsMatchesByRuleLevelAndTechnique() {
    CliRun run = CliRun.kasa("scan", "--sigma", sigma.toString(), logs.toString());
    assertThat(run.out())
        .contains("2 Sigma matches of 2 rules")
        .contains("LEVEL")
        .contains("high")
        .contains("T1204.002")
        .contains("CORRELATION")
        .contains("Office Dropper Beacons Within Minutes");
    // Rules are listed by level, most severe first.
    String summary = run.out().substring(run.out().indexOf("Sigma matches of"));
    assertThat(summary.indexOf("high           5b8f3c2e"))
        .isPositive()
        .isLessThan(summary.indexOf("medium         0e4d6a19"));
  }

  @Test
  void failOnHitCountsSigmaMatchesAndStixSharesThemAsSightingsOfTheRule() {
    CliRun fail =
        CliRun.kasa(
            "scan",
            "--sigma",
            sigma.toString(),
            "--fail-on-hit",
            "--format",
            "jsonl",
            logs.toString());
    assertThat(fail.status()).isEqualTo(Kasa.HITS);
    CliRun stix =
        CliRun.kasa("scan", "--sigma", sigma.toString(), "--format", "stix", logs.toString());
    assertThat(stix.out()).contains("indicator--5b8f3c2e-7a41-4d0b-9c6e-2f1a8e3d9b70");
  }

  @Test
  void rejectedRulesAreListedWithTheirPositionAndTheOthersStillRun() throws IOException {
    Files.writeString(
        sigma.resolve("broken.yml"),
        """
        title: Backtracking regex
        id: 11111111-2222-4333-8444-555555555555
        logsource:
            category: process_creation
            product: windows
        detection:
            selection:
                CommandLine|re: '(a+)\\1'
            condition: selection
        """);
    CliRun run =
        CliRun.kasa("scan", "--sigma", sigma.toString(), "--format", "jsonl", logs.toString());
    assertThat(run.status()).isZero();
    assertThat(run.err())
        .contains("rejected (unsupported-regex): 1")
        .contains("broken.yml:8:")
        .contains("backreference");
    assertThat(run.jsonLines()).hasSize(3);
  }

  @Test
  void aRegexTooCostlyForAValueIsStoppedAndNamedWhileTheOtherRulesStillMatch() throws IOException {
    Path rules = dir.resolve("budget");
    Files.createDirectories(rules);
    Files.writeString(
        rules.resolve("slow.yml"),
        """
        title: Slow regex
        id: 22222222-3333-4444-8555-666666666666
        logsource:
            product: kasatest
        detection:
            selection:
                CommandLine|re: '(.*a){1000}'
            condition: selection
        """);
    Files.writeString(
        rules.resolve("fast.yml"),
        """
        title: Evil image
        id: 33333333-4444-4555-8666-777777777777
        logsource:
            product: kasatest
        detection:
            selection:
                Image|endswith: '\\evil.exe'
            condition: selection
        """);
    // 30,000 chars × 5,002 instructions is above the budget of 10^8 (and a match for RE2J).
    Path log = dir.resolve("big.json");
    Files.writeString(
        log, "{\"Image\":\"C:\\\\evil.exe\",\"CommandLine\":\"" + "ab".repeat(15_000) + "\"}\n");
    CliRun run =
        CliRun.kasa("scan", "--sigma", rules.toString(), "--format", "jsonl", log.toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.jsonLines())
        .extracting(l -> l.get("rule").get("id").asText())
        .containsExactly("33333333-4444-4555-8666-777777777777");
    assertThat(run.err())
        .contains("stopped by the regex cost budget")
        .contains("22222222-3333-4444-8555-666666666666")
        .contains("big.json:1")
        .contains("CommandLine");
  }

  @Test
  void rulesWaitingForPlaceholderValuesAreNamedAndTheOthersRun() throws IOException {
    Files.writeString(
        sigma.resolve("waiting.yml"),
        """
        title: Logon from outside the admin workstations
        id: 7c5f1a52-0000-4000-8000-000000000031
        logsource:
            product: windows
            service: security
        detection:
            selection:
                EventID: 4624
            filter:
                WorkstationName|expand: '%Admin_Workstations%'
            condition: selection and not filter
        """);
    CliRun run =
        CliRun.kasa("scan", "--sigma", sigma.toString(), "--format", "jsonl", logs.toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.err())
        .contains("1 rules set aside until their placeholders have values (--placeholders FILE)")
        .contains("rule 7c5f1a52-0000-4000-8000-000000000031: placeholder %Admin_Workstations%")
        .doesNotContain("rejected");
    assertThat(run.jsonLines()).hasSize(3);
  }

  @Test
  void neitherIntelNorRulesIsAUsageError() {
    CliRun run = CliRun.kasa("scan", logs.toString());
    assertThat(run.status()).isEqualTo(Kasa.USAGE);
    assertThat(run.err()).contains("--intel PATH, --sigma PATH, or both");
  }
}
