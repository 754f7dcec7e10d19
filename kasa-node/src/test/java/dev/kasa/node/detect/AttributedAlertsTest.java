package dev.kasa.node.detect;

import static dev.kasa.node.detect.DetectorFixtures.ANALYST;
import static dev.kasa.node.detect.DetectorFixtures.JSON;
import static dev.kasa.node.detect.DetectorFixtures.SENSOR;
import static dev.kasa.node.detect.DetectorFixtures.dns;
import static dev.kasa.node.detect.DetectorFixtures.events;
import static dev.kasa.node.detect.DetectorFixtures.eventually;
import static dev.kasa.node.detect.DetectorFixtures.findings;
import static dev.kasa.node.detect.DetectorFixtures.ip;
import static dev.kasa.node.detect.DetectorFixtures.publish;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kasa.node.Json;
import dev.kasa.node.StixFixtures;
import dev.kasa.node.TestDatabases;
import dev.kasa.node.TestNode;
import dev.kasa.stix.Tlp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A node's alerts name the actor behind the indicator hit, from the relationships, intrusion sets,
 * threat actors and campaigns stored in its collections, whenever they arrive: with the indicator,
 * after it (over TAXII, or from another writer), before the node starts; and stop naming it when
 * the relationship or the actor is revoked.
 */
class AttributedAlertsTest {
  @TempDir Path tmp;

  static Stream<Arguments> stores() {
    return TestDatabases.kinds();
  }

  private static final String Q = "?format=zeek-json&log=dns";
  private static final long T = 1_717_200_000L;
  private static final String V1 = "2024-01-01T00:00:00.000Z";
  private static final String V2 = "2024-02-01T00:00:00.000Z";

  private static String id(String type) {
    return type + "--" + UUID.randomUUID();
  }

  private static ObjectNode sdo(String id, String modified, String name) {
    ObjectNode o = JSON.createObjectNode();
    o.put("type", id.substring(0, id.indexOf("--")));
    o.put("spec_version", "2.1");
    o.put("id", id);
    o.put("created", V1);
    o.put("modified", modified);
    o.put("name", name);
    return o;
  }

  private static ObjectNode governmentSet(String id, String name) {
    return sdo(id, V1, name).put("resource_level", "government");
  }

  private static ObjectNode relationship(
      String id, String modified, String type, String source, String target) {
    ObjectNode o = JSON.createObjectNode();
    o.put("type", "relationship");
    o.put("spec_version", "2.1");
    o.put("id", id);
    o.put("created", V1);
    o.put("modified", modified);
    o.put("relationship_type", type);
    o.put("source_ref", source);
    o.put("target_ref", target);
    return o;
  }

  private static ObjectNode revoked(ObjectNode o) {
    return o.deepCopy().put("modified", V2).put("revoked", true);
  }

