package dev.kasa.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kasa.observable.ObservableType;
import dev.kasa.observable.Observables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadGeneratorTest {
  private static final int N = 3_000;
  private static final long M = 60_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] FILES = {
    "intel/indicators.json",
    "intel/values.txt",
    "logs/conn.log",
    "logs/dns.log",
    "logs/http.log",
    "logs/files.log",
    "expected-hits.txt",
    "expected-hit-lines.txt",
    "workload.properties"
  };

  @TempDir static Path shared;
  static Path dir;
  static WorkloadGenerator.Summary summary;

  @BeforeAll
  static void generate() throws IOException {
    dir = shared.resolve("w");
    summary = WorkloadGenerator.generate(new WorkloadGenerator.Spec(N, M, 11, dir));
  }

  @Test
  void sameSeedWritesSameBytesAndOtherSeedDiffers(@TempDir Path tmp) throws IOException {
    Path again = tmp.resolve("again");
    Path other = tmp.resolve("other");
    WorkloadGenerator.generate(new WorkloadGenerator.Spec(N, M, 11, again));
    WorkloadGenerator.generate(new WorkloadGenerator.Spec(N, M, 12, other));
    for (String f : FILES) {
      assertThat(Files.mismatch(dir.resolve(f), again.resolve(f))).as(f).isEqualTo(-1L);
    }
    assertThat(Files.mismatch(dir.resolve("logs/conn.log"), other.resolve("logs/conn.log")))
        .isNotEqualTo(-1L);
  }

  @Test
  void logsAreZeekJsonLinesInTimeOrder() throws IOException {
    long total = 0;
    Map<String, List<String>> required =
        Map.of(
            "conn.log", List.of("uid", "id.orig_h", "id.resp_h", "id.resp_p", "proto", "history"),
            "dns.log", List.of("uid", "id.resp_h", "query", "qtype_name", "rcode_name"),
            "http.log", List.of("uid", "method", "host", "uri", "user_agent", "status_code"),
            "files.log", List.of("fuid", "tx_hosts", "rx_hosts", "mime_type", "md5", "sha256"));
    for (var e : required.entrySet()) {
      double last = 0;
      for (String line : Files.readAllLines(dir.resolve("logs").resolve(e.getKey()))) {
        JsonNode node = JSON.readTree(line);
        assertThat(node.isObject()).as(line).isTrue();
        for (String field : e.getValue()) {
          assertThat(node.has(field)).as(e.getKey() + " " + field + ": " + line).isTrue();
        }
        double ts = node.get("ts").asDouble();
        assertThat(ts).isGreaterThanOrEqualTo(last);
        last = ts;
        total++;
      }
    }
    assertThat(total).isEqualTo(M);
  }

  @Test
  void bundleIsWellFormedStix() throws IOException {
    JsonNode bundle = JSON.readTree(dir.resolve("intel/indicators.json").toFile());
    assertThat(bundle.get("type").asText()).isEqualTo("bundle");
    assertThat(bundle.get("id").asText()).matches("bundle--[0-9a-f-]{36}");
    Map<String, String> typeById = new HashMap<>();
    List<JsonNode> indicators = new ArrayList<>();
    int government = 0;
    for (JsonNode o : bundle.get("objects")) {
      String type = o.get("type").asText();
      assertThat(o.get("spec_version").asText()).isEqualTo("2.1");
      assertThat(o.get("id").asText()).startsWith(type + "--");
      assertThat(typeById.put(o.get("id").asText(), type)).as("duplicate id").isNull();
      if (type.equals("indicator")) {
        indicators.add(o);
      }
      if ("government".equals(o.path("resource_level").asText())) {
        government++;
      }
    }
    assertThat(government).isPositive();
    List<String> values = Files.readAllLines(dir.resolve("intel/values.txt"));
    assertThat(indicators).hasSize(N);
    assertThat(values).hasSize(N).doesNotHaveDuplicates();
    for (int i = 0; i < N; i++) {
      JsonNode ind = indicators.get(i);
      for (String p : List.of("created", "modified", "name", "valid_from", "indicator_types")) {
        assertThat(ind.has(p)).as(p).isTrue();
      }
      assertThat(ind.get("id").asText())
          .matches(
              "indicator--[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-"
                  + "[89ab][0-9a-f]{3}-[0-9a-f]{12}");
      assertThat(ind.get("created").asText())
          .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
      assertThat(ind.get("pattern_type").asText()).isEqualTo("stix");
      String pattern = ind.get("pattern").asText();
      String value = values.get(i);
      ObservableType type = Observables.infer(value).orElseThrow();
      assertThat(Observables.normalize(type, value)).isEqualTo(value);
      String path =
          switch (type) {
            case IPV4 -> "ipv4-addr:value";
            case DOMAIN -> "domain-name:value";
            case URL -> "url:value";
            case SHA256 -> "file:hashes.'SHA-256'";
            default -> throw new AssertionError("unexpected type " + type + " of " + value);
          };
      assertThat(pattern).isEqualTo("[" + path + " = '" + value + "']");
      for (JsonNode ref : ind.get("object_marking_refs")) {
        assertThat(typeById.get(ref.asText())).isEqualTo("marking-definition");
      }
    }
    long relationships = 0;
    for (JsonNode o : bundle.get("objects")) {
      if (o.get("type").asText().equals("relationship")) {
        assertThat(o.get("relationship_type").asText()).isEqualTo("indicates");
        assertThat(typeById.get(o.get("source_ref").asText())).isEqualTo("indicator");
        assertThat(typeById.get(o.get("target_ref").asText())).isEqualTo("intrusion-set");
        relationships++;
      }
    }
    assertThat(relationships).isEqualTo(summary.relationships()).isBetween(N / 40L, N / 10L);
  }

  @Test
  void expectedHitsAreExactlyTheEventsCarryingAnIndicatorValue() throws IOException {
    NaiveMatcher matcher = new NaiveMatcher(Files.readAllLines(dir.resolve("intel/values.txt")));
    Set<String> found = new HashSet<>();
    for (String log : ZeekLogWriter.LOG_NAMES) {
      List<String> lines = Files.readAllLines(dir.resolve("logs").resolve(log));
      for (int i = 0; i < lines.size(); i++) {
        if (matcher.matches(JSON.readTree(lines.get(i)))) {
          found.add(log + ":" + (i + 1));
        }
      }
    }
    List<String> expected = Files.readAllLines(dir.resolve("expected-hit-lines.txt"));
    long count = Long.parseLong(Files.readString(dir.resolve("expected-hits.txt")).strip());
    assertThat(count).isEqualTo(summary.expectedHits()).isEqualTo(expected.size());
    // About one event in a thousand: well inside [M/2000, M/500] for this seed and size.
    assertThat(count).isBetween(M / 2000, M / 500);
    assertThat(found).containsExactlyInAnyOrderElementsOf(expected);
    try (Stream<String> kinds = expected.stream().map(l -> l.substring(0, l.indexOf(':')))) {
      assertThat(kinds.distinct()).as("hits in every log").hasSize(4);
    }
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> WorkloadGenerator.parse(new String[] {"--indicators", "x"}))
        .hasMessageContaining("'x'");
    assertThatThrownBy(() -> WorkloadGenerator.parse(new String[] {"--events", "5"}))
        .hasMessageContaining("required");
    assertThatThrownBy(() -> WorkloadGenerator.parse(new String[] {"--bogus", "1"}))
        .hasMessageContaining("--bogus");
    assertThat(
            WorkloadGenerator.parse(
                new String[] {"--indicators", "1_000", "--events", "5", "--out", "/tmp/x"}))
        .isEqualTo(new WorkloadGenerator.Spec(1000, 5, 42, Path.of("/tmp/x")));
  }
}
