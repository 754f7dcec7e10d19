package dev.kasa.sigma.logsource;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kasa.TestCorpora;
import dev.kasa.sigma.rule.LogSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The built-in map against SigmaHQ's corpus (skipped when absent): every Windows logsource has
 * variants, and the sample events of the regression tests belong to their rule's logsource.
 */
class LogSourceCorpusTest {
  private static final List<String> FOLDERS =
      List.of(
          "rules",
          "rules-emerging-threats",
          "rules-threat-hunting",
          "rules-placeholder",
          "rules-compliance",
          "rules-dfir");
  private static final LogSourceMap MAP = LogSourceMap.defaults();

  private record Rule(Path file, String id, LogSource logsource) {}

  private static Path sigma() {
    return TestCorpora.dir("sigma");
  }

  private static List<Rule> rules(Path sigma) throws IOException {
    List<Rule> rules = new ArrayList<>();
    for (String folder : FOLDERS) {
      Path dir = sigma.resolve(folder);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path file : walk.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
          String text = Files.readString(file);
          // a Load is not reusable: one per file; the buffer holds the whole text because
          // snakeyaml-engine 2.10 fails on a surrogate pair at a buffer boundary (emoji rules)
          Load load =
              new Load(
                  LoadSettings.builder()
                      .setLabel(file.toString())
                      .setBufferSize(text.length() + 1)
                      .build());
          for (Object doc : load.loadAllFromString(text)) {
            if (doc instanceof Map<?, ?> map && map.get("logsource") instanceof Map<?, ?> ls) {
              rules.add(
                  new Rule(
                      file,
                      String.valueOf(map.get("id")),
                      new LogSource(
                          part(ls, "category"), part(ls, "product"), part(ls, "service"))));
            }
          }
        }
      }
    }
    return rules;
  }

  private static String part(Map<?, ?> logsource, String key) {
    Object value = logsource.get(key);
    return value == null ? null : value.toString().toLowerCase(Locale.ROOT);
  }

  @Test
  void everyWindowsLogsourceOfTheCorpusHasVariants() throws IOException {
    List<Rule> rules = rules(sigma());
    Map<LogSource, Integer> counts = new HashMap<>();
    rules.forEach(r -> counts.merge(r.logsource(), 1, Integer::sum));
    TreeMap<String, Integer> unmapped = new TreeMap<>();
    TreeMap<String, Integer> unmappedWindows = new TreeMap<>();
    int mappedRules = 0;
    for (var e : counts.entrySet()) {
      if (MAP.variants(e.getKey()).isEmpty()) {
        unmapped.put(e.getKey().toString(), e.getValue());
        if ("windows".equals(e.getKey().product())) {
          unmappedWindows.put(e.getKey().toString(), e.getValue());
        }
      } else {
        mappedRules += e.getValue();
      }
    }
    System.out.printf(
        "logsources: %d distinct in %d rules; mapped: %d logsources, %d rules;"
            + " without a mapping: %d logsources, %d rules%n",
        counts.size(),
        rules.size(),
        counts.size() - unmapped.size(),
        mappedRules,
        unmapped.size(),
        rules.size() - mappedRules);
    unmapped.forEach((ls, n) -> System.out.printf("  no mapping: %4d  %s%n", n, ls));

    assertThat(rules).hasSizeGreaterThan(1000);
    assertThat(unmappedWindows).isEmpty();
  }

  @Test
  void regressionSamplesBelongToTheirRulesLogsource() throws IOException {
    Path sigma = sigma();
    Path data = sigma.resolve("regression_data");
    Assumptions.assumeTrue(Files.isDirectory(data), "no regression_data under " + sigma);
    Map<String, Rule> byId = new HashMap<>();
    rules(sigma).forEach(r -> byId.put(r.id(), r));
    ObjectMapper json = new ObjectMapper();
    int tests = 0;
    int events = 0;
    List<String> failures = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(data)) {
      for (Path info : walk.filter(f -> f.endsWith("info.yml")).sorted().toList()) {
        Map<?, ?> meta =
            (Map<?, ?>)
                new Load(LoadSettings.builder().build()).loadFromString(Files.readString(info));
        Map<?, ?> ruleMeta = (Map<?, ?>) ((List<?>) meta.get("rule_metadata")).get(0);
        Rule rule = byId.get(String.valueOf(ruleMeta.get("id")));
        if (rule == null) {
          failures.add(info + ": rule " + ruleMeta.get("id") + " not in the corpus");
          continue;
        }
        List<SourceVariant> variants = MAP.variants(rule.logsource());
        try (Stream<Path> samples = Files.list(info.getParent())) {
          for (Path sample : samples.filter(f -> f.toString().endsWith(".json")).toList()) {
            tests++;
            try (MappingIterator<JsonNode> it =
                json.readerFor(JsonNode.class)
                    .with(JsonParser.Feature.AUTO_CLOSE_SOURCE)
                    .readValues(sample.toFile())) {
              while (it.hasNext()) {
                events++;
                Map<String, String> event = flatten(it.next());
                if (variants.stream().noneMatch(v -> belongs(event, v))) {
                  failures.add(
                      sample.getFileName()
                          + " ("
                          + rule.logsource()
                          + "): event Channel="
                          + event.get("Channel")
                          + " EventID="
                          + event.get("EventID")
                          + " fits no variant of "
                          + variants.stream().map(SourceVariant::name).toList());
                }
              }
            }
          }
        }
      }
    }
    System.out.printf("regression samples: %d tests, %d events%n", tests, events);

    assertThat(tests).isPositive();
    assertThat(failures).isEmpty();
  }

  /** Sigma's names for evtx_dump JSON, enough for conditions: System and EventData leaves. */
  private static Map<String, String> flatten(JsonNode record) {
    Map<String, String> fields = new HashMap<>();
    JsonNode event = record.path("Event");
    event.path("System").properties().forEach(e -> put(fields, e.getKey(), e.getValue()));
    event.path("EventData").properties().forEach(e -> put(fields, e.getKey(), e.getValue()));
    return fields;
  }

  private static void put(Map<String, String> fields, String name, JsonNode value) {
    if (value.isValueNode()) {
      fields.put(name, value.asText());
    } else if (value.has("#text")) {
      fields.put(name, value.get("#text").asText());
    }
    value
        .path("#attributes")
        .properties()
        .forEach(a -> fields.put(name + "_" + a.getKey(), a.getValue().asText()));
  }

  private static boolean belongs(Map<String, String> event, SourceVariant variant) {
    return belongs(event, variant, "evtx-json");
  }

  private static boolean belongs(Map<String, String> event, SourceVariant variant, String source) {
    if (!variant.appliesTo(source)) {
      return false;
    }
    for (var condition : variant.conditions().entrySet()) {
      String value = event.get(MAP.eventField(source, condition.getKey()));
      if (value == null || condition.getValue().stream().noneMatch(value::equalsIgnoreCase)) {
        return false;
      }
    }
    return true;
  }

  @Test
  void otrfWindowsJsonEventsFallIntoTheirCategories() throws IOException {
    Path otrf = TestCorpora.dir("otrf");
    List<String> categories =
        List.of(
            "process_creation",
            "network_connection",
            "image_load",
            "process_access",
            "file_event",
            "registry_event",
            "pipe_created",
            "dns_query",
            "file_delete",
            "ps_script",
            "ps_module",
            "ps_classic_start",
            "ps_classic_provider_start",
            "ps_classic_script",
            "create_remote_thread",
            "raw_access_thread",
            "driver_load");
    Map<String, List<SourceVariant>> byCategory = new HashMap<>();
    categories.forEach(c -> byCategory.put(c, MAP.variants(new LogSource(c, "windows", null))));
    TreeMap<String, Integer> hits = new TreeMap<>();
    ObjectMapper json = new ObjectMapper();
    List<Path> zips;
    try (Stream<Path> walk = Files.walk(otrf)) {
      zips = walk.filter(f -> f.toString().endsWith(".zip")).sorted().toList();
    }
    int events = 0;
    int skipped = 0;
    for (Path zip : zips) {
      try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(zip))) {
        while (in.getNextEntry() != null) {
          var lines =
              new java.io.BufferedReader(
                  new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
          String line;
          for (int n = 0; n < 3000 && (line = lines.readLine()) != null; n++) {
            JsonNode node;
            try {
              node = json.readTree(line);
            } catch (IOException e) {
              continue;
            }
            if (node == null || !node.isObject()) {
              continue;
            }
            events++;
            Map<String, String> event = new HashMap<>();
            node.properties()
                .forEach(
                    e -> {
                      if (e.getValue().isValueNode()) {
                        event.put(e.getKey(), e.getValue().asText());
                      }
                    });
            byCategory.forEach(
                (category, variants) ->
                    variants.stream()
                        .filter(v -> belongs(event, v, "windows-json"))
                        .forEach(v -> hits.merge(v.name(), 1, Integer::sum)));
          }
        }
      } catch (java.util.zip.ZipException e) {
        skipped++; // some OTRF archives are encrypted
      }
    }
    System.out.printf(
        "OTRF windows-json: %d events sampled from %d archives (%d unreadable); per variant: %s%n",
        events, zips.size() - skipped, skipped, hits);

    assertThat(hits)
        .containsKeys(
            "process_creation-sysmon",
            "process_creation-security",
            "registry_event-sysmon",
            "ps_script",
            "ps_module",
            "ps_classic_provider_start",
            "ps_classic_script");
  }
}
