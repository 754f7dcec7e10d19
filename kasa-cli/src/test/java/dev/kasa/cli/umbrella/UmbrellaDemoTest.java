package dev.kasa.cli.umbrella;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kasa.cli.Kasa;
import dev.kasa.node.NodeHome;
import dev.kasa.node.store.IntelBrowser;
import dev.kasa.node.store.Store;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kasa demo umbrella} end to end: three real nodes over HTTPS tell the story, then the test
 * checks its facts in the nodes' own stores and audit logs, not in the demo's words.
 */
class UmbrellaDemoTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path tmp;
  static Path base;
  static String out;
  static JsonNode facts;

  @BeforeAll
  static void runTheStory() throws Exception {
    base = tmp.resolve("umbrella");
    var o = new StringWriter();
    var e = new StringWriter();
    int status =
        Kasa.run(
            new String[] {"demo", "umbrella", "--exit", "--dir", base.toString()},
            InputStream.nullInputStream(),
            new PrintWriter(o),
            new PrintWriter(e),
            Clock.systemUTC());
    out = o.toString();
    assertThat(status).as(out + e).isZero();
    facts = JSON.readTree(Files.readString(base.resolve("story.json")));
  }

  @Test
  void bothAlliesAreArmedWithTheIndicatorAndTheRuleAndTheDelaysAreMeasured() {
    JsonNode armed = facts.path("armed_ms");
    for (String key : List.of("bravo conn", "bravo dns", "charlie conn", "charlie dns")) {
      assertThat(armed.has(key)).as(key).isTrue();
      assertThat(armed.path(key).asLong()).as(key).isNotNegative();
    }
    assertThat(holders(DemoIntel.C2_ID)).containsExactly("alpha", "bravo", "charlie");
    assertThat(holders(DemoIntel.RULE_ID)).containsExactly("alpha", "bravo", "charlie");
  }

  @Test
  void theUtilitysSightingReachesThePublisherThroughTheRelay() {
    String sighting = facts.path("sighting").asText();
    assertThat(sighting).startsWith("sighting--");
    assertThat(holders(sighting)).containsExactly("alpha", "bravo", "charlie");
    assertThat(origins("alpha", sighting)).containsExactly("bravo");
    assertThat(origins("bravo", sighting)).contains("charlie");
    assertThat(facts.path("sighting_at_alpha_ms").asLong()).isNotNegative();
    assertThat(auditRules("bravo", sighting, "sightings-back")).contains("sighting-back-to-source");
    assertThat(auditRules("charlie", sighting, "sightings-back"))
        .contains("sighting-back-to-source");
  }

  @Test
  void amberIsNotRelayedToTheThirdParty() {
    assertThat(holders(DemoIntel.AMBER_ID)).containsExactly("alpha", "bravo");
    assertThat(auditRules("bravo", DemoIntel.AMBER_ID, "refuse"))
        .contains("received-amber-not-relayed");
  }

  @Test
  void redStaysHome() {
    assertThat(holders(DemoIntel.RED_ID)).containsExactly("alpha");
    assertThat(auditRules("alpha", DemoIntel.RED_ID, "refuse")).contains("ours-red-not-named");
  }

  @Test
  void theAuditRecordsEachCrossingAndItsChainsAreIntact() {
    assertThat(auditRules("alpha", DemoIntel.C2_ID, "serve")).isNotEmpty();
    assertThat(auditRules("bravo", DemoIntel.C2_ID, "receive")).isNotEmpty();
    assertThat(auditRules("charlie", DemoIntel.C2_ID, "receive")).isNotEmpty();
    for (String n : List.of("alpha", "bravo", "charlie")) {
      assertThat(kasa("audit", base.resolve(n).toString(), "--verify").status).isZero();
      assertThat(facts.path("audit_entries").path(n).asInt()).isPositive();
    }
  }

  private record Run(int status, String out) {}

  private static Run kasa(String... args) {
    var o = new StringWriter();
    int status =
        Kasa.run(
            args,
            InputStream.nullInputStream(),
            new PrintWriter(o),
            new PrintWriter(new StringWriter()),
            Clock.systemUTC());
    return new Run(status, o.toString());
  }

  /** The rules (or kinds, when an entry has no rule) of {@code kind} entries about {@code id}. */
  private static List<String> auditRules(String node, String id, String kind) {
    Run r = kasa("audit", base.resolve(node).toString(), "--object", id);
    assertThat(r.status).isZero();
    var rules = new ArrayList<String>();
    for (String line : r.out.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode e = JSON.readTree(line);
        if (e.path("kind").asText().equals(kind)) {
          rules.add(e.path("rule").isNull() ? kind : e.path("rule").asText(kind));
        }
      } catch (java.io.IOException ex) {
        throw new java.io.UncheckedIOException(ex);
      }
    }
    return rules;
  }

  private static List<String> holders(String id) {
    var out = new ArrayList<String>();
    for (String n : List.of("alpha", "bravo", "charlie")) {
      if (!versions(n, id).isEmpty()) {
        out.add(n);
      }
    }
    return out;
  }

  private static List<String> origins(String node, String id) {
    return versions(node, id).stream()
        .flatMap(v -> v.origins().stream())
        .map(IntelBrowser.Received::principal)
        .distinct()
        .toList();
  }

  private static List<IntelBrowser.HeldVersion> versions(String node, String id) {
    try (Store store = NodeHome.open(base.resolve(node)).openStore(Clock.systemUTC())) {
      return store.browser().versions(id);
    }
  }
}