  /** The indicator part of the finding an event to {@code ip} gives (null: no hit). */
  private static JsonNode hit(TestNode node, String ip) {
    var r = events(node, SENSOR, Q, dns(T, "10.0.0.1", ip, "a.example"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<JsonNode> found = findings(r);
    return found.isEmpty() ? null : found.get(0).path("indicator");
  }

  private static List<String> actors(JsonNode indicator) {
    List<String> out = new ArrayList<>();
    if (indicator != null) {
      indicator.path("actors").forEach(a -> out.add(a.asText()));
    }
    return out;
  }

  private static boolean attributedTo(TestNode node, String ip, String actor) {
    return actors(hit(node, ip)).equals(List.of(actor));
  }

  /** The node's one alert on {@code indicator}. */
  private static JsonNode alertOn(TestNode node, String indicator) {
    var r = node.get("/kasa/v1/alerts", ANALYST);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<JsonNode> on = new ArrayList<>();
    Json.parse(r.body())
        .path("alerts")
        .forEach(
            a -> {
              if (a.path("object").path("id").asText().equals(indicator)) {
                on.add(a);
              }
            });
    assertThat(on).hasSize(1);
    return on.get(0);
  }

  @ParameterizedTest
  @MethodSource("stores")
  void anIndicatesRelationshipToAGovernmentIntrusionSetNamesTheActorAndRaisesThePriority(
      String kind) {
    try (TestNode node = TestNode.start(tmp, TestDatabases.location(kind, tmp))) {
      DetectorFixtures.users(node);
      String c = node.collection("intel");
      String indicator = StixFixtures.newId();
      String set = id("intrusion-set");
      String technique = id("attack-pattern");
      ObjectNode attack = sdo(technique, V1, "Phishing");
      attack
          .putArray("external_references")
          .addObject()
          .put("source_name", "mitre-attack")
          .put("external_id", "T1566");
      publish(
          node,
          c,
          ip(indicator, V1, "198.51.100.1"),
          relationship(id("relationship"), V1, "indicates", indicator, set),
          relationship(id("relationship"), V1, "indicates", indicator, technique),
          governmentSet(set, "Sandworm Team"),
          attack);

      assertThat(eventually(() -> hit(node, "198.51.100.1") != null)).isTrue();
      JsonNode found = hit(node, "198.51.100.1");
      assertThat(actors(found)).containsExactly("Sandworm Team");
      assertThat(found.path("state_sponsored").asBoolean()).isTrue();
      assertThat(found.path("techniques").get(0).asText()).isEqualTo("T1566");

      JsonNode alert = alertOn(node, indicator);
      assertThat(alert.path("actor").asText()).isEqualTo("Sandworm Team");
      assertThat(alert.path("state_sponsored").asBoolean()).isTrue();
      // No confidence: medium; one step up for a state-sponsored actor.
      assertThat(alert.path("priority").asText()).isEqualTo("high");
      // The intelligence itself gave the importer nothing to complain about.
      assertThat(node.server().detector().status().intelProblems()).isEmpty();
      assertThat(node.server().detector().status().failures()).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void attributionSharedAfterTheIndicatorReachesTheLiveDetectorAndTheOpenAlert(String kind) {
    try (TestNode node = TestNode.start(tmp, TestDatabases.location(kind, tmp))) {
      DetectorFixtures.users(node);
      String c = node.collection("intel");
      String indicator = StixFixtures.newId();
      publish(node, c, ip(indicator, V1, "198.51.100.2"));
      assertThat(eventually(() -> hit(node, "198.51.100.2") != null)).isTrue();
      assertThat(actors(hit(node, "198.51.100.2"))).isEmpty();
      assertThat(alertOn(node, indicator).path("priority").asText()).isEqualTo("medium");

      // The relationship first, the intrusion set it points to in a later request.
      String set = id("intrusion-set");
      publish(node, c, relationship(id("relationship"), V1, "indicates", indicator, set));
      publish(node, c, governmentSet(set, "APT28"));
      assertThat(eventually(() -> attributedTo(node, "198.51.100.2", "APT28"))).isTrue();

      JsonNode alert = alertOn(node, indicator);
      assertThat(alert.path("actor").asText()).isEqualTo("APT28");
      assertThat(alert.path("state_sponsored").asBoolean()).isTrue();
      assertThat(alert.path("priority").asText()).isEqualTo("high");
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void aCampaignAttributedToANationStateThreatActorNamesTheActor(String kind) {
    try (TestNode node = TestNode.start(tmp, TestDatabases.location(kind, tmp))) {
      DetectorFixtures.users(node);
      String c = node.collection("intel");
      String other = node.collection("partner-intel");
      String indicator = StixFixtures.newId();
      String campaign = id("campaign");
      String actor = id("threat-actor");
      publish(
          node,
          c,
          ip(indicator, V1, "198.51.100.3"),
          relationship(id("relationship"), V1, "indicates", indicator, campaign),
          sdo(campaign, V1, "Operation Ghost"));
      assertThat(eventually(() -> hit(node, "198.51.100.3") != null)).isTrue();
      assertThat(hit(node, "198.51.100.3").path("campaigns").get(0).asText())
          .isEqualTo("Operation Ghost");
      assertThat(actors(hit(node, "198.51.100.3"))).isEmpty();

      // The actor behind the campaign, later and in another collection.
      ObjectNode ta = sdo(actor, V1, "The Dukes");
      ta.putArray("threat_actor_types").add("nation-state");
      publish(
          node, other, ta, relationship(id("relationship"), V1, "attributed-to", campaign, actor));
      assertThat(eventually(() -> attributedTo(node, "198.51.100.3", "The Dukes"))).isTrue();
      JsonNode found = hit(node, "198.51.100.3");
      assertThat(found.path("state_sponsored").asBoolean()).isTrue();
      assertThat(found.path("campaigns").get(0).asText()).isEqualTo("Operation Ghost");
      JsonNode alert = alertOn(node, indicator);
      assertThat(alert.path("actor").asText()).isEqualTo("The Dukes");
      assertThat(alert.path("priority").asText()).isEqualTo("high");
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void revokingTheRelationshipOrTheActorOrDeletingTheRelationshipDropsTheAttribution(String kind) {
    try (TestNode node = TestNode.start(tmp, TestDatabases.location(kind, tmp))) {
      DetectorFixtures.users(node);
      String c = node.collection("intel");
      String indicator = StixFixtures.newId();
      String set = id("intrusion-set");
      ObjectNode rel = relationship(id("relationship"), V1, "indicates", indicator, set);
      publish(node, c, ip(indicator, V1, "198.51.100.4"), rel, governmentSet(set, "Turla"));
      assertThat(eventually(() -> attributedTo(node, "198.51.100.4", "Turla"))).isTrue();

      publish(node, c, revoked(rel));
      assertThat(eventually(() -> actors(hit(node, "198.51.100.4")).isEmpty()))
          .as("relationship revoked")
          .isTrue();
      assertThat(hit(node, "198.51.100.4")).as("the indicator still hits").isNotNull();

      // Another set, attributed again; then the set itself is revoked.
      String second = id("intrusion-set");
      ObjectNode secondSet = governmentSet(second, "Gamaredon");
      publish(
          node, c, relationship(id("relationship"), V1, "indicates", indicator, second), secondSet);
      assertThat(eventually(() -> attributedTo(node, "198.51.100.4", "Gamaredon"))).isTrue();
      publish(node, c, revoked(secondSet));
      assertThat(eventually(() -> actors(hit(node, "198.51.100.4")).isEmpty()))
          .as("actor revoked")
          .isTrue();

      // A third, whose relationship is then deleted from the collection (TAXII DELETE).
      String third = id("intrusion-set");
      String thirdRel = id("relationship");
      publish(
          node,
          c,
          relationship(thirdRel, V1, "indicates", indicator, third),
          governmentSet(third, "Kimsuky"));
      assertThat(eventually(() -> attributedTo(node, "198.51.100.4", "Kimsuky"))).isTrue();
      var del =
          node.send(
              node.request(
                      "/taxii2/api/collections/" + c + "/objects/" + thirdRel + "/",
                      node.adminAuth())
                  .DELETE()
                  .build());
      assertThat(del.statusCode()).isEqualTo(200);
      assertThat(eventually(() -> actors(hit(node, "198.51.100.4")).isEmpty()))
          .as("relationship deleted")
          .isTrue();
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void objectsStoredBeforeTheNodeStartsAttributeItsHitsFromTheStart(String kind) {
    try (TestNode node = TestNode.start(tmp, TestDatabases.location(kind, tmp))) {
      DetectorFixtures.users(node);
      String c = node.collection("intel");
      String indicator = StixFixtures.newId();
      String set = id("intrusion-set");
      publish(
          node,
          c,
          governmentSet(set, "Lazarus Group"),
          relationship(id("relationship"), V1, "indicates", indicator, set));
      publish(node, c, ip(indicator, V1, "198.51.100.5"));
      node.stop();
      node.restart();
      node.awaitAccess();
      // Built from the store at start: attributed on the first event, without waiting.
      assertThat(actors(hit(node, "198.51.100.5"))).containsExactly("Lazarus Group");
      assertThat(alertOn(node, indicator).path("priority").asText()).isEqualTo("high");
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void anActorAnotherWriterAddsReachesTheRunningNode(String kind) throws IOException {
    try (TestNode node = TestNode.start(tmp, TestDatabases.location(kind, tmp))) {
      DetectorFixtures.users(node);
      String c = node.collection("intel");
      String indicator = StixFixtures.newId();
      publish(node, c, ip(indicator, V1, "198.51.100.6"));
      assertThat(eventually(() -> hit(node, "198.51.100.6") != null)).isTrue();
      assertThat(actors(hit(node, "198.51.100.6"))).isEmpty();

      // kasa intel add in another process: the node learns of it by date added, not by a change.
      String set = id("intrusion-set");
      Path bundle = tmp.resolve("actor.json");
      Files.writeString(
          bundle,
          DetectorFixtures.envelope(
              relationship(id("relationship"), V1, "indicates", indicator, set),
              governmentSet(set, "Equation")));
      try (var admin = node.admin()) {
        var report = admin.addIntel("intel", List.of(bundle), Tlp.NONE, null);
        assertThat(report.problems()).isEmpty();
        assertThat(report.stored()).isEqualTo(2);
      }
      assertThat(eventually(() -> attributedTo(node, "198.51.100.6", "Equation"))).isTrue();
      assertThat(node.server().detector().status().failures()).isZero();
    }
  }
}
