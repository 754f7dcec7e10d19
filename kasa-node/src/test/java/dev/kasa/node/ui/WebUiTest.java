package dev.kasa.node.ui;

import static dev.kasa.node.StixFixtures.envelope;
import static dev.kasa.node.StixFixtures.indicator;
import static dev.kasa.node.StixFixtures.newId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.node.TestNode;
import dev.kasa.node.admin.NodeAdmin;
import dev.kasa.node.admin.Secret;
import dev.kasa.node.store.AccessState.Role;
import dev.kasa.node.store.AccessState.SecretKind;
import dev.kasa.node.store.AuditEntry;
import dev.kasa.node.store.AuditLog;
import dev.kasa.node.store.LinkRecord.Direction;
import dev.kasa.node.store.LinkStore;
import dev.kasa.stix.Tlp;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web UI over HTTPS on a real node: its routes enumerated (a new page is checked for 403 to
 * partners and sensors, the login redirect, the CSP and cookie flags without being named anywhere
 * else), login and logout, CSRF, throttling, audit, and hostile values rendered inert.
 */
class WebUiTest {
  @TempDir static Path tmp;
  static TestNode node;
  static String collection;
  static String objectId;
  static String partnerAuth;
  static String sensorAuth;

  static final String HOSTILE_NAME = "<script>alert('name')</script>";
  static final String HOSTILE_VALUE = "<img src=x onerror=alert(1)>";

  /** Every route of the UI, with whether it is reached without a session. */
  static final Map<String, Boolean> ROUTES =
      Map.ofEntries(
          Map.entry("GET /", true),
          Map.entry("GET /ui/", false),
          Map.entry("GET /ui/static/{file}", true),
          Map.entry("GET /ui/webjars/<path>", true),
          Map.entry("GET /ui/login", true),
          Map.entry("POST /ui/login", true),
          Map.entry("POST /ui/logout", false),
          Map.entry("GET /ui/intel/", false),
          Map.entry("GET /ui/intel/collections/{collection}/", false),
          Map.entry("GET /ui/intel/objects/{object}/", false),
          Map.entry("GET /ui/intel/search", false),
          Map.entry("GET /ui/partners/", false),
          Map.entry("GET /ui/links/", false),
          Map.entry("GET /ui/audit/", false),
          Map.entry("GET /ui/overview/", false),
          Map.entry("GET /ui/alerts/", false),
          Map.entry("POST /ui/alerts/", false),
          Map.entry("GET /ui/alerts/{id}/", false),
          Map.entry("POST /ui/alerts/{id}/", false),
          Map.entry("GET /ui/assets/", false),
          Map.entry("GET /ui/assets/{name}/", false),
          Map.entry("POST /ui/assets/", false),
          Map.entry("POST /ui/assets/import", false),
          Map.entry("POST /ui/assets/{name}/delete", false),
          Map.entry("GET /ui/actors/", false));

  @BeforeAll
  static void start() {
    node = TestNode.start(tmp, null);
    collection = node.collection("intel");
    objectId = newId();
    try (NodeAdmin admin = node.admin()) {
      admin.addUser("ana", Role.ANALYST, List.of(new Secret(SecretKind.PASSWORD, "ana-pw")));
      admin.addUser("sen", Role.SENSOR, List.of(new Secret(SecretKind.PASSWORD, "sen-pw")));
      admin.addUser("tom", Role.ANALYST, List.of(new Secret(SecretKind.PASSWORD, "tom-pw")));
      admin.addCollection("markup", "<b>bold</b> title", "<i>desc</i>");
    }
    partnerAuth = node.partner("bravo", "bravo-pw", List.of("intel"), List.of("intel"));
    sensorAuth = TestNode.basic("sen", "sen-pw");
    try (NodeAdmin admin = node.admin()) {
      admin.addToCommunity("allies", List.of("bravo"));
      admin.addLink(
          new LinkStore.Spec(
              "bravo",
              "9a1c0000-0000-4000-8000-000000000001",
              "intel",
              Set.of(Direction.PULL),
              "https://127.0.0.1:1/taxii2/",
              "alpha",
              null,
              null,
              null));
    }
    node.awaitAccess();
    String hostile =
        "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--"
            + java.util.UUID.randomUUID()
            + "\",\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":\"2024-01-01T00:00:00.000Z\","
            + "\"name\":\""
            + HOSTILE_NAME.replace("'", "\\u0027")
            + "\",\"pattern\":\"[url:value = '"
            + HOSTILE_VALUE
            + "']\",\"pattern_type\":\"stix\",\"valid_from\":\"2024-01-01T00:00:00Z\"}";
    post(partnerAuth, indicator(objectId, "2024-01-01T00:00:00.000Z", Tlp.GREEN));
    post(node.adminAuth(), indicator(objectId, "2024-02-01T00:00:00.000Z", Tlp.AMBER), hostile);
  }

