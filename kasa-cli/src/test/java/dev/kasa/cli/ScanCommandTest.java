package dev.kasa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kasa.stix.StixEntry;
import dev.kasa.stix.StixReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kasa scan} options, output formats and exit statuses. */
class ScanCommandTest {
  @TempDir Path dir;
  Path intel;
  Path logs;

  private static final dev.kasa.cli.report.Terminal WIDE =
      new dev.kasa.cli.report.Terminal(400, false);

  @BeforeEach
  void demoFiles() {
    assertThat(CliRun.kasa("demo", "--extract", dir.toString(), "--format", "jsonl").status())
        .isZero();
    intel = dir.resolve("intel");
    logs = dir.resolve("logs");
  }

  @Test
  void tableEndsWithSummariesPerIndicatorActorAndTlp() {
    // Wide enough that no cell is cut: this is about what the table holds, not its layout.
    CliRun run = CliRun.kasaOn(WIDE, "scan", "--intel", intel.toString(), logs.toString());
    assertThat(run.status()).isZero();
    assertThat(run.out()).contains("TIME").contains("203.0.113.45");
    assertThat(run.out()).contains("ACTOR").contains("STORM HALBERD (state-sponsored)");
    assertThat(run.out()).contains("TLP").contains("AMBER").contains("GREEN");
  }

  @Test
  void tableShowsFilesFromTheDirectoryGivenWhileJsonLinesKeepThePathAsGiven() {
    CliRun table = CliRun.kasaOn(WIDE, "scan", "--intel", intel.toString(), logs.toString());
    assertThat(table.out()).contains(" logs/zeek/conn.log:10 ").doesNotContain(dir.toString());
    CliRun jsonl =
        CliRun.kasa("scan", "--intel", intel.toString(), "--format", "jsonl", logs.toString());
    assertThat(jsonl.jsonLines())
        .allSatisfy(h -> assertThat(h.get("file").asText()).startsWith(logs.toString() + "/"));
  }

  @Test
  void aFieldMapFileAddsFieldsToTheDefaults() throws IOException {
    Path log =
        Files.writeString(
            dir.resolve("proxy.json"),
            "{\"ts\":1795161600,\"uid\":\"C1\",\"id.orig_h\":\"10.7.1.2\",\"upstream\":\"cdn.update-check.example\"}\n");
    String[] args = {
      "scan", "--intel", intel.toString(), "--format", "jsonl", "--input-format", "zeek-json"
    };
    CliRun without = CliRun.kasa(concat(args, log.toString()));
    assertThat(without.jsonLines()).isEmpty();
    Path map = Files.writeString(dir.resolve("site.map"), "[zeek]\nupstream = DOMAIN\n");
    CliRun with = CliRun.kasa(concat(args, "--field-map", map.toString(), log.toString()));
    assertThat(with.status()).as(with.err()).isZero();
    assertThat(with.jsonLines())
        .singleElement()
        .satisfies(h -> assertThat(h.get("field").asText()).isEqualTo("upstream"));
  }

  private static String[] concat(String[] head, String... tail) {
    String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }

  @Test
  void failOnHitExitsWithOneOnlyWhenSomethingIsHit() throws IOException {
    assertThat(
            CliRun.kasa("scan", "--fail-on-hit", "--intel", intel.toString(), logs.toString())
                .status())
        .isEqualTo(Kasa.HITS);
    Path clean =
        Files.writeString(dir.resolve("clean.json"), "{\"ts\":1795161600,\"ip\":\"10.1.1.1\"}\n");
    CliRun run =
        CliRun.kasa("scan", "--fail-on-hit", "--intel", intel.toString(), clean.toString());
    assertThat(run.status()).isZero();
    assertThat(run.out()).contains("No indicator was hit.");
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(CliRun.kasa("scan", logs.toString()).status()).isEqualTo(Kasa.USAGE);
    assertThat(
            CliRun.kasa("scan", "--intel", intel.toString(), "--format", "xml", logs.toString())
                .status())
        .isEqualTo(Kasa.USAGE);
    CliRun missing =
        CliRun.kasa("scan", "--intel", intel.toString(), dir.resolve("nope.log").toString());
    assertThat(missing.status()).isEqualTo(Kasa.USAGE);
    assertThat(missing.err()).contains("nope.log");
    CliRun badFormat =
        CliRun.kasa("scan", "--intel", intel.toString(), "--input-format", "pcap", logs.toString());
    assertThat(badFormat.status()).isEqualTo(Kasa.USAGE);
    assertThat(badFormat.err()).contains("pcap");
  }

  @Test
  void jsonLinesAreOneObjectPerLineWithNothingBeforeIt() {
    CliRun run =
        CliRun.kasa("scan", "--intel", intel.toString(), "--format", "jsonl", logs.toString());
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSizeGreaterThan(2);
    assertThat(lines).allSatisfy(l -> assertThat(l).startsWith("{\"kind\":").endsWith("}"));
    assertThat(run.out()).endsWith("}\n");
  }

  @Test
  void readsLogsFromStandardInput() {
    String line =
        "{\"ts\":1795161600.5,\"id.orig_h\":\"10.7.1.9\",\"id.resp_h\":\"203.0.113.45\"}\n";
    CliRun run =
        CliRun.kasaWithStdin(line, "scan", "--intel", intel.toString(), "--format", "jsonl", "-");
    assertThat(run.status()).isZero();
    List<JsonNode> hits = run.jsonLines();
    assertThat(hits).hasSize(1);
    assertThat(hits.get(0).get("file").asText()).isEqualTo("-");
    assertThat(hits.get(0).get("line").asLong()).isEqualTo(1);
    assertThat(hits.get(0).get("value").asText()).isEqualTo("203.0.113.45");
  }

