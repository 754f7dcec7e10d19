package dev.kasa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled demo, end to end: what the story says must be hit is hit, the traps are not. */
class DemoStoryTest {
  @TempDir static Path dir;
  static List<JsonNode> hits;
  static List<JsonNode> sigma;
  static List<JsonNode> correlations;
  static CliRun run;

  @BeforeAll
  static void sweepTheDemo() {
    run = CliRun.kasa("demo", "--extract", dir.toString(), "--format", "jsonl");
    hits = kind(run.jsonLines(), "indicator");
    sigma = kind(run.jsonLines(), "sigma");
    correlations = kind(run.jsonLines(), "correlation");
  }

  private static List<JsonNode> kind(List<JsonNode> lines, String kind) {
    return lines.stream().filter(l -> l.get("kind").asText().equals(kind)).toList();
  }

  private static Optional<JsonNode> hit(String fileSuffix, long line, String value) {
    return hits.stream()
        .filter(h -> h.get("file").asText().endsWith(fileSuffix))
        .filter(h -> h.get("line").asLong() == line)
        .filter(h -> h.get("value").asText().equals(value))
        .findFirst();
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  @Test
  void completesWithStatusZeroAndReportsHits() {
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(hits).hasSizeGreaterThan(15);
    assertThat(run.err()).contains("hits");
  }

  @Test
  void commandAndControlAddressIsAttributedToTheStateSponsoredGroup() {
    JsonNode h = hit("zeek/conn.log", 10, "203.0.113.45").orElseThrow();
    assertThat(h.get("field").asText()).isEqualTo("id.resp_h");
    assertThat(h.get("time").asText()).isEqualTo("2026-11-20T08:00:22.530Z");
    JsonNode ind = h.get("indicator");
    assertThat(ind.get("id").asText()).isEqualTo("indicator--85d1586e-3e61-4017-b47d-3a1317e9e8ff");
    assertThat(ind.get("tlp").asText()).isEqualTo("amber");
    assertThat(texts(ind.get("actors"))).containsExactly("STORM HALBERD");
    assertThat(ind.get("state_sponsored").asBoolean()).isTrue();
    assertThat(texts(ind.get("techniques"))).containsExactly("T1071.001");
  }

  @Test
  void anAddressInsideTheStagingRangeHitsTheCidrAndReachesTheActorThroughTheCampaign() {
    JsonNode ind = hit("zeek/conn.log", 11, "198.51.100.23").orElseThrow().get("indicator");
    assertThat(ind.get("value").asText()).isEqualTo("198.51.100.0/24");
    assertThat(texts(ind.get("campaigns"))).containsExactly("Operation Frozen Harbor");
    assertThat(texts(ind.get("actors"))).containsExactly("STORM HALBERD");
  }

  @Test
  void subdomainsAndATrailingDotHit() {
    assertThat(hit("zeek/dns.log", 1, "cdn.update-check.example")).isPresent();
    assertThat(hit("zeek/dns.log", 5, "Relay.Harbor-Sync.example.")).isPresent();
  }

  @Test
  void everyTrapTheDemoNamesIsInItsLogsAtThatLineAndIsNotHit() throws Exception {
    assertThat(DemoCommand.traps()).hasSizeGreaterThanOrEqualTo(4);
    for (DemoCommand.Trap trap : DemoCommand.traps()) {
      String[] where = trap.where().split(":");
      List<String> lines = java.nio.file.Files.readAllLines(dir.resolve(where[0]));
      assertThat(lines.get(Integer.parseInt(where[1]) - 1)).as(trap.where()).contains(trap.value());
      assertThat(hits)
          .filteredOn(h -> h.get("file").asText().endsWith(where[0]))
          .filteredOn(h -> h.get("line").asLong() == Long.parseLong(where[1]))
          .extracting(h -> h.get("value").asText().toLowerCase(java.util.Locale.ROOT))
          .as(trap.value() + " at " + trap.where())
          .noneMatch(v -> v.contains(trap.value()));
    }
  }

  @Test
  void theTableSaysWhichTrapsItRightlyDidNotMatchAndHowToRunItAgain() {
    CliRun table = CliRun.kasa("demo");
    assertThat(table.out()).contains("Rightly not matched");
    for (DemoCommand.Trap trap : DemoCommand.traps()) {
      assertThat(table.out()).contains(trap.value() + "  (" + trap.where() + ")");
    }
    assertThat(table.out())
        .contains("kasa demo --extract DIR, then kasa scan --intel DIR/intel")
        .doesNotContain("kasa-demo-");
  }

  @Test
  void urlComposedFromZeekHttpHostAndUriHitsTheNormalisedUrlIndicator() {
    assertThat(hits)
        .anySatisfy(
            h -> {
              assertThat(h.get("file").asText()).endsWith("zeek/http.log");
              assertThat(h.get("indicator").get("type").asText()).isEqualTo("url");
              assertThat(h.get("indicator").get("value").asText())
                  .isEqualTo("http://cdn.update-check.example/agent/update.bin");
              assertThat(texts(h.get("indicator").get("techniques"))).contains("T1105");
            });
  }

  @Test
  void uncompressedIpv6AndUpperCaseHashesFromSysmonHitThePlainList() {
    assertThat(hits)
        .anySatisfy(
            h -> {
              assertThat(h.get("file").asText()).endsWith("workstation-7-17.evtx.json");
              assertThat(h.get("value").asText())
                  .isEqualTo("2001:0db8:0000:0000:0000:0000:0000:0bad");
              assertThat(h.get("indicator").get("value").asText()).isEqualTo("2001:db8::bad");
            });
    assertThat(hits)
        .anySatisfy(
            h -> {
              assertThat(h.get("file").asText()).endsWith("workstation-7-17.evtx.json");
              assertThat(h.get("indicator").get("type").asText()).isEqualTo("file:hashes.MD5");
              assertThat(h.get("value").asText())
                  .isEqualToIgnoringCase("4a527f83a3a4ca7e1d70adb26a35b72e");
            });
  }

  @Test
  void phishingSenderInAnEmailHeaderHits() {
    assertThat(hits)
        .anySatisfy(
            h -> {
              assertThat(h.get("file").asText()).endsWith("zeek/smtp.log");
              assertThat(h.get("indicator").get("value").asText())
                  .isEqualTo("logistics-desk@harbor-freight.example");
            });
  }

  @Test
  void mispIndicatorsCarryTheirTlpAndGalaxyAttribution() {
    JsonNode h = hit("suricata/eve.json", 1, "203.0.113.80").orElseThrow();
    assertThat(h.get("indicator").get("tlp").asText()).isEqualTo("green");
    assertThat(texts(h.get("indicator").get("actors"))).containsExactly("Storm Halberd");
    assertThat(h.get("indicator").get("state_sponsored").asBoolean()).isTrue();
  }

  @Test
  void addressAndPortIndicatorsHitOnlyWithTheirPortOnTheirSide() {
    // STIX [network-traffic:dst_ref.value = '203.0.113.99' AND network-traffic:dst_port = 8443]
    JsonNode fallback = hit("zeek/conn.log", 16, "203.0.113.99").orElseThrow().get("indicator");
    assertThat(fallback.get("id").asText())
        .isEqualTo("indicator--c1aa32aa-5b14-45bd-980f-160347390de7");
    assertThat(fallback.get("port").asInt()).isEqualTo(8443);
    assertThat(fallback.get("port_side").asText()).isEqualTo("destination");
    assertThat(hit("zeek/conn.log", 17, "203.0.113.99")).as("the same address on 443").isEmpty();
    // MISP ip-dst|port 203.0.113.80|443: the TLS flow to it, not its reply leg (the address is
    // the source there) nor the DNS answer that names it.
    assertThat(hit("suricata/eve.json", 1, "203.0.113.80")).isPresent();
    assertThat(hit("suricata/eve.json", 2, "203.0.113.80")).isEmpty();
    assertThat(hit("zeek/dns.log", 7, "203.0.113.80")).isEmpty();
  }

  @Test
  void summaryListsMalformedRecordsWithFileAndLineAndIntelThatDidNotBecomeIndicators() {
    assertThat(run.err()).contains("conn.log:15").contains("dns.log:6");
    assertThat(run.err()).doesNotContain("pending");
    assertThat(run.err())
        .contains("invalid")
        .contains("indicator--06c9c2d0-5eea-40ce-a592-ac4f064d5ce8");
  }

  @Test
  void hitsComeInInputOrder() {
    List<String> keys =
        hits.stream()
            .map(h -> h.get("file").asText() + String.format("%08d", h.get("line").asLong()))
            .toList();
    assertThat(keys).isSorted();
  }

  @Test
  void theOfficeDropperIsCaughtByBehaviourRulesAndTheirCorrelation() {
    assertThat(sigma)
        .extracting(m -> m.get("rule").get("title").asText())
        .containsExactly(
            "Office Application Starts a Program From a User Temp Folder",
            "Program in a User Temp Folder Connects Out");
    JsonNode spawn = sigma.get(0);
    assertThat(spawn.get("file").asText()).endsWith("sysmon/workstation-7-17.evtx.json");
    assertThat(spawn.get("rule").get("level").asText()).isEqualTo("high");
    assertThat(texts(spawn.get("rule").get("techniques"))).containsExactly("T1204.002");
    assertThat(spawn.get("fields").get("ParentImage").asText()).endsWith("\\WINWORD.EXE");
    assertThat(spawn.get("time").asText()).isEqualTo("2026-11-20T08:40:02.417Z");
    assertThat(correlations).hasSize(1);
    JsonNode c = correlations.get(0);
    assertThat(c.get("rule").get("title").asText())
        .isEqualTo("Office Dropper Beacons Within Minutes");
    assertThat(c.get("type").asText()).isEqualTo("temporal_ordered");
    assertThat(c.get("group").get("Computer").asText()).isEqualTo("ws-7-17.base7.example");
    assertThat(texts(c.get("events")))
        .allMatch(e -> e.contains("sysmon/workstation-7-17.evtx.json:"))
        .hasSize(2);
  }
}
