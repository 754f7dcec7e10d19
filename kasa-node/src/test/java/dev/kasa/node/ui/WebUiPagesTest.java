package dev.kasa.node.ui;

import static dev.kasa.node.StixFixtures.envelope;
import static dev.kasa.node.StixFixtures.indicator;
import static dev.kasa.node.StixFixtures.newId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.node.TestNode;
import dev.kasa.node.admin.NodeAdmin;
import dev.kasa.node.store.LinkRecord.Direction;
import dev.kasa.node.store.LinkStore;
import dev.kasa.stix.Tlp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the UI's pages show, over HTTPS on a real node: the data of the store, paged. */
class WebUiPagesTest {
  private static final Pattern OBJECT_LINK =
      Pattern.compile("<tr class=\"object\">\\s*<td><a href=\"/ui/intel/objects/([^/\"]+)/\"");
  private static final Pattern MORE = Pattern.compile("hx-get=\"([^\"]+)\"");

  @TempDir static Path tmp;
  static TestNode node;
  static String collection;
  static List<String> ids = new ArrayList<>();
  static String versioned;
  static UiClient ui;

  @BeforeAll
  static void start() {
    node = TestNode.start(tmp, null);
    collection = node.collection("intel");
    String partner = node.partner("bravo", "bravo-pw", List.of("intel"), List.of("intel"));
    try (NodeAdmin admin = node.admin()) {
      admin.addToCommunity("allies", List.of("bravo"));
      admin.addLink(
          new LinkStore.Spec(
              "bravo",
              "9a1c0000-0000-4000-8000-000000000002",
              "intel",
              Set.of(Direction.PUSH),
              "https://127.0.0.1:1/taxii2/",
              "alpha",
              null,
              null,
              null));
    }
    var objects = new ArrayList<String>();
    for (int i = 0; i < 120; i++) {
      String id = newId();
      ids.add(id);
      objects.add(
          indicator(id)
              .replace("203.0.113.7", "198.51.100." + (i % 250))
              .replace("\"test\"", "\"object " + i + "\""));
    }
    post(node.adminAuth(), objects);
    versioned = newId();
    post(partner, List.of(indicator(versioned, "2024-01-01T00:00:00.000Z", Tlp.GREEN)));
    post(
        node.adminAuth(),
        List.of(
            indicator(versioned, "2024-03-01T00:00:00.000Z", Tlp.AMBER)
                .replace("203.0.113.7", "evil-pattern.example")));
    ui = new UiClient(node.client(), node.server().url());
    ui.mustLogin("admin", TestNode.ADMIN_PASSWORD);
  }

  static void post(String auth, List<String> objects) {
    var r =
        node.post("/taxii2/api/collections/" + collection + "/objects/", auth, envelope(objects));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void collectionsShowTheirObjectCounts() {
    String body = ui.get("/ui/intel/").body();
    assertThat(body).contains("/ui/intel/collections/" + collection + "/").contains(">121<");
  }

  @Test
  void objectsArePagedByDateAddedAndHtmxGetsFragments() {
    var first = ui.get("/ui/intel/collections/" + collection + "/");
    assertThat(first.body()).contains("<html").contains("<table id=\"objects\"");
    List<String> seen = new ArrayList<>(links(first.body()));
    assertThat(seen).hasSize(IntelPages.PAGE);
    String next = more(first.body());
    int pages = 1;
    while (next != null) {
      var page = ui.get(next.replace("&amp;", "&"), Map.of("HX-Request", "true"));
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).doesNotContain("<html").doesNotContain("<table");
      seen.addAll(links(page.body()));
      next = more(page.body());
      pages++;
    }
    assertThat(pages).isEqualTo(3);
    assertThat(seen).doesNotHaveDuplicates().hasSize(121);
    assertThat(new HashSet<>(seen)).containsAll(ids).contains(versioned);
    // The same page without htmx is a whole page (links work without JavaScript).
    var plain = ui.get("/ui/intel/collections/" + collection + "/?limit=10");
    assertThat(links(plain.body())).hasSize(10);
    assertThat(ui.get("/ui/intel/collections/" + collection + "/?limit=0").statusCode())
        .isEqualTo(400);
    assertThat(ui.get("/ui/intel/collections/no-such/").statusCode()).isEqualTo(404);
  }

  @Test
  void anObjectShowsEveryVersionWithOriginsAndMarkings() {
    String body = ui.get("/ui/intel/objects/" + versioned + "/").body();
    assertThat(body).contains("2 version(s) held");
    assertThat(body.indexOf("Version 2024-03-01")).isLessThan(body.indexOf("Version 2024-01-01"));
    assertThat(body).contains("bravo (partner, ").contains("admin (user, ");
    assertThat(body).contains(Tlp.AMBER.markingId().orElseThrow());
    assertThat(body).contains(Tlp.GREEN.markingId().orElseThrow());
    assertThat(body).contains("<dd>amber</dd>").contains("<dd>green</dd>");
    assertThat(body).contains("<span class=\"collection\">intel</span>");
  }

