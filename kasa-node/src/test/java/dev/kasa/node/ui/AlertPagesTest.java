package dev.kasa.node.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kasa.node.Json;
import dev.kasa.node.TestNode;
import dev.kasa.node.store.AuditLog;
import dev.kasa.node.store.StoredAlert;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watch floor's pages over HTTPS on a real node (SQLite): the overview, the alert list with its
 * filters, paging and bulk actions, an alert's page and its life cycle, the assets; hostile values
 * inert; changes refused without the session's CSRF token.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertPagesTest {
  private static final Pattern ROW = Pattern.compile("name=\"id\" value=\"([0-9]+)\"");
  private static final Pattern MORE = Pattern.compile("hx-get=\"([^\"]+)\"");

  /** Generated hits: 130 alerts, each its own indicator; actors and assets as below. */
  private static final int HITS = 130;

  private static final String SANDWORM = "threat-actor--7c1b0000-0000-4000-8000-000000000013";

  @TempDir static Path tmp;
  static TestNode node;
  static String indicator;
  static String collection;
  static UiClient ui;

  @BeforeAll
  static void start() {
    node = TestNode.start(tmp, null);
    collection = node.collection("intel");
    indicator = AlertScene.prepare(node, collection);
    var lines = new ArrayList<String>();
    for (int i = 0; i < HITS; i++) {
      String actor = i % 3 == 0 ? "Sandworm" : null;
      String ip = i % 2 == 0 ? "10.7.0.5" : "192.0.2." + (i % 200);
      // Confidence 10 (low) or 50 (medium); ws01 (criticality 2) adds nothing, an actor one step.
      lines.add(AlertScene.hit("indicator--gen-" + i, i % 4 == 0 ? 50 : 10, actor, ip));
    }
    lines.add(AlertScene.hostileRule());
    AlertScene.record(node, lines);
    var actor =
        node.post(
            "/taxii2/api/collections/" + collection + "/objects/",
            node.adminAuth(),
            dev.kasa.node.StixFixtures.envelope(
                "{\"type\":\"threat-actor\",\"spec_version\":\"2.1\",\"id\":\""
                    + SANDWORM
                    + "\",\"created\":\"2024-01-01T00:00:00.000Z\","
                    + "\"modified\":\"2024-01-01T00:00:00.000Z\",\"name\":\"Sandworm\"}"));
    assertThat(actor.statusCode()).as(actor.body()).isEqualTo(202);
    ui = new UiClient(node.client(), node.server().url());
    ui.mustLogin(AlertScene.ANALYST, AlertScene.ANALYST_PASSWORD);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  @Order(1) // before the tests that change alerts
  void theOverviewCountsOpenAlertsAndShowsTheTimeline() {
    var r = ui.get("/ui/overview/");
    assertThat(r.statusCode()).isEqualTo(200);
    String body = r.body();
    assertThat(body).contains(HITS + 1 + " open alert(s)");
    assertThat(body).contains("<table id=\"by-priority\"").contains("<table id=\"by-sector\"");
    assertThat(body).contains("<table id=\"by-asset\"").contains("<table id=\"by-actor\"");
    // ws01: the even hits and the rule; Sandworm: every third hit.
    assertThat(body)
        .containsPattern("<a href=\"/ui/assets/ws01/\">ws01</a></td><td class=\"num\">66<");
    assertThat(body).containsPattern(">Sandworm</a></td><td class=\"num\">44<");
    assertThat(body).contains(java.time.LocalDate.now(java.time.ZoneOffset.UTC) + "</td>");
    assertThat(body).contains(StaticAssets.ECHARTS).contains("/ui/static/charts.js");
    assertThat(ui.get(StaticAssets.ECHARTS).statusCode()).isEqualTo(200);
    assertThat(ui.get("/ui/static/charts.js").statusCode()).isEqualTo(200);
    assertThat(ui.get("/ui/").headers().firstValue("Location")).hasValue("/ui/overview/");
  }

  @Test
  @Order(2) // before the tests that change alerts
  void actorsFromTheIntelShowTheirOpenAlerts() {
    String body = ui.get("/ui/actors/").body();
    assertThat(body)
        .contains(
            "<tr class=\"actor\"><td><a href=\"/ui/intel/objects/"
                + SANDWORM
                + "/\">Sandworm</a></td><td>threat-actor</td><td>intel</td><td class=\"num\"><a"
                + " href=\"/ui/alerts/?status=new&amp;status=acknowledged&amp;actor=Sandworm\">44</a>");
    assertThat(body).doesNotContain("Named only by the indicators");
  }

  @Test
  void theListPagesNewestFirstWithHtmxFragmentsAndEveryAlertOnce() {
    var first = ui.get("/ui/alerts/");
    assertThat(first.statusCode()).isEqualTo(200);
    List<String> seen = new ArrayList<>(ids(first.body()));
    assertThat(seen).hasSize(AlertPages.PAGE);
    String next = more(first.body());
    int pages = 1;
    while (next != null) {
      var page = ui.get(next, Map.of("HX-Request", "true"));
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).doesNotContain("<html").doesNotContain("<table");
      seen.addAll(ids(page.body()));
      next = more(page.body());
      pages++;
    }
    assertThat(pages).isEqualTo(3);
    assertThat(seen).doesNotHaveDuplicates().hasSize(HITS + 1);
    var ordered = seen.stream().map(id -> alert(Long.parseLong(id))).toList();
    for (int i = 1; i < ordered.size(); i++) {
      assertThat(ordered.get(i).lastSeen()).isLessThanOrEqualTo(ordered.get(i - 1).lastSeen());
    }
    assertThat(ui.get("/ui/alerts/?status=open").statusCode()).isEqualTo(400);
    assertThat(ui.get("/ui/alerts/?priority=urgent").statusCode()).isEqualTo(400);
    assertThat(ui.get("/ui/alerts/?after=x").statusCode()).isEqualTo(400);
    assertThat(ui.get("/ui/alerts/?limit=201").statusCode()).isEqualTo(400);
  }

  @Test
  void filtersNarrowTheList() {
    // At least high: the hostile rule (high, ws01 adds nothing) and nothing generated
    // (medium at most: 50 + actor).
    List<String> high = ids(ui.get("/ui/alerts/?status=new&priority=high").body());
    for (String id : high) {
      StoredAlert a = alert(Long.parseLong(id));
      assertThat(a.priority().ordinal()).isGreaterThanOrEqualTo(2);
      assertThat(a.status().label()).isEqualTo("new");
    }
    assertThat(high).isNotEmpty();
    String sandworm = ui.get("/ui/alerts/?actor=Sandworm&limit=200").body();
    assertThat(ids(sandworm)).hasSize(44);
    assertThat(sandworm).contains("<option value=\"\">any</option>");
    List<String> ws01 = ids(ui.get("/ui/alerts/?asset=ws01&limit=200").body());
    assertThat(ws01)
        .allSatisfy(id -> assertThat(alert(Long.parseLong(id)).asset()).isEqualTo("ws01"));
    assertThat(ws01).hasSize(66);
    List<String> medium = ids(ui.get("/ui/alerts/?priority=medium&limit=200").body());
    assertThat(medium)
        .allSatisfy(id -> assertThat(alert(Long.parseLong(id)).priority().ordinal()).isPositive());
  }

  @Test
  void bulkActionsGoThroughTheApiPathAndNeedTheCsrfToken() {
    String page = ui.get("/ui/alerts/?actor=Sandworm&limit=3").body();
    List<String> picked = ids(page);
    assertThat(picked).hasSize(3);
    String csrf = UiClient.csrfField(page);
    String body = form(picked, "acknowledged", null);
    var refused = post("/ui/alerts/", body, null);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(alert(Long.parseLong(picked.get(0))).status().label()).isEqualTo("new");

    var done = post("/ui/alerts/", body + "&back=%2Fui%2Falerts%2F%3Fstatus%3Dacknowledged", csrf);
    assertThat(done.statusCode()).isEqualTo(303);
    assertThat(done.headers().firstValue("Location")).hasValue("/ui/alerts/?status=acknowledged");
    for (String id : picked) {
      assertThat(alert(Long.parseLong(id)).status().label()).isEqualTo("acknowledged");
    }
    var assigned =
        post("/ui/alerts/", form(picked, "assign-me", null) + "&back=https://evil/", csrf);
    assertThat(assigned.headers().firstValue("Location")).hasValue("/ui/alerts/");
    assertThat(alert(Long.parseLong(picked.get(1))).assignee()).isEqualTo(AlertScene.ANALYST);
    // Several statuses at once: the three acknowledged ones are in, resolved ones are not.
    List<String> open =
        ids(ui.get("/ui/alerts/?status=acknowledged&status=resolved&limit=200").body());
    assertThat(open).containsAll(picked);
    assertThat(post("/ui/alerts/", form(picked, "resolved", null), csrf).statusCode())
        .isEqualTo(303);
    assertThat(ids(ui.get("/ui/alerts/?status=acknowledged&limit=200").body()))
        .doesNotContainAnyElementsOf(picked);
    // A move the life cycle forbids is a conflict, and nothing was changed by it.
    assertThat(post("/ui/alerts/", form(picked, "new", null), csrf).statusCode()).isEqualTo(409);
    assertThat(post("/ui/alerts/", "action=resolved", csrf).statusCode()).isEqualTo(400);
    var audited = new ArrayList<String>();
    node.server()
        .store()
        .audit()
        .read(
            AuditLog.Filter.ALL,
            e -> {
              if (e.event().kind().equals("alert-change")) {
                audited.add(e.event().principal() + " " + e.event().detail());
              }
            });
    assertThat(audited)
        .filteredOn(
            s ->
                s.startsWith(AlertScene.ANALYST + " ")
                    && picked.stream().anyMatch(id -> s.contains("{\"alert\":" + id + ",")))
        .hasSize(9);
  }

  @Test
  void anAlertFromAnEventShowsItsIntelAndItsFalsePositiveSightsBack() {
    var posted =
        node.send(
            node.request(
                    "/kasa/v1/events",
                    TestNode.basic(AlertScene.SENSOR, AlertScene.SENSOR_PASSWORD))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"src_ip\":\"10.1.0.1\",\"dest_ip\":\"203.0.113.7\"}\n"))
                .build());
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
    String list = ui.get("/ui/alerts/?asset=hq-dmz").body();
    List<String> ids = ids(list);
    assertThat(ids).hasSize(1);
    String href = "/ui/alerts/" + ids.getFirst() + "/";
    String page = ui.get(href).body();
    assertThat(page).contains("<a href=\"/ui/intel/objects/" + indicator + "/\" id=\"object\">");
    assertThat(page).contains("<a href=\"/ui/assets/hq-dmz/\" id=\"asset\">hq-dmz</a>");
    assertThat(page).contains("<span class=\"priority critical\">critical</span>");
    assertThat(page).contains("dest_ip = 203.0.113.7").contains("<dd>75</dd>");
    assertThat(page).contains("<dd id=\"status\">new</dd>");
    String csrf = UiClient.csrfField(page);

    assertThat(post(href, "action=acknowledged", null).statusCode()).isEqualTo(403);
    var ack = post(href, "action=acknowledged&comment=%3Cb%3Emine%3C%2Fb%3E", csrf);
    assertThat(ack.statusCode()).isEqualTo(303);
    assertThat(ack.headers().firstValue("Location")).hasValue(href);
    page = ui.get(href).body();
    assertThat(page).contains("<dd id=\"status\">acknowledged</dd>");
    assertThat(page).contains("&lt;b&gt;mine&lt;/b&gt;").doesNotContain("<b>mine</b>");
    assertThat(post(href, "action=assign-me", csrf).statusCode()).isEqualTo(303);
    assertThat(post(href, "action=false_positive", csrf).statusCode()).isEqualTo(303);
    page = ui.get(href).body();
    assertThat(page).contains("<dd id=\"status\">false positive</dd>");
    assertThat(page).contains("<dd id=\"assignee\">" + AlertScene.ANALYST + "</dd>");

    var sightings =
        node.get(
            "/taxii2/api/collections/" + collection + "/objects/?match[type]=sighting",
            node.adminAuth());
    JsonNode s = Json.parse(sightings.body()).path("objects").get(0);
    assertThat(s.path("sighting_of_ref").asText()).isEqualTo(indicator);
    assertThat(s.path("extensions").toString()).contains("\"false_positive\":true");
    assertThat(ui.get("/ui/alerts/99999999/").statusCode()).isEqualTo(404);
    assertThat(ui.get("/ui/alerts/x/").statusCode()).isEqualTo(404);
  }

  @Test
  void hostileValuesInAnEventRenderAsText() {
    String list = ui.get("/ui/alerts/?asset=ws01&priority=high").body();
    assertThat(list).contains("&lt;script&gt;window.kasaPwned=2&lt;/script&gt;");
    String id = ids(list).getFirst();
    String page = ui.get("/ui/alerts/" + id + "/").body();
    for (String body : List.of(list, page)) {
      assertThat(body).doesNotContain("<script>window").doesNotContain("<img src=x");
      assertThat(body).doesNotContain("<b onmouseover");
      assertThat(body).doesNotContainPattern("(?i)<[^>]*\\son[a-z]+=");
    }
    assertThat(page).contains("&lt;script&gt;window.kasaPwned=2&lt;/script&gt;");
    assertThat(page)
        .contains("<td class=\"host\">\"&gt;&lt;img src=x onerror=window.kasaPwned=1&gt;</td>");
    assertThat(page)
        .contains("CommandLine = &lt;b onmouseover=window.kasaPwned=3&gt;bold&lt;/b&gt;");
    assertThat(page).contains("10.7.0.5:4444 → ?; user = &lt;b onmouseover");
  }

  @Test
  void assetsShowTheirOpenAlertsAndTheirAlerts() {
    String list = ui.get("/ui/assets/").body();
    assertThat(list).contains("<a href=\"/ui/assets/ws01/\">ws01</a>");
    assertThat(list).containsPattern("<td>defense</td><td class=\"num\">2</td>");
    assertThat(list).containsPattern("<td>government</td><td class=\"num\">5</td>");
    String page = ui.get("/ui/assets/ws01/").body();
    assertThat(page).contains("<dd>2 of 5</dd>").contains("<code>10.7.0.5/32, ws01</code>");
    assertThat(ids(page)).isEmpty(); // no bulk boxes on the asset page
    assertThat(page)
        .contains("href=\"/ui/alerts/?status=new&amp;status=acknowledged&amp;asset=ws01\"");
    assertThat(page.split("<tr class=\"alert\">").length - 1).isEqualTo(AlertPages.PAGE);
    assertThat(ui.get("/ui/assets/no-such/").statusCode()).isEqualTo(404);
    assertThat(ui.get("/ui/assets/?limit=1").body())
        .contains("href=\"/ui/assets/?after=hq-dmz&amp;limit=1\"");
  }

  private static StoredAlert alert(long id) {
    return node.server().store().alerts().get(id).orElseThrow();
  }

  private static String form(List<String> ids, String action, String comment) {
    var parts = new ArrayList<String>();
    for (String id : ids) {
      parts.add("id=" + id);
    }
    parts.add("action=" + action);
    if (comment != null) {
      parts.add(
          "comment="
              + java.net.URLEncoder.encode(comment, java.nio.charset.StandardCharsets.UTF_8));
    }
    return String.join("&", parts);
  }

  private static java.net.http.HttpResponse<String> post(String path, String body, String csrf) {
    var headers = new HashMap<String, String>();
    String withToken = csrf == null ? body : body + "&_csrf=" + csrf;
    return ui.postRaw(path, withToken, headers);
  }

  private static List<String> ids(String html) {
    var out = new LinkedHashSet<String>();
    Matcher m = ROW.matcher(html);
    while (m.find()) {
      out.add(m.group(1));
    }
    return new ArrayList<>(out);
  }

  private static String more(String html) {
    Matcher m = MORE.matcher(html);
    return m.find() ? m.group(1).replace("&amp;", "&") : null;
  }
}
