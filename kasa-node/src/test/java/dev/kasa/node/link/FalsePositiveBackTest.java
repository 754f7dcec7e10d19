package dev.kasa.node.link;

import static dev.kasa.node.StixFixtures.envelope;
import static dev.kasa.node.StixFixtures.indicator;
import static dev.kasa.node.StixFixtures.newId;
import static dev.kasa.node.link.Federation.await;
import static dev.kasa.node.link.Federation.ids;
import static dev.kasa.node.link.Federation.link;
import static dev.kasa.node.link.Federation.partner;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kasa.node.Json;
import dev.kasa.node.TestDatabases;
import dev.kasa.node.TestNode;
import dev.kasa.node.admin.Secret;
import dev.kasa.node.store.AccessState.Role;
import dev.kasa.node.store.AccessState.SecretKind;
import dev.kasa.node.store.LinkRecord.Direction;
import dev.kasa.stix.Tlp;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A false positive goes back to the partner whose indicator it was, with two real nodes over HTTPS
 * on each store: alpha shares an indicator; bravo pulls it, a sensor's event hits it, an alert
 * appears; bravo's analyst marks it false positive over the API; alpha receives a sighting of its
 * indicator that carries Kasa's false-positive extension and is marked as the indicator is.
 */
class FalsePositiveBackTest {
  private static final Duration CONVERGE = Duration.ofSeconds(60);
  private static final String SENSOR = TestNode.basic("zeek1", "sensor-password");
  private static final String ANALYST = TestNode.basic("ana", "analyst-password");

  static Stream<Arguments> stores() {
    return TestDatabases.kinds();
  }

  @ParameterizedTest
  @MethodSource("stores")
  void aFalsePositiveAtBravoReachesAlphaAsASightingOfItsIndicator(String store) throws Exception {
    Path tmp = Files.createTempDirectory("kasa-false-positive-back-");
    try (var f = new Federation(tmp, store)) {
      TestNode alpha = f.node("alpha");
      TestNode bravo = f.node("bravo");
      String shared = newId();
      String pub = alpha.collection("pub");
      partner(alpha, "bravo");
      try (var a = alpha.admin()) {
        a.grant("bravo", "pub", true, false);
      }
      var published =
          alpha.post(
              "/taxii2/api/collections/" + pub + "/objects/",
              alpha.adminAuth(),
              envelope(indicator(shared, "2024-01-01T00:00:00.000Z", Tlp.GREEN)));
      assertThat(published.statusCode()).as(published.body()).isEqualTo(202);
      String fromAlpha = link(bravo, alpha, pub, null, Direction.PULL);
      try (var b = bravo.admin()) {
        b.addUser(
            "zeek1", Role.SENSOR, List.of(new Secret(SecretKind.PASSWORD, "sensor-password")));
        b.addUser(
            "ana", Role.ANALYST, List.of(new Secret(SecretKind.PASSWORD, "analyst-password")));
      }
      alpha.awaitAccess();
      bravo.awaitAccess();
      assertThat(await(CONVERGE, () -> ids(bravo, fromAlpha).contains(shared)))
          .as("bravo's copy %s; links %s", ids(bravo, fromAlpha), Federation.links(bravo))
          .isTrue();
      assertThat(await(CONVERGE, () -> bravo.server().detector().status().indicators() > 0))
          .as("bravo's detector armed")
          .isTrue();

      var posted =
          bravo.send(
              bravo
                  .request("/kasa/v1/events", SENSOR)
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"src_ip\":\"10.1.0.1\",\"dest_ip\":\"203.0.113.7\"}\n"))
                  .build());
      assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
      var list = bravo.get("/kasa/v1/alerts?status=new", ANALYST);
      assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
      JsonNode alerts = Json.parse(list.body()).path("alerts");
      assertThat(alerts).as(list.body()).hasSize(1);
      assertThat(alerts.get(0).path("object").path("id").asText()).isEqualTo(shared);
      String alert = alerts.get(0).path("id").asText();

      var judged =
          bravo.post(
              "/kasa/v1/alerts/" + alert,
              ANALYST,
              "{\"status\":\"false_positive\",\"comment\":\"our own scanner\"}");
      assertThat(judged.statusCode()).as(judged.body()).isEqualTo(200);

      assertThat(await(CONVERGE, () -> !sightingsOf(alpha, pub, shared).isEmpty()))
          .as("alpha's pub %s; bravo's links %s", ids(alpha, pub), Federation.links(bravo))
          .isTrue();
      List<JsonNode> back = sightingsOf(alpha, pub, shared);
      assertThat(back).hasSize(1);
      JsonNode s = back.get(0);
      assertThat(s.path("extensions").toString()).contains("\"false_positive\":true");
      // Marked no wider than the indicator: GREEN, as the indicator is.
      assertThat(s.path("object_marking_refs").toString())
          .isEqualTo("[\"" + Tlp.GREEN.markingId().orElseThrow() + "\"]");
      assertThat(s.path("where_sighted_refs").toString())
          .contains(bravo.server().home().config().identityId());
    } finally {
      FederationProperties.deleteTree(tmp);
    }
  }

  // The sightings of {@code of} in a collection, as its admin reads them.
  private static List<JsonNode> sightingsOf(TestNode node, String collection, String of) {
    var r =
        node.get(
            "/taxii2/api/collections/" + collection + "/objects/?match[type]=sighting",
            node.adminAuth());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
    }
    var out = new ArrayList<JsonNode>();
    for (JsonNode o : Json.parse(r.body()).path("objects")) {
      if (o.path("sighting_of_ref").asText().equals(of)) {
        out.add(o);
      }
    }
    return out;
  }
}