  @Test
  void readsIntelligenceFromStandardInput() throws IOException {
    Path log = Files.writeString(dir.resolve("one.json"), "{\"dst\":\"198.51.100.77\"}\n");
    CliRun run =
        CliRun.kasaWithStdin(
            "198.51.100.77\n", "scan", "--intel", "-", "--format", "jsonl", log.toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.jsonLines()).singleElement();
  }

  @Test
  void eventsWithoutTimeAreMatchedAtScanTime() throws IOException {
    Path noTime = Files.writeString(dir.resolve("notime.json"), "{\"dst\":\"203.0.113.45\"}\n");
    CliRun run =
        CliRun.kasa("scan", "--intel", intel.toString(), "--format", "jsonl", noTime.toString());
    assertThat(run.jsonLines())
        .singleElement()
        .satisfies(h -> assertThat(h.get("time").asText()).isEqualTo("2026-11-25T12:00:00.000Z"));
  }

  @Test
  void stixOutputIsABundleOfSightingsMarkedLikeTheirIndicators() {
    CliRun jsonl =
        CliRun.kasa("scan", "--intel", intel.toString(), "--format", "jsonl", logs.toString());
    // A partner's indicator is sighted under its own id; a plain-list entry under the id of the
    // indicator object the bundle holds for it.
    Set<String> hitIds = new HashSet<>();
    jsonl.jsonLines().stream()
        .filter(h -> !h.get("provenance").get("source").asText().endsWith(".txt"))
        .forEach(h -> hitIds.add(h.get("indicator").get("id").asText()));

    CliRun run =
        CliRun.kasa(
            "scan",
            "--intel",
            intel.toString(),
            "--format",
            "stix",
            "--identity",
            "Base 7 SOC",
            logs.toString());
    assertThat(run.status()).isZero();
    JsonNode bundle = run.json();
    assertThat(bundle.get("type").asText()).isEqualTo("bundle");
    JsonNode identity = bundle.get("objects").get(0);
    assertThat(identity.get("type").asText()).isEqualTo("identity");
    assertThat(identity.get("name").asText()).isEqualTo("Base 7 SOC");
    long total = 0;
    Set<String> sighted = new HashSet<>();
    List<StixEntry> entries = readAll(run.out());
    assertThat(entries)
        .hasSize(bundle.get("objects").size())
        .allSatisfy(e -> assertThat(e.errors()).isEmpty());
    for (JsonNode o : bundle.get("objects")) {
      if (!o.get("type").asText().equals("sighting")) {
        continue;
      }
      sighted.add(o.get("sighting_of_ref").asText());
      total += o.get("count").asLong();
      assertThat(o.get("where_sighted_refs").get(0).asText())
          .isEqualTo(identity.get("id").asText());
      assertThat(o.get("first_seen").asText()).isLessThanOrEqualTo(o.get("last_seen").asText());
      if (o.get("sighting_of_ref")
          .asText()
          .equals("indicator--85d1586e-3e61-4017-b47d-3a1317e9e8ff")) {
        assertThat(o.get("object_marking_refs").get(0).asText())
            .isEqualTo("marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421");
      }
    }
    Set<String> held = new HashSet<>();
    for (JsonNode o : bundle.get("objects")) {
      if (o.get("type").asText().equals("indicator")) {
        held.add(o.get("id").asText());
      }
    }
    assertThat(sighted).containsAll(hitIds);
    assertThat(sighted).allMatch(id -> hitIds.contains(id) || held.contains(id));
    assertThat(held).isNotEmpty().doesNotContainAnyElementsOf(hitIds);
    assertThat(total).isEqualTo(jsonl.jsonLines().size());
  }

  private static List<StixEntry> readAll(String json) {
    StixReader reader =
        new StixReader(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "out");
    List<StixEntry> entries = new ArrayList<>();
    for (StixEntry e = reader.next(); e != null; e = reader.next()) {
      entries.add(e);
    }
    return entries;
  }

  @Test
  void anUnreadableInputIsReportedAndTheScanGoesOnWithStatusThree() throws IOException {
    Path corrupt =
        Files.write(dir.resolve("broken.log.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2});
    CliRun run =
        CliRun.kasa(
            "scan",
            "--intel",
            intel.toString(),
            "--format",
            "jsonl",
            corrupt.toString(),
            logs.toString());
    assertThat(run.status()).isEqualTo(Kasa.INCOMPLETE);
    assertThat(run.err()).contains("broken.log.gz");
    assertThat(run.jsonLines()).isNotEmpty();
  }

  @Test
  void aTruncatedGzipLogGivesItsHitsBeforeTheDamageThenStatusThree() throws IOException {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      lines.append("{\"ts\":1795161600,\"n\":").append(i).append(",\"dst\":\"203.0.113.45\"}\n");
    }
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (var out = new java.util.zip.GZIPOutputStream(gz)) {
      out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
    }
    byte[] whole = gz.toByteArray();
    Path cut =
        Files.write(dir.resolve("cut.json.gz"), java.util.Arrays.copyOf(whole, whole.length - 100));
    CliRun run =
        CliRun.kasa("scan", "--intel", intel.toString(), "--format", "jsonl", cut.toString());
    assertThat(run.status()).isEqualTo(Kasa.INCOMPLETE);
    assertThat(run.jsonLines()).hasSizeGreaterThan(4000);
    assertThat(run.err())
        .contains("unreadable: " + cut + ": truncated gzip stream after " + (whole.length - 100));
  }
}
