package dev.kasa.node.link;

import static dev.kasa.node.StixFixtures.envelope;
import static dev.kasa.node.StixFixtures.indicator;
import static dev.kasa.node.StixFixtures.newId;
import static dev.kasa.node.link.Federation.await;
import static dev.kasa.node.link.Federation.ids;
import static dev.kasa.node.link.Federation.link;
import static dev.kasa.node.link.Federation.partner;
import static dev.kasa.node.link.FederationTest.json;
import static dev.kasa.node.link.FederationTest.sighting;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.node.TestNode;
import dev.kasa.node.store.AuditLog;
import dev.kasa.node.store.LinkRecord.Direction;
import dev.kasa.stix.StixSighting;
import dev.kasa.stix.Tlp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sightings back on a push link, with real nodes over HTTPS, on each store: charlie publishes;
 * alpha pulls charlie's collection and pushes it on to bravo's inbox; bravo sights what it got.
 * Alpha reads the sightings back from the collection it pushes to, keeps only those of objects it
 * pushed there, and passes them on to charlie, where what they sight came from.
 */
class PushSightingsTest {
  private static final Duration CONVERGE = Duration.ofSeconds(60);

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> stores() {
    return dev.kasa.node.TestDatabases.kinds();
  }

  @ParameterizedTest
  @MethodSource("stores")
  void thePusherReadsSightingsBackAndPassesThemToTheirSource(String store) throws Exception {
    Path tmp = Files.createTempDirectory("kasa-push-sightings-");
    try (var f = new Federation(tmp, store)) {
      TestNode alpha = f.node("alpha");
      TestNode bravo = f.node("bravo");
      TestNode charlie = f.node("charlie");
      String shared = newId();
      String kept = newId();
      String pub = charlie.collection("pub");
      partner(charlie, "alpha");
      try (var c = charlie.admin()) {
        c.grant("alpha", "pub", true, false);
      }
      charlie.post(
          "/taxii2/api/collections/" + pub + "/objects/",
          charlie.adminAuth(),
          envelope(indicator(shared, "2024-01-01T00:00:00.000Z", Tlp.CLEAR)));
      String fromCharlie = link(alpha, charlie, pub, null, Direction.PULL);
      String inbox = bravo.collection("inbox");
      partner(bravo, "alpha");
      try (var b = bravo.admin()) {
        b.grant("alpha", "inbox", true, true);
      }
      partner(alpha, "bravo");
      try (var a = alpha.admin()) {
        a.grant("bravo", fromCharlie, true, false);
      }
      link(alpha, bravo, inbox, fromCharlie, Direction.PUSH);
      bravo.awaitAccess();
      alpha.awaitAccess();
      charlie.awaitAccess();
      assertThat(await(CONVERGE, () -> ids(bravo, inbox).contains(shared)))
          .as("bravo's inbox %s; alpha's links %s", ids(bravo, inbox), Federation.links(alpha))
          .isTrue();

      // Bravo sights what alpha pushed, and something alpha never pushed (bravo's own).
      bravo.post(
          "/taxii2/api/collections/" + inbox + "/objects/",
          bravo.adminAuth(),
          envelope(indicator(kept, "2024-01-01T00:00:00.000Z", Tlp.CLEAR)));
      StixSighting ofShared = sighting(shared, Tlp.CLEAR);
      StixSighting ofKept = sighting(kept, Tlp.CLEAR);
      var r =
          bravo.post(
              "/taxii2/api/collections/" + inbox + "/objects/",
              bravo.adminAuth(),
              envelope(json(ofShared), json(ofKept)));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);

      String seen = ofShared.common().id();
      assertThat(await(CONVERGE, () -> ids(alpha, fromCharlie).contains(seen)))
          .as("alpha's %s; links %s", ids(alpha, fromCharlie), Federation.links(alpha))
          .isTrue();
      assertThat(await(CONVERGE, () -> ids(charlie, pub).contains(seen)))
          .as("charlie's pub %s; alpha's links %s", ids(charlie, pub), Federation.links(alpha))
          .isTrue();
      // The sighting of what alpha never pushed stays out, at alpha and so at charlie.
      assertThat(ids(alpha, fromCharlie)).doesNotContain(ofKept.common().id(), kept);
      assertThat(ids(charlie, pub)).doesNotContain(ofKept.common().id(), kept);
      var dropped = new ArrayList<String>();
      try (var a = alpha.admin()) {
        a.audit()
            .read(
                AuditLog.Filter.ALL,
                e -> {
                  if (e.event().kind().equals("receive-dropped")) {
                    dropped.addAll(e.objects());
                  }
                });
        assertThat(a.audit().verify()).isEmpty();
      }
      assertThat(dropped).contains(ofKept.common().id());
      assertThat(List.of(seen)).isNotEmpty();
    } finally {
      FederationProperties.deleteTree(tmp);
    }
  }
}
