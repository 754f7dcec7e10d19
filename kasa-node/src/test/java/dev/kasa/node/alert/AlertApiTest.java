package dev.kasa.node.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kasa.node.Json;
import dev.kasa.node.StixFixtures;
import dev.kasa.node.TestDatabases;
import dev.kasa.node.TestNode;
import dev.kasa.node.admin.NodeAdmin;
import dev.kasa.node.admin.Secret;
import dev.kasa.node.asset.Asset;
import dev.kasa.node.asset.AssetKind;
import dev.kasa.node.asset.Cidr;
import dev.kasa.node.asset.Sector;
import dev.kasa.node.store.AccessState.Role;
import dev.kasa.node.store.AccessState.SecretKind;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Events posted to a real node become alerts that analysts work over the API. */
class AlertApiTest {
  @TempDir Path tmp;

  static final String SENSOR = TestNode.basic("sensor", "sensor-password");
  static final String ANALYST = TestNode.basic("analyst", "analyst-password");

  static Stream<Arguments> stores() {
    return TestDatabases.kinds();
  }

  @ParameterizedTest
  @MethodSource("stores")
  void anEventBecomesAnAlertThatAnalystsAcknowledgeAndCloseButSensorsAndPartnersCannotSee(
      String kind) {
    try (TestNode node = TestNode.start(tmp, TestDatabases.location(kind, tmp))) {
      try (NodeAdmin admin = node.admin()) {
        admin.addUser(
            "sensor", Role.SENSOR, List.of(new Secret(SecretKind.PASSWORD, "sensor-password")));
        admin.addUser(
            "analyst", Role.ANALYST, List.of(new Secret(SecretKind.PASSWORD, "analyst-password")));
      }
      node.server()
          .store()
          .assets()
          .put(
              List.of(
                  new Asset(
                      "hq-dmz",
                      AssetKind.NETWORK,
                      List.of(Cidr.parse("203.0.113.0/24")),
                      List.of(),
                      null,
                      Sector.GOVERNMENT,
                      5,
                      List.of())));
      String c = node.collection("intel");
      String partner = node.partner("bravo", "bravo-pw", List.of("intel"), List.of());
      String indicator = StixFixtures.newId();
      node.post(
          "/taxii2/api/collections/" + c + "/objects/",
          node.adminAuth(),
          StixFixtures.envelope(
              StixFixtures.indicator(indicator)
                  .replace("\"name\":", "\"confidence\":75,\"name\":")));
      node.awaitAccess();
      long deadline = System.nanoTime() + 20_000_000_000L;
      while ((node.server().detector().status().indicators() == 0
              || node.server().assets().assets().isEmpty())
          && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      // Without the event's context, the asset is the matched value's (here our own DMZ's).
      String event = "{\"src_ip\":\"10.1.0.1\",\"dest_ip\":\"203.0.113.7\"}\n";
      for (int i = 0; i < 2; i++) {
        var posted =
            node.send(
                node.request("/kasa/v1/events", SENSOR)
                    .POST(HttpRequest.BodyPublishers.ofString(event))
                    .build());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
      }

      var list = node.get("/kasa/v1/alerts?status=new&priority=high", ANALYST);
      assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
      JsonNode alerts = Json.parse(list.body()).path("alerts");
      assertThat(alerts).hasSize(1);
      JsonNode a = alerts.get(0);
      assertThat(a.path("asset").asText()).isEqualTo("hq-dmz");
      assertThat(a.path("side").asText()).isEqualTo("destination");
      assertThat(a.path("priority").asText()).isEqualTo("critical"); // high, criticality 5
      assertThat(a.path("count").asLong()).isEqualTo(2);
      assertThat(a.path("object").path("id").asText()).isEqualTo(indicator);
      String id = a.path("id").asText();

      for (String who : List.of(SENSOR, partner)) {
        assertThat(node.get("/kasa/v1/alerts", who).statusCode()).isEqualTo(403);
        assertThat(node.get("/kasa/v1/alerts/" + id, who).statusCode()).isEqualTo(403);
        assertThat(
                node.post("/kasa/v1/alerts/" + id, who, "{\"status\":\"resolved\"}").statusCode())
            .isEqualTo(403);
      }

      var ack =
          node.post(
              "/kasa/v1/alerts/" + id,
              ANALYST,
              "{\"status\":\"acknowledged\",\"assignee\":\"analyst\",\"comment\":\"<b>on"
                  + " it</b>\"}");
      assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
      assertThat(Json.parse(ack.body()).path("alert").path("status").asText())
          .isEqualTo("acknowledged");
      var back = node.post("/kasa/v1/alerts/" + id, ANALYST, "{\"status\":\"new\"}");
      assertThat(back.statusCode()).as(back.body()).isEqualTo(409);
      var bulk =
          node.post(
              "/kasa/v1/alerts",
              ANALYST,
              "{\"ids\":[\"" + id + "\"],\"status\":\"false_positive\"}");
      assertThat(bulk.statusCode()).as(bulk.body()).isEqualTo(200);
      assertThat(
              node.post("/kasa/v1/alerts", ANALYST, "{\"ids\":[],\"status\":\"x\"}").statusCode())
          .isEqualTo(400);
      assertThat(node.get("/kasa/v1/alerts/999999", ANALYST).statusCode()).isEqualTo(404);
      assertThat(node.get("/kasa/v1/alerts?limit=501", ANALYST).statusCode()).isEqualTo(400);

      JsonNode one = Json.parse(node.get("/kasa/v1/alerts/" + id, ANALYST).body());
      assertThat(one.path("alert").path("status").asText()).isEqualTo("false_positive");
      assertThat(one.path("findings")).hasSize(2);
      assertThat(one.path("findings").get(0).path("finding").path("indicator").path("id").asText())
          .isEqualTo(indicator);
      assertThat(one.path("comments").get(0).path("text").asText()).isEqualTo("<b>on it</b>");
      assertThat(Json.parse(node.get("/kasa/v1/alerts?status=new", ANALYST).body()).path("alerts"))
          .isEmpty();
      // The false positive became a sighting of the indicator in its collection, with Kasa's
      // extension, where the sighting path takes it back to the indicator's origin.
      var sightings =
          node.get(
              "/taxii2/api/collections/" + c + "/objects/?match[type]=sighting", node.adminAuth());
      assertThat(sightings.statusCode()).as(sightings.body()).isEqualTo(200);
      JsonNode s = Json.parse(sightings.body()).path("objects").get(0);
      assertThat(s.path("sighting_of_ref").asText()).isEqualTo(indicator);
      assertThat(s.path("extensions").toString()).contains("\"false_positive\":true");
    }
  }
}
