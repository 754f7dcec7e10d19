package dev.kasa.node.taxii;

import static dev.kasa.node.StixFixtures.envelope;
import static dev.kasa.node.StixFixtures.indicator;
import static dev.kasa.node.StixFixtures.newId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.node.Json;
import dev.kasa.node.TestNode;
import dev.kasa.stix.Tlp;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /kasa/v1/changes}: 200 with the count and last date added of what this caller may
 * receive after its date, as soon as there is some; 204 when the wait ends with nothing; through
 * the sharing seam (a partner is not told of a TLP:RED object it may not have).
 */
class LiveUpdatesTest {
  @TempDir Path tmp;

  @Test
  void answersAsSoonAsSomethingThisCallerMayReceiveIsAdded() throws Exception {
    try (TestNode node = TestNode.start(tmp, null, "alpha", TestNode.FAST)) {
      String c = node.collection("c");
      String bravo = node.partner("bravo", "bravo-pw", List.of("c"), List.of());
      String path = "/kasa/v1/changes?collection=" + c;
      node.post(
          "/taxii2/api/collections/" + c + "/objects/",
          node.adminAuth(),
          envelope(
              indicator(newId(), "2024-01-01T00:00:00.000Z", Tlp.GREEN),
              indicator(newId(), "2024-01-01T00:00:00.000Z", Tlp.RED)));
      var first = node.get(path, bravo);
      assertThat(first.statusCode()).isEqualTo(200);
      var answer = Json.parse(first.body());
      assertThat(answer.get("count").asLong()).isEqualTo(1); // the RED one is not for bravo
      var admin = Json.parse(node.get(path, node.adminAuth()).body());
      assertThat(admin.get("count").asLong()).isEqualTo(2);
      String last = admin.get("date_added_last").asText();

      // Nothing newer: 204 once the wait (2 s here, 30 s in a node) is over.
      assertThat(node.get(path + "&after=" + last, bravo).statusCode()).isEqualTo(204);
      // Only RED added: still nothing bravo may receive.
      node.post(
          "/taxii2/api/collections/" + c + "/objects/",
          node.adminAuth(),
          envelope(indicator(newId(), "2024-01-01T00:00:00.000Z", Tlp.RED)));
      assertThat(node.get(path + "&after=" + last, bravo).statusCode()).isEqualTo(204);

      // A waiting caller is answered when an object it may receive arrives.
      var waiting = CompletableFuture.supplyAsync(() -> node.get(path + "&after=" + last, bravo));
      Thread.sleep(200);
      node.post(
          "/taxii2/api/collections/" + c + "/objects/",
          node.adminAuth(),
          envelope(indicator(newId(), "2024-01-01T00:00:00.000Z", Tlp.CLEAR)));
      var woken = waiting.get();
      if (woken.statusCode() == 204) { // the wait ended first on a busy machine: ask again
        woken = node.get(path + "&after=" + last, bravo);
      }
      assertThat(woken.statusCode()).isEqualTo(200);
      assertThat(Json.parse(woken.body()).get("count").asLong()).isEqualTo(1);

      // Default deny and plain errors.
      String charlie = node.partner("charlie", "charlie-pw", List.of(), List.of());
      assertThat(node.get(path, charlie).statusCode()).isEqualTo(404);
      assertThat(node.get(path, null).statusCode()).isEqualTo(401);
      assertThat(node.get("/kasa/v1/changes", bravo).statusCode()).isEqualTo(400);
      assertThat(node.get(path + "&after=yesterday", bravo).statusCode()).isEqualTo(400);
    }
  }
}