  @Test
  void searchFindsAnObjectByIdAndIndicatorsByPatternValue() {
    String byId = ui.get("/ui/intel/search?q=" + ids.get(7)).body();
    assertThat(byId).contains(ids.get(7)).contains("object 7");
    String byValue = ui.get("/ui/intel/search?q=198.51.100.42").body();
    assertThat(byValue).contains(ids.get(42)).doesNotContain(ids.get(41));
    // Only the newest version's pattern counts.
    assertThat(ui.get("/ui/intel/search?q=evil-pattern.example").body()).contains(versioned);
    assertThat(ui.get("/ui/intel/search?q=203.0.113.7").body())
        .doesNotContain(versioned)
        .contains("Nothing found");
    assertThat(ui.get("/ui/intel/search?q=" + "x".repeat(600)).statusCode()).isEqualTo(400);
  }

  @Test
  void partnersGrantsCommunitiesAndLinksAreShown() {
    String partners = ui.get("/ui/partners/").body();
    assertThat(partners)
        .contains("<td>bravo</td>")
        .contains("intel: read, write")
        .contains("<span class=\"community\">allies</span>")
        .contains("<td>admin</td><td>admin</td>");
    String links = ui.get("/ui/links/").body();
    assertThat(links)
        .contains("<td>bravo</td><td>push</td>")
        .contains("9a1c0000-0000-4000-8000-000000000002")
        .contains("https://127.0.0.1:1/taxii2/");
  }

  @Test
  void theAuditLogFiltersByPartnerObjectAndTimeAndPages() {
    String all = ui.get("/ui/audit/").body();
    assertThat(all).contains("collection-add").contains("grant").contains("ui-login");
    String bravo = ui.get("/ui/audit/?partner=bravo").body();
    assertThat(bravo).contains("grant").doesNotContain("collection-add");
    assertThat(ui.get("/ui/audit/?until=2000-01-01T00:00:00Z").body()).contains("No entries");
    assertThat(ui.get("/ui/audit/?since=2000-01-01T00:00").body()).contains("collection-add");
    assertThat(ui.get("/ui/audit/?since=yesterday").statusCode()).isEqualTo(400);
    // Paging with htmx, newest first, each entry once.
    var first = ui.get("/ui/audit/?limit=2");
    List<String> seqs = new ArrayList<>(seqs(first.body()));
    String next = more(first.body());
    while (next != null) {
      var page = ui.get(next.replace("&amp;", "&"), Map.of("HX-Request", "true"));
      seqs.addAll(seqs(page.body()));
      next = more(page.body());
    }
    assertThat(seqs).doesNotHaveDuplicates().hasSizeGreaterThan(4);
    assertThat(seqs.get(0))
        .isEqualTo(
            seqs.stream().max(java.util.Comparator.comparing(Integer::valueOf)).orElseThrow());
  }

  @Test
  void theAuditLogFindsEntriesByObject() throws Exception {
    // A refusal names the objects it held back: post nothing, read the chain for an object entry.
    String seen;
    try (NodeAdmin admin = node.admin()) {
      var any = new ArrayList<String>();
      admin.audit().read(dev.kasa.node.store.AuditLog.Filter.ALL, e -> any.addAll(e.objects()));
      seen = any.isEmpty() ? null : any.get(0);
    }
    if (seen == null) {
      // Serve a page to the partner: that is audited with the object ids.
      node.get(
          "/taxii2/api/collections/" + collection + "/objects/?limit=1",
          TestNode.basic("bravo", "bravo-pw"));
      try (NodeAdmin admin = node.admin()) {
        var any = new ArrayList<String>();
        admin.audit().read(dev.kasa.node.store.AuditLog.Filter.ALL, e -> any.addAll(e.objects()));
        seen = any.get(0);
      }
    }
    String body = ui.get("/ui/audit/?object=" + seen).body();
    assertThat(body).contains(seen).doesNotContain("collection-add");
  }

  @Test
  void htmxAndTheScriptsAreServedFromTheNode() {
    var htmx = ui.get(StaticAssets.HTMX);
    assertThat(htmx.statusCode()).isEqualTo(200);
    assertThat(htmx.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
    assertThat(htmx.body()).contains("htmx");
    assertThat(ui.get("/ui/webjars/echarts/5.3.1/dist/echarts.min.js").statusCode()).isEqualTo(200);
    assertThat(ui.get("/ui/static/kasa.js").body()).contains("X-CSRF-Token");
    assertThat(ui.get("/ui/static/kasa.css").statusCode()).isEqualTo(200);
    assertThat(ui.get("/ui/static/other.js").statusCode()).isEqualTo(404);
    assertThat(ui.get("/ui/webjars/htmx.org/2.0.10/package.json").statusCode()).isEqualTo(404);
    assertThat(
            ui.get("/ui/webjars/htmx.org/../../../../dev/kasa/node/NodeServer.class").statusCode())
        .isIn(400, 404); // Jetty refuses the dots itself
  }

  private static List<String> links(String html) {
    var out = new ArrayList<String>();
    Matcher m = OBJECT_LINK.matcher(html);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static List<String> seqs(String html) {
    var out = new ArrayList<String>();
    Matcher m =
        Pattern.compile("<tr class=\"entry\">\\s*<td class=\"num\">(\\d+)</td>").matcher(html);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static String more(String html) {
    Matcher m = MORE.matcher(html);
    return m.find() ? m.group(1) : null;
  }
}
