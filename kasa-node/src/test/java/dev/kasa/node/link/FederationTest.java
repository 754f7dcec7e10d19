package dev.kasa.node.link;

import static dev.kasa.node.StixFixtures.envelope;
import static dev.kasa.node.StixFixtures.indicator;
import static dev.kasa.node.StixFixtures.newId;
import static dev.kasa.node.link.Federation.await;
import static dev.kasa.node.link.Federation.ids;
import static dev.kasa.node.link.Federation.link;
import static dev.kasa.node.link.Federation.partner;
import static dev.kasa.node.link.Federation.versions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kasa.KasaException;
import dev.kasa.node.TestNode;
import dev.kasa.node.store.AuditLog;
import dev.kasa.node.store.LinkRecord.Direction;
import dev.kasa.sighting.SightedDay;
import dev.kasa.sighting.Sighter;
import dev.kasa.sighting.SightingModel;
import dev.kasa.stix.StixSighting;
import dev.kasa.stix.StixWriter;
import dev.kasa.stix.Tlp;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real nodes over HTTPS: alpha publishes; bravo pulls alpha's collection and relays it to
 * charlie (pull) and back to alpha (a loop); alpha also pushes to bravo's inbox. Each TLP rule of
 * issue 10 shows in what arrives where.
 */
class FederationTest {
  private static final Duration CONVERGE = Duration.ofSeconds(30);
  @TempDir static Path tmp;
  private static Federation f;
  private static TestNode alpha;
  private static TestNode bravo;
  private static TestNode charlie;
  private static String pub;
  private static String bravoFromAlpha;
  private static String charlieFromBravo;
  private static String alphaBack;
  private static String inbox;
  private static final String CLEAR = newId();
  private static final String GREEN = newId();
  private static final String AMBER = newId();
  private static final String STRICT = newId();
  private static final String RED = newId();
  private static final String RED_NAMED = newId();
  private static final String UNMARKED = newId();
  private static final String SUPERSEDED = newId();

  @BeforeAll
  static void federate() {
    federateOn("sqlite");
  }

  static void federateOn(String store) {
    // A directory of its own: the PostgreSQL subclass runs in the same JVM, on the same fields.
    f = new Federation(tmp.resolve(store), store);
    alpha = f.node("alpha");
    bravo = f.node("bravo");
    charlie = f.node("charlie");
    pub = alpha.collection("pub");
    partner(alpha, "bravo");
    try (var a = alpha.admin()) {
      a.grant("bravo", "pub", true, false);
      a.addRecipients(RED_NAMED, List.of("bravo"));
    }
    alpha.post(
        "/taxii2/api/collections/" + pub + "/objects/",
        alpha.adminAuth(),
        envelope(
            indicator(CLEAR, "2024-01-01T00:00:00.000Z", Tlp.CLEAR),
            indicator(GREEN, "2024-01-01T00:00:00.000Z", Tlp.GREEN),
            indicator(AMBER, "2024-01-01T00:00:00.000Z", Tlp.AMBER),
            indicator(STRICT, "2024-01-01T00:00:00.000Z", Tlp.AMBER_STRICT),
            indicator(RED, "2024-01-01T00:00:00.000Z", Tlp.RED),
            indicator(RED_NAMED, "2024-01-01T00:00:00.000Z", Tlp.RED),
            indicator(UNMARKED, "2024-01-01T00:00:00.000Z", Tlp.NONE),
            indicator(SUPERSEDED, "2024-01-01T00:00:00.000Z", Tlp.CLEAR)));
    bravoFromAlpha = link(bravo, alpha, pub, null, Direction.PULL);
    partner(bravo, "charlie");
    partner(bravo, "alpha");
    try (var b = bravo.admin()) {
      b.grant("charlie", bravoFromAlpha, true, false);
      b.grant("alpha", bravoFromAlpha, true, false);
      b.addToCommunity("allies", List.of("alpha", "charlie"));
    }
    charlieFromBravo = link(charlie, bravo, bravoFromAlpha, null, Direction.PULL);
    alphaBack = link(alpha, bravo, bravoFromAlpha, null, Direction.PULL);
    inbox = bravo.collection("inbox");
    try (var b = bravo.admin()) {
      b.grant("alpha", "inbox", false, true);
    }
    link(alpha, bravo, inbox, "pub", Direction.PUSH);
    alpha.awaitAccess();
    bravo.awaitAccess();
    charlie.awaitAccess();
  }

