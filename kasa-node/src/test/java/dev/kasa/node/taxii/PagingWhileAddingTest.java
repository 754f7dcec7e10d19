package dev.kasa.node.taxii;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kasa.node.Json;
import dev.kasa.node.StixFixtures;
import dev.kasa.node.TestDatabases;
import dev.kasa.node.TestNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A reader pages a collection over HTTPS while a writer keeps adding to it: every object is read
 * exactly once. Then the node restarts and holds every object.
 */
class PagingWhileAddingTest {
  @TempDir Path tmp;

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> stores() {
    return TestDatabases.kinds();
  }

  @ParameterizedTest
  @MethodSource("stores")
  void pagingNeverLosesOrRepeatsWhileObjectsAreAddedAndARestartLosesNothing(String kind)
      throws Exception {
    try (TestNode node = TestNode.start(tmp, TestDatabases.location(kind, tmp))) {
      String c = node.collection("live");
      String objects = "/taxii2/api/collections/" + c + "/objects/";
      List<String> posted = Collections.synchronizedList(new ArrayList<>());
      var done = new AtomicBoolean();
      Thread writer =
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int i = 0; i < 40; i++) {
                      List<String> batch = StixFixtures.indicators(5);
                      var r = node.post(objects, node.adminAuth(), StixFixtures.envelope(batch));
                      assertThat(r.statusCode()).isEqualTo(202);
                      batch.forEach(o -> posted.add(Json.parse(o).get("id").asText()));
                    }
                    done.set(true);
                  });
      List<String> seen = new ArrayList<>();
      String next = null;
      boolean writerWasDone;
      do {
        writerWasDone = done.get();
        var r =
            node.get(
                objects + "?limit=7" + (next == null ? "" : "&next=" + next), node.adminAuth());
        JsonNode e = Json.parse(r.body());
        seen.addAll(Json.texts(e, "objects", "id"));
        if (e.path("more").asBoolean()) {
          next = e.get("next").asText();
        } else if (!Json.texts(e, "objects", "id").isEmpty()) {
          next = Long.toString(lastDateAddedMicros(r));
        }
      } while (!(writerWasDone
          && !Json.parse(
                  node.get(
                          objects + "?limit=1" + (next == null ? "" : "&next=" + next),
                          node.adminAuth())
                      .body())
              .has("objects")));
      writer.join();
      assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(posted);
      assertThat(seen).containsExactlyElementsOf(posted); // date-added order is commit order

      node.restart();
      var after = Json.parse(node.get(objects + "?limit=1000", node.adminAuth()).body());
      assertThat(Json.texts(after, "objects", "id")).containsExactlyElementsOf(posted);
    }
  }

  // The paging cursor the node would give: X-TAXII-Date-Added-Last in microseconds.
  private static long lastDateAddedMicros(java.net.http.HttpResponse<String> r) {
    String t = r.headers().firstValue("X-TAXII-Date-Added-Last").orElseThrow();
    return dev.kasa.node.store.Versions.micros(java.time.Instant.parse(t));
  }
}
