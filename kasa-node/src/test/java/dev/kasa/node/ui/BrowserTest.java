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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The UI in headless Chromium (Debian's chromium and chromium-driver): log in, browse to an object,
 * page with htmx, log out; no console errors (a CSP violation shows there). With {@code
 * -Dkasa.ui.screenshots=true} it also writes a screenshot of each page to docs/ui/.
 */
class BrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path tmp;

  @Test
  void logInBrowseToAnObjectPageWithHtmxAndLogOut() {
    Assumptions.assumeTrue(
        WebDriver.available(),
        "skipped: headless browser tests need /usr/bin/chromium and /usr/bin/chromedriver"
            + " (apt-get install chromium chromium-driver)");
    try (TestNode node = TestNode.start(tmp, null);
        WebDriver browser = new WebDriver()) {
      String hostileId = populate(node);
      String base = node.server().url();

      browser.open(base + "/ui/");
      WebDriver.waitUntil(WAIT, () -> browser.url().endsWith("/ui/login"), "no login form");
      shot(browser, "login");
      browser.type(browser.find("#user"), TestNode.ADMIN);
      browser.type(browser.find("#password"), TestNode.ADMIN_PASSWORD);
      browser.click(browser.find("#login"));
      WebDriver.waitUntil(WAIT, () -> browser.url().endsWith("/ui/overview/"), "not logged in");
      browser.open(base + "/ui/intel/");
      WebDriver.waitUntil(WAIT, () -> browser.url().endsWith("/ui/intel/"), "no intel page");
      assertThat(browser.text(browser.find("header .who"))).isEqualTo("admin (admin)");
      shot(browser, "collections");

      browser.click(browser.find("a[href^='/ui/intel/collections/']"));
      WebDriver.waitUntil(WAIT, () -> browser.count("tr.object") == 50, "no first page");
      String pageUrl = browser.url();
      WebDriver.waitUntil(
          WAIT,
          () -> browser.script("return typeof htmx").asText().equals("object"),
          "htmx did not load");
      browser.click(browser.find("#more"));
      WebDriver.waitUntil(WAIT, () -> browser.count("tr.object") == 62, "htmx did not page");
      assertThat(browser.url()).as("htmx swapped rows in, no navigation").isEqualTo(pageUrl);
      assertThat(browser.count("#more")).isZero();
      // The hostile name is text on the page, not markup.
      assertThat(browser.script("return document.querySelectorAll('script').length").asInt())
          .isEqualTo(2);
      assertThat(browser.script("return document.body.innerText").asText())
          .contains("<script>alert('x')</script>");
      shot(browser, "objects");

      browser.open(base + "/ui/intel/objects/" + hostileId + "/");
      WebDriver.waitUntil(WAIT, () -> browser.count("section.version") == 2, "no object page");
      assertThat(browser.text(browser.find("dd.name"))).isEqualTo("<script>alert('x')</script>");
      shot(browser, "object");

      browser.open(base + "/ui/intel/search?q=198.51.100.3");
      WebDriver.waitUntil(WAIT, () -> browser.url().contains("search"), "no search");
      shot(browser, "search");
      for (String page : List.of("partners", "links", "audit")) {
        browser.open(base + "/ui/" + page + "/");
        WebDriver.waitUntil(WAIT, () -> browser.url().endsWith("/" + page + "/"), page);
        shot(browser, page);
      }

      assertThat(browser.consoleMessages())
          .as("no CSP violation or script error")
          .noneMatch(m -> m.startsWith("SEVERE") || m.contains("Content Security Policy"));

      browser.click(browser.find("#logout"));
      WebDriver.waitUntil(WAIT, () -> browser.url().endsWith("/ui/login"), "not logged out");
      browser.open(base + "/ui/intel/");
      WebDriver.waitUntil(
          WAIT, () -> browser.url().endsWith("/ui/login"), "a page opened after logout");
    }
  }

  /** Objects (62: two pages), a hostile one with two versions, a partner, a link. */
  private static String populate(TestNode node) {
    String collection = node.collection("intel");
    String partner = node.partner("bravo", "bravo-pw", List.of("intel"), List.of("intel"));
    try (NodeAdmin admin = node.admin()) {
      admin.addToCommunity("allies", List.of("bravo"));
      admin.addLink(
          new LinkStore.Spec(
              "bravo",
              "9a1c0000-0000-4000-8000-000000000003",
              "intel",
              Set.of(Direction.PULL),
              "https://127.0.0.1:1/taxii2/",
              "alpha",
              null,
              null,
              null));
    }
    var objects = new ArrayList<String>();
    for (int i = 0; i < 60; i++) {
      objects.add(
          indicator(newId())
              .replace("203.0.113.7", "198.51.100." + i)
              .replace("\"test\"", "\"Scanner " + i + "\""));
    }
    String hostile = newId();
    String path = "/taxii2/api/collections/" + collection + "/objects/";
    node.post(path, node.adminAuth(), envelope(objects));
    String name = "\"<script>alert(\\u0027x\\u0027)</script>\"";
    node.post(
        path,
        partner,
        envelope(
            indicator(hostile, "2024-01-01T00:00:00.000Z", Tlp.GREEN).replace("\"test\"", name)));
    node.post(
        path,
        node.adminAuth(),
        envelope(
            indicator(hostile, "2024-02-01T00:00:00.000Z", Tlp.AMBER).replace("\"test\"", name),
            indicator(newId())));
    return hostile;
  }

  static void shot(WebDriver browser, String page) {
    if (Boolean.getBoolean("kasa.ui.screenshots")) {
      browser.script("window.scrollTo(0, 0)");
      Path root = Path.of(System.getProperty("kasa.root", "."));
      browser.screenshot(root.resolve("docs/ui/" + page + ".png"));
    }
  }
}
