package dev.kasa.node.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.node.TestNode;
import dev.kasa.node.asset.Asset;
import dev.kasa.node.asset.Sector;
import dev.kasa.node.store.AuditEntry;
import dev.kasa.node.store.AuditLog;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Admins manage the protected assets in the UI over HTTPS on a real node: add from the form,
 * change, import a CSV with a bad row, remove; the live asset resolver takes every change; analysts
 * see no form and are refused; every change is audited.
 */
class AssetEditingTest {
  @TempDir static Path tmp;
  static TestNode node;
  static UiClient admin;
  static UiClient analyst;

  @BeforeAll
  static void start() {
    node = TestNode.start(tmp, null);
    AlertScene.prepare(node, node.collection("intel"));
    admin = new UiClient(node.client(), node.server().url());
    admin.mustLogin(TestNode.ADMIN, TestNode.ADMIN_PASSWORD);
    analyst = new UiClient(node.client(), node.server().url());
    analyst.mustLogin(AlertScene.ANALYST, AlertScene.ANALYST_PASSWORD);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void anAdminAddsChangesAndRemovesAnAssetThatTheResolverTakesAtOnce() {
    String page = admin.get("/ui/assets/").body();
    assertThat(page).contains("id=\"asset-form\"").contains("id=\"asset-import\"");
    var added =
        admin.post(
            "/ui/assets/",
            form(
                Map.of(
                    "name", "radar-7",
                    "kind", "facility",
                    "sector", "defense",
                    "criticality", "4",
                    "owner", "Base 7 ops",
                    "addresses", "198.51.100.0/28\r\n198.51.100.77",
                    "hostnames", "Radar7.base.example",
                    "tags", "radar\nperimeter")),
            Map.of());
    assertThat(added.statusCode()).as(added.body()).isEqualTo(303);
    assertThat(added.headers().firstValue("Location")).hasValue("/ui/assets/radar-7/");
    Asset stored = awaitResolved("radar-7", 4);
    assertThat(stored.sector()).isEqualTo(Sector.DEFENSE);
    assertThat(stored.addresses()).hasToString("[198.51.100.0/28, 198.51.100.77/32]");
    assertThat(stored.hostnames()).containsExactly("radar7.base.example");
    assertThat(stored.tags()).containsExactly("radar", "perimeter");
    String one = admin.get("/ui/assets/radar-7/").body();
    assertThat(one).contains("id=\"edit\"").contains(">198.51.100.0/28\n198.51.100.77/32<");

    var changed =
        admin.post(
            "/ui/assets/",
            form(
                Map.of(
                    "name", "radar-7",
                    "kind", "facility",
                    "sector", "energy",
                    "criticality", "5",
                    "addresses", "198.51.100.0/28")),
            Map.of());
    assertThat(changed.statusCode()).isEqualTo(303);
    assertThat(awaitResolved("radar-7", 5).sector()).isEqualTo(Sector.ENERGY);

    var removed = admin.post("/ui/assets/radar-7/delete", form(Map.of()), Map.of());
    assertThat(removed.statusCode()).isEqualTo(303);
    assertThat(removed.headers().firstValue("Location")).hasValue("/ui/assets/");
    awaitGone("radar-7");
    assertThat(admin.get("/ui/assets/radar-7/").statusCode()).isEqualTo(404);
    assertThat(admin.post("/ui/assets/radar-7/delete", form(Map.of()), Map.of()).statusCode())
        .isEqualTo(404);

    assertThat(audited("ui-asset-put")).hasSize(2);
    assertThat(audited("ui-asset-delete"))
        .singleElement()
        .satisfies(e -> assertThat(e.event().detail()).contains("radar-7"));
  }

  @Test
  void aBadFieldIsRefusedByNameAndStoresNothing() {
    var r =
        admin.post(
            "/ui/assets/",
            form(
                Map.of(
                    "name", "bad-one",
                    "kind", "facility",
                    "sector", "defense",
                    "criticality", "9",
                    "addresses", "10.0.0.0/8")),
            Map.of());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("criticality").contains("9");
    var cidr =
        admin.post(
            "/ui/assets/",
            form(
                Map.of(
                    "name", "bad-two",
                    "kind", "host",
                    "sector", "defense",
                    "criticality", "2",
                    "addresses", "10.0.0.300")),
            Map.of());
    assertThat(cidr.statusCode()).isEqualTo(400);
    assertThat(cidr.body()).contains("10.0.0.300");
    assertThat(names()).doesNotContain("bad-one", "bad-two");
  }

  @Test
  void anImportStoresTheGoodRowsAndNamesEveryBadOneByLine() throws Exception {
    String csv =
        "name,kind,addresses,hostnames,owner,sector,criticality,tags\n"
            + "pier-3,facility,192.0.2.0/26;192.0.2.200,pier3.port.example,port ops,transport,4,"
            + "harbour\n"
            + "broken,facility,192.0.2.1,,x,transport,11,\n"
            + "substation-9,facility,198.18.0.0/24,,grid,energy,5,\n";
    var r = upload("assets.csv", csv, admin);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body())
        .contains("assets.csv: 2 asset(s) stored, 1 row(s) refused.")
        .contains("assets.csv:3: criticality");
    awaitResolved("pier-3", 4);
    awaitResolved("substation-9", 5);
    assertThat(names()).doesNotContain("broken");
    assertThat(audited("ui-asset-import"))
        .singleElement()
        .satisfies(e -> assertThat(e.event().detail()).contains("2 stored, 1 refused"));
  }