  static void post(String auth, String... objects) {
    var r =
        node.post("/taxii2/api/collections/" + collection + "/objects/", auth, envelope(objects));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static UiClient client() {
    return new UiClient(node.client(), node.server().url());
  }

  static List<String> uiEndpoints() {
    return node.server().endpoints().stream()
        .filter(e -> new WebUi(null, null, null, null).owns(e.substring(e.indexOf(' ') + 1)))
        .toList();
  }

  static String fill(String route) {
    return route
        .replace("{collection}", collection)
        .replace("{object}", objectId)
        .replace("{file}", "kasa.css")
        .replace("{id}", "1")
        .replace("{name}", "no-such-asset")
        .replace("<path>", StaticAssets.HTMX.substring("/ui/webjars/".length()));
  }

  static HttpResponse<String> call(UiClient c, String endpoint, Map<String, String> headers) {
    String method = endpoint.substring(0, endpoint.indexOf(' '));
    String path = fill(endpoint.substring(endpoint.indexOf(' ') + 1));
    return method.equals("GET") ? c.get(path, headers) : c.post(path, Map.of(), headers);
  }

  static List<AuditEntry> audit(String kind) {
    var out = new ArrayList<AuditEntry>();
    try (NodeAdmin admin = node.admin()) {
      admin
          .audit()
          .read(
              AuditLog.Filter.ALL,
              e -> {
                if (e.event().kind().equals(kind)) {
                  out.add(e);
                }
              });
    }
    return out;
  }

  @Test
  void everyUiRouteIsListedHere() {
    assertThat(uiEndpoints())
        .as("a new page must be added to ROUTES (and so to the checks below)")
        .containsExactlyInAnyOrderElementsOf(ROUTES.keySet());
  }

  @Test
  void withoutASessionEveryPageRedirectsToTheLoginForm() {
    for (String endpoint : uiEndpoints()) {
      if (ROUTES.get(endpoint)) {
        continue;
      }
      var r = call(client(), endpoint, Map.of());
      assertThat(r.statusCode()).as(endpoint).isEqualTo(303);
      assertThat(r.headers().firstValue("Location")).as(endpoint).hasValue("/ui/login");
      var htmx = call(client(), endpoint, Map.of("HX-Request", "true"));
      assertThat(htmx.headers().firstValue("HX-Redirect")).as(endpoint).hasValue("/ui/login");
    }
  }

  @Test
  void partnersAndSensorsGet403OnEveryPath() {
    for (String auth : List.of(partnerAuth, sensorAuth)) {
      for (String endpoint : uiEndpoints()) {
        var r = call(client(), endpoint, Map.of("Authorization", auth));
        assertThat(r.statusCode()).as(endpoint).isEqualTo(403);
        assertThat(r.body()).as(endpoint).contains("analysts and admins");
      }
    }
    for (String[] who : new String[][] {{"bravo", "bravo-pw"}, {"sen", "sen-pw"}}) {
      UiClient c = client();
      var r = c.login(who[0], who[1]);
      assertThat(r.statusCode()).as(who[0]).isEqualTo(403);
      assertThat(c.cookie(WebUi.SESSION_COOKIE)).as(who[0]).isNull();
      assertThat(c.get("/ui/intel/").statusCode()).isEqualTo(303);
    }
    assertThat(audit("ui-login-failed"))
        .anySatisfy(e -> assertThat(e.event().principal()).isEqualTo("sen"));
  }

  @Test
  void anAnalystLogsInSeesPagesAndLogsOut() {
    UiClient c = client();
    assertThat(c.get("/").headers().firstValue("Location")).hasValue("/ui/");
    var form = c.get("/ui/login");
    assertThat(form.statusCode()).isEqualTo(200);
    var r = c.login("ana", "ana-pw");
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).hasValue("/ui/overview/");
    String session = c.cookie(WebUi.SESSION_COOKIE);
    assertThat(session).hasSizeGreaterThanOrEqualTo(43);
    var page = c.get("/ui/intel/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("intel").contains("ana (analyst)");
    // A login never takes over a session id it was sent (fixation): it ends it and starts anew.
    UiClient again = client();
    String token = UiClient.csrfField(again.get("/ui/login").body());
    again.setCookie(WebUi.SESSION_COOKIE, session);
    var relogin =
        again.post(
            "/ui/login", Map.of("_csrf", token, "user", "ana", "password", "ana-pw"), Map.of());
    assertThat(relogin.statusCode()).isEqualTo(303);
    assertThat(again.cookie(WebUi.SESSION_COOKIE)).isNotEqualTo(session);
    assertThat(c.get("/ui/intel/").statusCode()).as("the old session ended").isEqualTo(303);
    c = again;
    String csrf = c.csrf();
    var out = c.post("/ui/logout", Map.of("_csrf", csrf), Map.of());
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.headers().firstValue("Location")).hasValue("/ui/login");
    assertThat(c.cookie(WebUi.SESSION_COOKIE)).isNull();
    assertThat(c.get("/ui/intel/").statusCode()).isEqualTo(303);
    // The old cookie no longer opens a session on the server either.
    UiClient replay = client();
    replay.post("/ui/logout", Map.of(), Map.of()); // no session: redirect
    assertThat(audit("ui-login"))
        .anySatisfy(e -> assertThat(e.event().principal()).isEqualTo("ana"));
    assertThat(audit("ui-logout"))
        .anySatisfy(
            e -> {
              assertThat(e.event().principal()).isEqualTo("ana");
              assertThat(e.event().detail()).contains("127.0.0.1");
            });
  }