  @AfterAll
  static void stop() {
    if (f != null) {
      f.close();
      f = null;
    }
  }

  @Test
  void ourObjectsGoAsGrantedAndRedOnlyToItsNamedRecipients() {
    Set<String> expected = Set.of(CLEAR, GREEN, AMBER, STRICT, RED_NAMED, UNMARKED, SUPERSEDED);
    assertThat(await(CONVERGE, () -> ids(bravo, bravoFromAlpha).containsAll(expected)))
        .as("bravo pulled %s", ids(bravo, bravoFromAlpha))
        .isTrue();
    assertThat(indicators(ids(bravo, bravoFromAlpha)))
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void receivedObjectsAreRelayedByTheirMarkingAndCommunities() {
    assertThat(
            await(CONVERGE, () -> ids(charlie, charlieFromBravo).containsAll(Set.of(CLEAR, GREEN))))
        .as("charlie got %s; links %s", ids(charlie, charlieFromBravo), Federation.links(charlie))
        .isTrue();
    // AMBER, AMBER+STRICT and RED never leave bravo; unmarked follows relay-unmarked: none.
    assertThat(indicators(ids(charlie, charlieFromBravo))).containsOnly(CLEAR, GREEN, SUPERSEDED);
  }

  @Test
  void everythingMayGoBackToItsOriginAndALoopBringsNoDuplicates() {
    Set<String> expected = Set.of(CLEAR, GREEN, AMBER, STRICT, RED_NAMED, UNMARKED, SUPERSEDED);
    assertThat(await(CONVERGE, () -> ids(alpha, alphaBack).containsAll(expected))).isTrue();
    List<String> back = indicators(versions(alpha, alphaBack));
    assertThat(back).doesNotHaveDuplicates().hasSizeBetween(expected.size(), expected.size() + 1);
    assertThat(indicators(versions(alpha, pub))).doesNotHaveDuplicates().hasSizeBetween(8, 9);
  }

  @Test
  void aPushLinkSendsWhatThePartnerMayReceive() {
    Set<String> expected = Set.of(CLEAR, GREEN, AMBER, STRICT, RED_NAMED, UNMARKED, SUPERSEDED);
    assertThat(await(CONVERGE, () -> ids(bravo, inbox).containsAll(expected)))
        .as("inbox %s; links %s", ids(bravo, inbox), Federation.links(alpha))
        .isTrue();
    assertThat(indicators(ids(bravo, inbox))).containsExactlyInAnyOrderElementsOf(expected);
    var push =
        Federation.links(alpha).stream().filter(l -> l.direction() == Direction.PUSH).findFirst();
    assertThat(push).isPresent();
    assertThat(
            await(
                CONVERGE,
                () ->
                    Federation.links(alpha).stream()
                        .anyMatch(
                            l ->
                                l.direction() == Direction.PUSH
                                    && l.state().lastSuccess() != null)))
        .isTrue();
  }

  @Test
  void aNewerVersionSupersedesTheOlderWhereverItMayGo() {
    alpha.post(
        "/taxii2/api/collections/" + pub + "/objects/",
        alpha.adminAuth(),
        envelope(indicator(SUPERSEDED, "2024-06-01T00:00:00.000Z", Tlp.CLEAR)));
    String v2 = SUPERSEDED + "@2024-06-01T00:00:00.000Z";
    assertThat(await(CONVERGE, () -> versions(charlie, charlieFromBravo).contains(v2)))
        .as("charlie has %s", versions(charlie, charlieFromBravo))
        .isTrue();
    assertThat(await(CONVERGE, () -> versions(bravo, inbox).contains(v2))).isTrue();
  }

  @Test
  void aPushLinkNeedsTheReadGrantOfThePartner() {
    String other = alpha.collection("unshared");
    String elsewhere = java.util.UUID.randomUUID().toString();
    assertThatThrownBy(() -> link(alpha, bravo, elsewhere, other, Direction.PUSH))
        .isInstanceOf(KasaException.class)
        .hasMessageContaining("no read grant");
  }

  @Test
  void everyCrossingIsAudited() {
    assertThat(await(CONVERGE, () -> ids(charlie, charlieFromBravo).contains(GREEN))).isTrue();
    var kinds = new HashSet<String>();
    var refusedAmber = new ArrayList<String>();
    try (var b = bravo.admin()) {
      b.audit()
          .read(
              AuditLog.Filter.ALL,
              e -> {
                kinds.add(e.event().kind());
                if (e.event().kind().equals("refuse") && "charlie".equals(e.event().principal())) {
                  refusedAmber.addAll(e.objects());
                }
              });
      assertThat(b.audit().verify()).isEmpty();
    }
    assertThat(kinds).contains("receive", "serve", "refuse", "grant", "link-add", "community-add");
    assertThat(refusedAmber).contains(AMBER);
  }

  // Other tests add sightings and a newer version; these look at the indicators.
  static List<String> indicators(java.util.Collection<String> ids) {
    return ids.stream().filter(i -> i.startsWith("indicator--")).toList();
  }

  // A sighting as the engine's sighting model makes it, by a sighter of its own (so each is a new
  // id), marked as the sighted object's TLP is given (Tlp.NONE: unmarked, to take its marking).
  static StixSighting sighting(String of, Tlp tlp) {
    var sighter = new Sighter.Identified("identity--" + UUID.randomUUID());
    return new SightingModel(sighter, Clock.systemUTC())
        .first(SightedDay.of(of, tlp, Instant.now(), false))
        .toStix();
  }

  static String json(StixSighting s) {
    return StixWriter.toJson(s);
  }

  @Test
  void sightingsGoBackToWhereWhatTheySightCameFromAndNoFurther() {
    assertThat(await(CONVERGE, () -> ids(bravo, bravoFromAlpha).contains(AMBER))).isTrue();
    StixSighting ofAmber = sighting(AMBER, Tlp.NONE);
    String seen = ofAmber.common().id();
    var r =
        bravo.post(
            "/taxii2/api/collections/" + bravoFromAlpha + "/objects/",
            bravo.adminAuth(),
            envelope(json(ofAmber)));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    assertThat(await(CONVERGE, () -> ids(alpha, pub).contains(seen)))
        .as("alpha's pub: %s; bravo's links %s", ids(alpha, pub), Federation.links(bravo))
        .isTrue();
    // It takes the marking and origins of what it sights: AMBER from alpha never reaches charlie.
    StixSighting ofClear = sighting(CLEAR, Tlp.CLEAR);
    String clearSeen = ofClear.common().id();
    bravo.post(
        "/taxii2/api/collections/" + bravoFromAlpha + "/objects/",
        bravo.adminAuth(),
        envelope(json(ofClear)));
    assertThat(await(CONVERGE, () -> ids(charlie, charlieFromBravo).contains(clearSeen))).isTrue();
    assertThat(ids(charlie, charlieFromBravo)).doesNotContain(seen);
  }

  @Test
  void aReaderMayPostOnlySightingsOfWhatItWasServed() {
    String asBravo = TestNode.basic("bravo", Federation.password("bravo", alpha));
    String path = "/taxii2/api/collections/" + pub + "/objects/";
    assertThat(alpha.post(path, asBravo, envelope(indicator(newId()))).statusCode()).isEqualTo(403);
    StixSighting red = sighting(RED, Tlp.RED);
    String ofRed = red.common().id();
    assertThat(alpha.post(path, asBravo, envelope(json(red))).statusCode()).isEqualTo(403);
    StixSighting other = sighting(newId(), Tlp.NONE);
    String unknown = other.common().id();
    assertThat(alpha.post(path, asBravo, envelope(json(other))).statusCode()).isEqualTo(403);
    StixSighting clear = sighting(CLEAR, Tlp.CLEAR);
    String ofClear = clear.common().id();
    var ok = alpha.post(path, asBravo, envelope(json(clear)));
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(202);
    assertThat(ids(alpha, pub)).contains(ofClear).doesNotContain(ofRed, unknown);
  }
}
