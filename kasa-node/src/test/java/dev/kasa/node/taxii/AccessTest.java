package dev.kasa.node.taxii;

import static dev.kasa.node.StixFixtures.envelope;
import static dev.kasa.node.StixFixtures.indicator;
import static dev.kasa.node.StixFixtures.newId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.node.Json;
import dev.kasa.node.NodeServer;
import dev.kasa.node.TestNode;
import dev.kasa.node.admin.NodeAdmin;
import dev.kasa.node.admin.Secret;
import dev.kasa.node.store.AccessState.Role;
import dev.kasa.node.store.AccessState.SecretKind;
import dev.kasa.stix.Tlp;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Default deny, grants, roles, tokens, RED, and admin changes taking effect on a running node. */
class AccessTest {
  @TempDir Path tmp;

  private static String objects(String col) {
    return "/taxii2/api/collections/" + col + "/objects/";
  }

  @Test
  void aPartnerSeesOnlyItsGrantedCollectionsAndNeverRed() {
    try (TestNode node = TestNode.start(tmp, null)) {
      String shared = node.collection("shared");
      String hidden = node.collection("hidden");
      String drop = node.collection("drop");
      String red = newId();
      String green = newId();
      node.post(
          objects(shared),
          node.adminAuth(),
          envelope(
              indicator(red, "2024-01-01T00:00:00.000Z", Tlp.RED),
              indicator(green, "2024-01-01T00:00:00.000Z", Tlp.GREEN)));
      node.post(objects(hidden), node.adminAuth(), envelope(indicator(newId())));
      String bravo = node.partner("bravo", "bravo-pw", List.of("shared"), List.of("drop"));

      var list = Json.parse(node.get("/taxii2/api/collections/", bravo).body());
      assertThat(Json.texts(list, "collections", "id")).containsExactlyInAnyOrder(shared, drop);
      assertThat(node.get("/taxii2/api/collections/" + hidden + "/", bravo).statusCode())
          .isEqualTo(404);
      assertThat(node.get(objects(hidden), bravo).statusCode()).isEqualTo(404);
      assertThat(node.post(objects(hidden), bravo, envelope(indicator(newId()))).statusCode())
          .isEqualTo(404);
      // write-only: listed, can post, cannot read (403)
      assertThat(node.get(objects(drop), bravo).statusCode()).isEqualTo(403);
      assertThat(node.post(objects(drop), bravo, envelope(indicator(newId()))).statusCode())
          .isEqualTo(202);
      // read-only: cannot post (403)
      assertThat(node.post(objects(shared), bravo, envelope(indicator(newId()))).statusCode())
          .isEqualTo(403);
      // RED never goes to a partner, on any path; the admin sees it
      String all = node.get(objects(shared) + "?match[version]=all", bravo).body();
      assertThat(all).contains(green).doesNotContain(red);
      assertThat(node.get("/taxii2/api/collections/" + shared + "/manifest/", bravo).body())
          .doesNotContain(red);
      assertThat(node.get(objects(shared) + red + "/", bravo).statusCode()).isEqualTo(404);
      assertThat(node.get(objects(shared) + red + "/versions/", bravo).statusCode()).isEqualTo(404);
      assertThat(node.get(objects(shared), node.adminAuth()).body()).contains(red, green);
    }
  }

  @Test
  void aPartnersPostIsAuditedAsOneEntryListingTheIdsItAdded() {
    try (TestNode node = TestNode.start(tmp, null)) {
      String drop = node.collection("drop");
      String bravo = node.partner("bravo", "bravo-pw", List.of(), List.of("drop"));
      String a = newId();
      String b = newId();
      assertThat(node.post(objects(drop), bravo, envelope(indicator(a), indicator(b))).statusCode())
          .isEqualTo(202);
      // again: nothing added, nothing crossed; a local user's writes are not crossings
      node.post(objects(drop), bravo, envelope(indicator(a)));
      node.post(objects(drop), node.adminAuth(), envelope(indicator(newId())));
      var received = new java.util.ArrayList<dev.kasa.node.store.AuditEntry>();
      try (NodeAdmin admin = node.admin()) {
        admin
            .audit()
            .read(
                dev.kasa.node.store.AuditLog.Filter.ALL,
                e -> {
                  if (e.event().kind().equals("receive")) {
                    received.add(e);
                  }
                });
        assertThat(admin.audit().verify()).isEmpty();
      }
      assertThat(received).hasSize(1);
      assertThat(received.get(0).event().principal()).isEqualTo("bravo");
      assertThat(received.get(0).event().collection()).isEqualTo(drop);
      assertThat(received.get(0).objects()).containsExactly(a, b);
    }
  }