  @Test
  void analystsSeeTheAssetsButChangeNone() throws Exception {
    String page = analyst.get("/ui/assets/").body();
    assertThat(page).doesNotContain("id=\"asset-form\"").contains("admins add, change");
    assertThat(analyst.get("/ui/assets/ws01/").body()).doesNotContain("id=\"edit\"");
    var put =
        analyst.post(
            "/ui/assets/",
            Map.of(
                "_csrf", analyst.csrf(),
                "name", "sneaky",
                "kind", "host",
                "sector", "defense",
                "criticality", "5"),
            Map.of());
    assertThat(put.statusCode()).isEqualTo(403);
    assertThat(upload("a.csv", "name,kind,sector,criticality\nx,host,defense,5\n", analyst))
        .extracting(HttpResponse::statusCode)
        .isEqualTo(403);
    assertThat(
            analyst
                .post("/ui/assets/ws01/delete", Map.of("_csrf", analyst.csrf()), Map.of())
                .statusCode())
        .isEqualTo(403);
    assertThat(names()).contains("ws01").doesNotContain("sneaky", "x");
  }

  @Test
  void aChangeWithoutTheSessionsCsrfTokenIsRefused() {
    var r =
        admin.post(
            "/ui/assets/",
            Map.of("name", "nocsrf", "kind", "host", "sector", "defense", "criticality", "5"),
            Map.of());
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(names()).doesNotContain("nocsrf");
  }

  private static Map<String, String> form(Map<String, String> fields) {
    var m = new java.util.HashMap<>(fields);
    m.put("_csrf", admin.csrf());
    return m;
  }

  /** A multipart upload as a browser sends the import form, with the session's cookie. */
  private static HttpResponse<String> upload(String file, String text, UiClient who)
      throws Exception {
    String boundary = "----kasa" + System.nanoTime();
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n"
            + who.csrf()
            + "\r\n--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
            + file
            + "\"\r\nContent-Type: text/csv\r\n\r\n"
            + text
            + "\r\n--"
            + boundary
            + "--\r\n";
    var request =
        HttpRequest.newBuilder(URI.create(node.server().url() + AssetEditing.IMPORT))
            .timeout(Duration.ofSeconds(60))
            .header("Cookie", WebUi.SESSION_COOKIE + "=" + who.cookie(WebUi.SESSION_COOKIE))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    return node.client().send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> names() {
    return node.server().store().assets().list().stream().map(Asset::name).toList();
  }

  private static Asset awaitResolved(String name, int criticality) {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      Optional<Asset> a =
          node.server().assets().assets().stream()
              .filter(x -> x.name().equals(name) && x.criticality() == criticality)
              .findFirst();
      if (a.isPresent()) {
        return a.get();
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("the resolver never took " + name + " at " + criticality);
  }

  private static void awaitGone(String name) {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (node.server().assets().assets().stream().anyMatch(a -> a.name().equals(name))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the resolver still holds " + name);
      }
      Thread.onSpinWait();
    }
  }

  private static List<AuditEntry> audited(String kind) {
    return node
        .server()
        .store()
        .audit()
        .page(new AuditLog.PageQuery(null, null, null, null, Long.MAX_VALUE, 1000))
        .entries()
        .stream()
        .filter(e -> e.event().kind().equals(kind))
        .toList();
  }
}
