package dev.kasa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kasa scan} filters: what each lets through, in every format, and bad values. */
class ScanFilterTest {
  @TempDir Path dir;
  Path intel;
  Path sigma;
  Path logs;

  @BeforeEach
  void demoFiles() {
    assertThat(CliRun.kasa("demo", "--extract", dir.toString(), "--format", "jsonl").status())
        .isZero();
    intel = dir.resolve("intel");
    sigma = dir.resolve("sigma");
    logs = dir.resolve("logs");
  }

  private CliRun scan(String... filters) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "scan",
                "--intel",
                intel.toString(),
                "--sigma",
                sigma.toString(),
                "--format",
                "jsonl"));
    args.addAll(List.of(filters));
    args.add(logs.toString());
    CliRun run = CliRun.kasa(args.toArray(String[]::new));
    assertThat(run.status()).as(run.err()).isIn(Kasa.OK, Kasa.HITS);
    return run;
  }

  private static List<JsonNode> kind(CliRun run, String kind) {
    return run.jsonLines().stream().filter(l -> l.get("kind").asText().equals(kind)).toList();
  }

  @Test
  void minLevelKeepsSigmaFindingsAtOrAboveItAndLeavesIndicatorHitsAlone() {
    CliRun all = scan();
    CliRun high = scan("--min-level", "HIGH");
    assertThat(kind(all, "sigma")).hasSize(2);
    assertThat(kind(high, "sigma"))
        .extracting(l -> l.get("rule").get("level").asText())
        .containsExactly("high");
    // The correlation (critical) still fires though the medium rule it counts is left out.
    assertThat(kind(high, "correlation")).hasSize(1);
    assertThat(kind(high, "indicator")).hasSameSizeAs(kind(all, "indicator"));
    assertThat(high.err()).contains("kasa: filters: ").contains("1 left out");
  }

  @Test
  void aCorrelationLeftOutByLevelKeepsItsBaseRulesAndTheOtherWayRound() {
    CliRun critical = scan("--min-level", "critical");
    assertThat(kind(critical, "sigma")).isEmpty();
    assertThat(kind(critical, "correlation")).hasSize(1);
  }

  @Test
  void tagsIncludeAndExcludeByPrefixAndStatusMustMatch() {
    CliRun t1204 = scan("--include-tag", "attack.t1204");
    assertThat(kind(t1204, "sigma"))
        .extracting(l -> l.get("rule").get("id").asText())
        .containsExactly("5b8f3c2e-7a41-4d0b-9c6e-2f1a8e3d9b70");
    assertThat(kind(t1204, "correlation")).isEmpty();
    CliRun notC2 = scan("--exclude-tag", "ATTACK.command-and-control");
    assertThat(kind(notC2, "sigma"))
        .extracting(l -> l.get("rule").get("id").asText())
        .containsExactly("5b8f3c2e-7a41-4d0b-9c6e-2f1a8e3d9b70");
    assertThat(kind(notC2, "correlation")).hasSize(1);
    assertThat(kind(scan("--status", "stable"), "sigma")).isEmpty();
    assertThat(kind(scan("--status", "stable", "--status", "experimental"), "sigma")).hasSize(2);
  }

  @Test
  void excludedRulesAreLeftOutAndAnUnknownIdIsAWarningNamingItsLine() throws IOException {
    Path ids = dir.resolve("exclude.txt");
    Files.writeString(
        ids,
        """
        # noisy on our build hosts
        0e4d6a19-3b7c-4f25-8d1e-6c9a2b7f4e83   # temp_program_connects_out

        no-such-rule
        """);
    CliRun run = scan("--exclude-rules", ids.toString());
    assertThat(kind(run, "sigma"))
        .extracting(l -> l.get("rule").get("id").asText())
        .containsExactly("5b8f3c2e-7a41-4d0b-9c6e-2f1a8e3d9b70");
    assertThat(kind(run, "correlation")).hasSize(1);
    assertThat(run.err())
        .contains("kasa: warning: --exclude-rules " + ids + ":4: no loaded Sigma rule has the id")
        .doesNotContain(ids + ":2:");
  }

  @Test
  void fromAndToKeepFindingsOfEventsInTheWindowInclusive() {
    List<JsonNode> all = scan().jsonLines();
    List<Instant> times =
        all.stream()
            .filter(l -> !l.get("time").isNull())
            .map(l -> Instant.parse(l.get("time").asText()))
            .sorted()
            .toList();
    Instant middle = times.get(times.size() / 2);
    CliRun later = scan("--from", middle.toString());
    assertThat(later.jsonLines())
        .isNotEmpty()
        .hasSizeLessThan(all.size())
        .allSatisfy(
            l -> assertThat(Instant.parse(l.get("time").asText())).isAfterOrEqualTo(middle));
    CliRun earlier = scan("--to", middle.toString());
    assertThat(earlier.jsonLines())
        .isNotEmpty()
        .allSatisfy(
            l -> assertThat(Instant.parse(l.get("time").asText())).isBeforeOrEqualTo(middle));
    assertThat(later.jsonLines().size() + earlier.jsonLines().size())
        .isGreaterThanOrEqualTo(all.size());
  }

  @Test
  void recordsWithoutATimeAreKeptByTheWindowAndCounted() throws IOException {
    Path list = dir.resolve("mine.txt");
    Files.writeString(list, "evil.example\n");
    Path log = dir.resolve("dns.ndjson");
    Files.writeString(
        log,
        """
        {"timestamp":"2020-01-01T00:00:00Z","query":"evil.example"}
        {"query":"evil.example"}
        {"timestamp":"2026-06-01T00:00:00Z","query":"evil.example"}
        """);
    CliRun run =
        CliRun.kasa(
            "scan", "-i", list.toString(), "-f", "jsonl", "--from", "2026-01-01", log.toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.jsonLines()).extracting(l -> l.get("line").asLong()).containsExactly(2L, 3L);
    assertThat(run.err())
        .contains("kasa: filters: 2 findings reported, 1 left out")
        .contains("1 without an event time kept by --from/--to");
  }

  @Test
  void minConfidenceKeepsIndicatorsWithAKnownConfidenceAtLeastN() {
    CliRun all = scan();
    CliRun sure = scan("--min-confidence", "85");
    assertThat(kind(sure, "indicator"))
        .isNotEmpty()
        .hasSizeLessThan(kind(all, "indicator").size())
        .allSatisfy(
            l ->
                assertThat(l.get("indicator").get("confidence").asInt())
                    .isGreaterThanOrEqualTo(85));
    assertThat(kind(sure, "sigma")).hasSameSizeAs(kind(all, "sigma"));
  }

  @Test
  void maxAgeKeepsIndicatorsChangedWithinItOfTheRunsClock() {
    List<JsonNode> all = kind(scan(), "indicator");
    // The run's clock is 2026-11-25T12:00Z: 10 days back is 2026-11-15T12:00Z; the demo's
    // bundle has versions modified on 2026-11-18 and older ones.
    List<JsonNode> fresh = kind(scan("--max-age", "10d"), "indicator");
    assertThat(fresh).isNotEmpty().hasSizeLessThan(all.size());
    // A plain list has no time of its own (its entries are of 1970): never within an age; MISP
    // attributes (valid_from 1970 too) are dated by their timestamp.
    List<JsonNode> decade = kind(scan("--max-age", "P3650D"), "indicator");
    assertThat(decade).hasSizeGreaterThan(fresh.size()).hasSizeLessThan(all.size());
    assertThat(kind(scan("--max-age", "1h"), "indicator")).isEmpty();
  }

  @Test
  void failOnHitCountsOnlyWhatTheFiltersLetThrough() {
    CliRun none =
        CliRun.kasa(
            "scan",
            "--sigma",
            sigma.toString(),
            "--status",
            "stable",
            "--fail-on-hit",
            logs.toString());
    assertThat(none.status()).as(none.err()).isZero();
    CliRun some =
        CliRun.kasa(
            "scan",
            "--sigma",
            sigma.toString(),
            "--status",
            "experimental",
            "--fail-on-hit",
            logs.toString());
    assertThat(some.status()).isEqualTo(Kasa.HITS);
    assertThat(CliRun.kasa("scan", "--help").out()).contains("Sigma match");
  }

  @Test
  void filtersApplyToTheTableAndToStix() {
    CliRun table =
        CliRun.kasa(
            "scan", "--sigma", sigma.toString(), "--min-level", "critical", logs.toString());
    assertThat(table.out()).doesNotContain("Program in a User Temp Folder Connects Out");
    assertThat(table.out()).contains("Office Dropper Beacons Within Minutes");
    CliRun stix =
        CliRun.kasa(
            "scan",
            "--sigma",
            sigma.toString(),
            "--format",
            "stix",
            "--exclude-tag",
            "attack.t1204",
            logs.toString());
    assertThat(stix.out())
        .doesNotContain("indicator--5b8f3c2e-7a41-4d0b-9c6e-2f1a8e3d9b70")
        .contains("indicator--0e4d6a19-3b7c-4f25-8d1e-6c9a2b7f4e83");
  }

  @Test
  void badValuesAreUsageErrorsNamingTheOptionAndTheValue() {
    String[][] bad = {
      {"--min-level", "severe"},
      {"--from", "yesterday"},
      {"--to", "2026-13-01"},
      {"--min-confidence", "101"},
      {"--max-age", "ten days"},
      {"--max-age", "0d"},
    };
    for (String[] option : bad) {
      CliRun run =
          CliRun.kasa("scan", "--sigma", sigma.toString(), option[0], option[1], logs.toString());
      assertThat(run.status()).as(String.join(" ", option)).isEqualTo(Kasa.USAGE);
      assertThat(run.err()).contains(option[0]).contains("'" + option[1] + "'");
    }
    CliRun backwards =
        CliRun.kasa(
            "scan",
            "--sigma",
            sigma.toString(),
            "--from",
            "2026-02-01",
            "--to",
            "2026-01-01",
            logs.toString());
    assertThat(backwards.status()).isEqualTo(Kasa.USAGE);
    assertThat(backwards.err()).contains("--from").contains("--to");
    CliRun missing =
        CliRun.kasa(
            "scan",
            "--sigma",
            sigma.toString(),
            "--exclude-rules",
            dir.resolve("nope.txt").toString(),
            logs.toString());
    assertThat(missing.status()).isEqualTo(Kasa.USAGE);
    assertThat(missing.err()).contains("--exclude-rules").contains("nope.txt");
  }

  @Test
  void withoutFiltersNothingIsSaidAboutThem() {
    assertThat(scan().err()).doesNotContain("kasa: filters:");
  }
}