  @Test
  void stateChangingRequestsWithoutTheSessionsCsrfTokenAreRefused() {
    UiClient c = client();
    c.mustLogin("ana", "ana-pw");
    assertThat(c.post("/ui/logout", Map.of(), Map.of()).statusCode()).isEqualTo(403);
    assertThat(c.post("/ui/logout", Map.of("_csrf", "wrong"), Map.of()).statusCode())
        .isEqualTo(403);
    assertThat(c.post("/ui/logout", Map.of(), Map.of(WebUi.CSRF_HEADER, "wrong")).statusCode())
        .isEqualTo(403);
    // Another session's token does not do either.
    UiClient other = client();
    other.mustLogin("ana", "ana-pw");
    assertThat(c.post("/ui/logout", Map.of("_csrf", other.csrf()), Map.of()).statusCode())
        .isEqualTo(403);
    assertThat(c.get("/ui/intel/").statusCode()).as("still logged in").isEqualTo(200);
    assertThat(audit("ui-csrf-refused")).isNotEmpty();
    // htmx sends the token as a header: that works.
    assertThat(c.post("/ui/logout", Map.of(), Map.of(WebUi.CSRF_HEADER, c.csrf())).statusCode())
        .isEqualTo(303);

    // The login form has its own token, tied to its cookie.
    UiClient login = client();
    String token = UiClient.csrfField(login.get("/ui/login").body());
    var noToken = login.post("/ui/login", Map.of("user", "ana", "password", "ana-pw"), Map.of());
    assertThat(noToken.statusCode()).isEqualTo(403);
    login.forget(Login.FORM_COOKIE);
    var noCookie =
        login.post(
            "/ui/login", Map.of("_csrf", token, "user", "ana", "password", "ana-pw"), Map.of());
    assertThat(noCookie.statusCode()).isEqualTo(403);
    assertThat(login.cookie(WebUi.SESSION_COOKIE)).isNull();
  }

  @Test
  void failedLoginsAreAuditedAndThrottledPerUser() {
    UiClient c = client();
    for (int i = 0; i < LoginThrottle.Limits.DEFAULT.perUser(); i++) {
      assertThat(c.login("tom", "wrong-" + i).statusCode()).isEqualTo(401);
    }
    var refused = c.login("tom", "tom-pw");
    assertThat(refused.statusCode()).as("the right password, but throttled").isEqualTo(429);
    assertThat(c.cookie(WebUi.SESSION_COOKIE)).isNull();
    assertThat(audit("ui-login-failed"))
        .filteredOn(e -> "tom".equals(e.event().principal()))
        .extracting(e -> e.event().detail())
        .anySatisfy(d -> assertThat(d).contains("wrong name or password"))
        .anySatisfy(d -> assertThat(d).contains("throttled"));
    // Another user from the same address is not held back by tom's failures.
    client().mustLogin("ana", "ana-pw");
  }