  @Test
  void grantsRevokesAndNewPartnersTakeEffectAtTheWatchersNextPoll() {
    // "Within a second" holds by construction: the watcher polls the change counter every
    // ACCESS_POLL_MILLIS, and a change is in effect for the very next request once it has
    // polled. The test pins both halves instead of timing requests on a busy machine.
    assertThat(NodeServer.ACCESS_POLL_MILLIS).isBetween(1L, 500L);
    try (TestNode node = TestNode.start(tmp, null)) {
      String c = node.collection("c");
      node.post(objects(c), node.adminAuth(), envelope(indicator(newId())));
      String bravo = node.partner("bravo", "bravo-pw", List.of(), List.of());
      assertThat(node.get(objects(c), bravo).statusCode()).isEqualTo(404);
      try (NodeAdmin admin = node.admin()) {
        admin.grant("bravo", "c", true, false);
      }
      node.awaitAccess();
      assertThat(node.get(objects(c), bravo).statusCode()).isEqualTo(200);
      try (NodeAdmin admin = node.admin()) {
        admin.revoke("bravo", c, true, false);
      }
      node.awaitAccess();
      assertThat(node.get(objects(c), bravo).statusCode()).isEqualTo(404);
      String charlie = TestNode.basic("charlie", "charlie-pw");
      assertThat(node.get("/taxii2/", charlie).statusCode()).isEqualTo(401);
      try (NodeAdmin admin = node.admin()) {
        admin.addPartner("charlie", List.of(new Secret(SecretKind.PASSWORD, "charlie-pw")));
      }
      node.awaitAccess();
      assertThat(node.get("/taxii2/", charlie).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void tokensRolesAndSecretsAddedLater() {
    try (TestNode node = TestNode.start(tmp, null)) {
      String c = node.collection("c");
      try (NodeAdmin admin = node.admin()) {
        admin.addUser("ana", Role.ANALYST, List.of(new Secret(SecretKind.TOKEN, "ana-token-123")));
        admin.addUser("probe", Role.SENSOR, List.of(new Secret(SecretKind.PASSWORD, "probe-pw")));
      }
      node.awaitAccess();
      String ana = "Bearer ana-token-123";
      assertThat(node.get(objects(c), ana).statusCode()).isEqualTo(200);
      assertThat(node.post(objects(c), ana, envelope(indicator(newId()))).statusCode())
          .isEqualTo(403);
      String probe = TestNode.basic("probe", "probe-pw");
      assertThat(node.get("/taxii2/api/collections/", probe).body()).isEqualTo("{}");
      assertThat(node.get(objects(c), probe).statusCode()).isEqualTo(404);
      // A second password for the same user works alongside the first.
      try (NodeAdmin admin = node.admin()) {
        admin.addUser("probe", Role.SENSOR, List.of(new Secret(SecretKind.PASSWORD, "probe-pw-2")));
      }
      node.awaitAccess();
      assertThat(node.get("/taxii2/", TestNode.basic("probe", "probe-pw-2")).statusCode())
          .isEqualTo(200);
      assertThat(node.get("/taxii2/", TestNode.basic("probe", "probe-pw")).statusCode())
          .isEqualTo(200);
      assertThat(node.get("/taxii2/", "Bearer probe-pw").statusCode()).isEqualTo(401);
    }
  }
}
