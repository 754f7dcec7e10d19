package dev.kasa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kasa.sighting.KasaUuids;
import dev.kasa.stix.StixEntry;
import dev.kasa.stix.StixReader;
import dev.kasa.stix.StixValidator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kasa scan --format stix} gives partners a bundle they can use: it validates, it holds the
 * TLP marking definitions, the Sigma rules and the plain-list indicators it sights, and with {@code
 * --observed} the values seen; every reference resolves inside it but the partners' own indicators.
 */
class ShareBackBundleTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String AMBER = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";
  private static final List<String> RULES =
      List.of(
          "indicator--5b8f3c2e-7a41-4d0b-9c6e-2f1a8e3d9b70",
          "indicator--0e4d6a19-3b7c-4f25-8d1e-6c9a2b7f4e83",
          "indicator--9c2a7e51-4d3f-4b8a-a6e0-1f5d8c3b2a94");

  @TempDir static Path dir;
  static Path demo;
  static JsonNode plain;
  static JsonNode observed;
  static Set<String> partnerIndicators;

  @BeforeAll
  static void sweepTheDemo() {
    demo = extract("demo");
    plain = bundle(demo);
    observed = bundle(demo, "--observed");
    partnerIndicators = new HashSet<>();
    for (JsonNode h : scan(demo, "jsonl").jsonLines()) {
      if (h.get("kind").asText().equals("indicator")
          && !h.get("provenance").get("source").asText().endsWith(".txt")) {
        partnerIndicators.add(h.get("indicator").get("id").asText());
      }
    }
  }

  private static Path extract(String name) {
    Path d = dir.resolve(name);
    CliRun run = CliRun.kasa("demo", "--extract", d.toString(), "--format", "jsonl");
    assertThat(run.status()).as(run.err()).isZero();
    return d;
  }

  private static CliRun scan(Path base, String format, String... extra) {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "scan",
            "--intel",
            base.resolve("intel").toString(),
            "--sigma",
            base.resolve("sigma").toString(),
            "--format",
            format));
    args.addAll(List.of(extra));
    args.add(base.resolve("logs").toString());
    CliRun run = CliRun.kasa(args.toArray(String[]::new));
    assertThat(run.status()).as(run.err()).isZero();
    return run;
  }

  private static JsonNode bundle(Path base, String... extra) {
    return scan(base, "stix", extra).json();
  }

  private static List<JsonNode> objects(JsonNode bundle, String type) {
    return StreamSupport.stream(bundle.get("objects").spliterator(), false)
        .filter(o -> o.get("type").asText().equals(type))
        .toList();
  }

  private static Map<String, JsonNode> byId(JsonNode bundle) {
    Map<String, JsonNode> out = new HashMap<>();
    bundle.get("objects").forEach(o -> out.put(o.get("id").asText(), o));
    return out;
  }

  /** Every {@code *_ref} and {@code *_refs} value, anywhere in {@code node}, as name=value. */
  private static void references(JsonNode node, List<String[]> out) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        var e = it.next();
        if (e.getKey().endsWith("_ref") && e.getValue().isTextual()) {
          out.add(new String[] {e.getKey(), e.getValue().asText()});
        } else if (e.getKey().endsWith("_refs") && e.getValue().isArray()) {
          e.getValue().forEach(v -> out.add(new String[] {e.getKey(), v.asText()}));
        } else {
          references(e.getValue(), out);
        }
      }
    } else if (node.isArray()) {
      node.forEach(v -> references(v, out));
    }
  }

  @Test
  void everyBundleValidatesAndResolvesEveryReferenceButThePartnersIndicators() throws IOException {
    assertThat(partnerIndicators).isNotEmpty();
    for (JsonNode bundle : List.of(plain, observed)) {
      String text = JSON.writeValueAsString(bundle);
      StixReader reader =
          new StixReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "out");
      int n = 0;
      for (StixEntry e = reader.next(); e != null; e = reader.next()) {
        assertThat(e.errors()).as(e.path()).isEmpty();
        assertThat(StixValidator.validate(e.object(), e.path())).as(e.path()).isEmpty();
        n++;
      }
      assertThat(n).isEqualTo(bundle.get("objects").size());
      Map<String, JsonNode> ids = byId(bundle);
      List<String[]> refs = new ArrayList<>();
      references(bundle.get("objects"), refs);
      Set<String> outside = new TreeSet<>();
      for (String[] r : refs) {
        if (!ids.containsKey(r[1])) {
          assertThat(r[0]).as(r[1]).isEqualTo("sighting_of_ref");
          assertThat(partnerIndicators).as("a partner's indicator").contains(r[1]);
          outside.add(r[1]);
        }
      }
      assertThat(outside).as("the partners' indicators keep their ids").isNotEmpty();
    }
  }

  @Test
  void theBundleHoldsTheStandardTlpDefinitionsItReferences() {
    Set<String> referenced = new TreeSet<>();
    List<String[]> refs = new ArrayList<>();
    references(plain.get("objects"), refs);
    refs.stream()
        .filter(r -> r[1].startsWith("marking-definition--"))
        .forEach(r -> referenced.add(r[1]));
    Set<String> held = new TreeSet<>();
    objects(plain, "marking-definition").forEach(m -> held.add(m.get("id").asText()));
    assertThat(held).isEqualTo(referenced).contains(AMBER);
    JsonNode amber = byId(plain).get(AMBER);
    assertThat(amber.toString())
        .isEqualTo(
            "{\"type\":\"marking-definition\",\"spec_version\":\"2.1\",\"id\":\""
                + AMBER
                + "\",\"created\":\"2022-10-01T00:00:00.000Z\",\"name\":\"TLP:AMBER\","
                + "\"extensions\":{\"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d\":"
                + "{\"extension_type\":\"property-extension\",\"tlp_2_0\":\"amber\"}}}");
  }

  @Test
  void everySightedRuleIsASigmaIndicatorWithItsText() {
    Map<String, JsonNode> ids = byId(plain);
    Set<String> sighted = new TreeSet<>();
    objects(plain, "sighting").forEach(s -> sighted.add(s.get("sighting_of_ref").asText()));
    assertThat(sighted).containsAll(RULES);
    for (String rule : RULES) {
      JsonNode i = ids.get(rule);
      assertThat(i.get("type").asText()).isEqualTo("indicator");
      assertThat(i.get("pattern_type").asText()).isEqualTo("sigma");
      assertThat(i.get("pattern").asText())
          .contains("id: " + rule.substring("indicator--".length()))
          .contains("title: " + i.get("name").asText())
          .doesNotStartWith("---");
      assertThat(i.get("description").asText()).isNotBlank();
      assertThat(i.get("valid_from").asText()).isEqualTo("2026-11-20T00:00:00Z");
      assertThat(i.has("object_marking_refs")).isFalse();
    }
    assertThat(ids.get(RULES.get(0)).get("name").asText())
        .isEqualTo("Office Application Starts a Program From a User Temp Folder");
  }

  @Test
  void aRuleWithoutIdIsSharedUnderANameBasedId() throws IOException {
    Path rules = Files.createDirectories(dir.resolve("more-rules"));
    Files.writeString(
        rules.resolve("no-id.yml"),
        """
        title: Temp Program Network Connection Without Id
        description: The same behaviour, written without an id.
        logsource:
            category: network_connection
            product: windows
        detection:
            selection:
                Image|contains: '\\\\AppData\\\\Local\\\\Temp\\\\'
            condition: selection
        level: low
        """);
    String id =
        "indicator--" + KasaUuids.of("sigma-rule|Temp Program Network Connection Without Id");
    for (int run = 0; run < 2; run++) {
      JsonNode bundle =
          CliRun.kasa(
                  "scan",
                  "--sigma",
                  rules.toString(),
                  "--format",
                  "stix",
                  demo.resolve("logs").toString())
              .json();
      assertThat(objects(bundle, "sighting"))
          .extracting(s -> s.get("sighting_of_ref").asText())
          .containsExactly(id);
      JsonNode i = byId(bundle).get(id);
      assertThat(i.get("pattern").asText()).startsWith("title: Temp Program");
      assertThat(i.get("description").asText())
          .isEqualTo("The same behaviour, written without an id.");
      assertThat(i.get("valid_from").asText()).isEqualTo("1970-01-01T00:00:00Z");
    }
  }

  @Test
  void plainListHitsSightAnIndicatorTheBundleHoldsUnderAStableId() {
    Map<String, JsonNode> ids = byId(plain);
    List<JsonNode> listed =
        objects(plain, "indicator").stream()
            .filter(
                i -> i.path("description").asText().equals("Listed in base7-cert-blocklist.txt."))
            .toList();
    assertThat(listed).hasSizeGreaterThanOrEqualTo(2);
    Set<String> sighted = new TreeSet<>();
    objects(plain, "sighting").forEach(s -> sighted.add(s.get("sighting_of_ref").asText()));
    for (JsonNode i : listed) {
      assertThat(sighted).contains(i.get("id").asText());
      assertThat(i.get("pattern_type").asText()).isEqualTo("stix");
      assertThat(i.get("pattern").asText()).startsWith("[");
      assertThat(ids).containsKey(i.get("created_by_ref").asText());
    }
    assertThat(listed)
        .extracting(i -> i.get("pattern").asText())
        .contains(
            "[ipv6-addr:value = '2001:db8::bad']",
            "[file:hashes.MD5 = '4a527f83a3a4ca7e1d70adb26a35b72e']");
    // Another copy of the demo, elsewhere: the same list entries get the same ids.
    JsonNode again = bundle(extract("demo-again"));
    assertThat(
            objects(again, "indicator").stream()
                .filter(i -> i.path("description").asText().startsWith("Listed in "))
                .map(i -> i.get("id").asText())
                .toList())
        .containsExactlyInAnyOrderElementsOf(
            listed.stream().map(i -> i.get("id").asText()).toList());
  }

  @Test
  void observedDataHoldsTheValuesAndHostsMarkedAsTheSighting() {
    Map<String, JsonNode> ids = byId(observed);
    int withData = 0;
    Set<String> hosts = new TreeSet<>();
    for (JsonNode s : objects(observed, "sighting")) {
      if (RULES.contains(s.get("sighting_of_ref").asText())) {
        assertThat(s.has("observed_data_refs")).isFalse();
        continue;
      }
      assertThat(s.get("observed_data_refs")).hasSize(1);
      JsonNode data = ids.get(s.get("observed_data_refs").get(0).asText());
      withData++;
      assertThat(data.get("type").asText()).isEqualTo("observed-data");
      assertThat(data.path("object_marking_refs")).isEqualTo(s.path("object_marking_refs"));
      assertThat(data.get("number_observed").asInt()).isEqualTo(s.get("count").asInt());
      assertThat(data.get("first_observed")).isEqualTo(s.get("first_seen"));
      for (JsonNode ref : data.get("object_refs")) {
        JsonNode sco = ids.get(ref.asText());
        assertThat(sco.path("object_marking_refs")).isEqualTo(s.path("object_marking_refs"));
      }
      data.path("x_kasa_hosts").forEach(h -> hosts.add(h.asText()));
    }
    assertThat(withData).isGreaterThan(5);
    assertThat(hosts).contains("ws-7-17.base7.example");
    // The address of an AMBER indicator, as the id its value determines.
    JsonNode c2 =
        ids.get(
            "ipv4-addr--"
                + KasaUuids.of(KasaUuids.STIX_OBSERVABLES, "{\"value\":\"203.0.113.45\"}"));
    assertThat(c2.get("value").asText()).isEqualTo("203.0.113.45");
    assertThat(c2.get("object_marking_refs").get(0).asText()).isEqualTo(AMBER);
  }

  @Test
  void observablesHaveTheIdsOfTheStixSpecification() throws IOException {
    Path list = Files.writeString(dir.resolve("spec.txt"), "198.51.100.3\n");
    Path log =
        Files.writeString(
            dir.resolve("conn.json"),
            "{\"ts\":1795161600,\"uid\":\"C1\",\"id.orig_h\":\"10.0.0.1\",\"id.orig_p\":1,"
                + "\"id.resp_h\":\"198.51.100.3\",\"id.resp_p\":443}\n");
    JsonNode bundle =
        CliRun.kasa(
                "scan",
                "--intel",
                list.toString(),
                "--format",
                "stix",
                "--observed",
                "--input-format",
                "zeek-json",
                log.toString())
            .json();
    // STIX 2.1 section 2.9's example.
    assertThat(byId(bundle)).containsKey("ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4");
  }

  @Test
  void observedWithoutStixIsAUsageError() {
    CliRun run =
        CliRun.kasa(
            "scan",
            "--intel",
            demo.resolve("intel").toString(),
            "--observed",
            "--format",
            "jsonl",
            demo.resolve("logs").toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("--observed").contains("--format stix");
  }
}