  @Test
  void everyResponseCarriesTheCspAndEveryCookieItsFlags() {
    UiClient c = client();
    c.mustLogin("admin", TestNode.ADMIN_PASSWORD);
    List<HttpResponse<String>> checked = new ArrayList<>();
    for (String endpoint : uiEndpoints()) {
      if (endpoint.startsWith("GET ")) {
        checked.add(call(c, endpoint, Map.of()));
      }
    }
    checked.add(c.get("/ui/no-such-page/"));
    checked.add(c.get("/ui/intel/objects/indicator--" + java.util.UUID.randomUUID() + "/"));
    checked.add(c.get("/ui/audit/?since=yesterday"));
    checked.add(client().get("/ui/intel/"));
    checked.add(client().get("/ui/login"));
    for (HttpResponse<String> r : checked) {
      String what = r.request().uri().toString();
      String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
      assertThat(csp).as(what).isEqualTo(SecurityHeaders.CSP);
      assertThat(csp).doesNotContain("unsafe").contains("frame-ancestors 'none'");
      assertThat(r.headers().firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
      assertThat(r.headers().firstValue("Referrer-Policy")).as(what).hasValue("no-referrer");
      if (r.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) {
        assertThat(r.body()).as(what).doesNotContainPattern("<script(?![^>]*\\bsrc=)");
        assertThat(r.body()).as(what).doesNotContainPattern("(?i)<[^>]*\\son[a-z]+=");
      }
    }
    assertThat(checked).extracting(HttpResponse::statusCode).contains(200, 404, 400, 303);
    List<String> cookies =
        c.seen.stream().flatMap(r -> r.headers().allValues("Set-Cookie").stream()).toList();
    assertThat(cookies).isNotEmpty();
    assertThat(cookies)
        .allSatisfy(
            k ->
                assertThat(k)
                    .contains("; Secure")
                    .contains("; HttpOnly")
                    .contains("SameSite=Strict"));
  }

  @Test
  void hostileValuesRenderInert() {
    UiClient c = client();
    c.mustLogin("admin", TestNode.ADMIN_PASSWORD);
    client().login("<script>alert('user')</script>", "x");
    List<String> pages =
        List.of(
            "/ui/intel/",
            "/ui/intel/collections/" + collection + "/",
            "/ui/intel/search?q="
                + java.net.URLEncoder.encode(
                    HOSTILE_VALUE, java.nio.charset.StandardCharsets.UTF_8),
            "/ui/audit/",
            "/ui/intel/search?q=%3Cscript%3E");
    boolean sawHostile = false;
    for (String p : pages) {
      String body = c.get(p).body();
      assertThat(body).as(p).doesNotContain("<script>alert").doesNotContain("<img src=x");
      assertThat(body).as(p).doesNotContain("<b>bold</b>").doesNotContain("<i>desc</i>");
      sawHostile |= body.contains("&lt;img src=x onerror=alert(1)&gt;");
    }
    assertThat(sawHostile).isTrue();
    var search =
        c.get(
            "/ui/intel/search?q="
                + java.net.URLEncoder.encode(
                    HOSTILE_VALUE, java.nio.charset.StandardCharsets.UTF_8));
    assertThat(search.body()).contains("&lt;script&gt;alert(");
    String objectPage = c.get(hostileObjectHref(search.body())).body();
    assertThat(objectPage).doesNotContain("<script>alert").doesNotContain("<img src=x");
    assertThat(objectPage).contains("&lt;img src=x onerror=alert(1)&gt;");
    assertThat(c.get("/ui/audit/").body()).contains("&lt;script&gt;alert(");
  }

  private static String hostileObjectHref(String html) {
    var m = java.util.regex.Pattern.compile("href=\"(/ui/intel/objects/[^\"]+/)\"").matcher(html);
    assertThat(m.find()).as(html).isTrue();
    return m.group(1);
  }
}
