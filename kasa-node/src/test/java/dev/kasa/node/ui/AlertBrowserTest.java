package dev.kasa.node.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.node.StixFixtures;
import dev.kasa.node.TestNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watch floor in headless Chromium: an analyst logs in to the overview (charts drawn, no CSP
 * violation), an event sent over TCP syslog becomes an alert on the list, the analyst opens it,
 * acknowledges it and marks it a false positive; a hostile event renders as text and runs nothing.
 * With {@code -Dkasa.ui.screenshots=true} it writes the pages' screenshots to docs/ui/.
 */
class AlertBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path tmp;

  @Test
  void anAlertFromSyslogIsWorkedInTheBrowser() throws IOException {
    Assumptions.assumeTrue(
        WebDriver.available(),
        "skipped: headless browser tests need /usr/bin/chromium and /usr/bin/chromedriver"
            + " (apt-get install chromium chromium-driver)");
    try (TestNode node = TestNode.start(tmp, null);
        WebDriver browser = new WebDriver()) {
      node.stop();
      Files.writeString(
          node.dir().resolve("kasa.yml"),
          "ingest:\n  syslog:\n    - name: tcp\n      protocol: tcp\n      listen: 127.0.0.1:0\n",
          StandardOpenOption.APPEND);
      node.restart();
      String c = node.collection("intel");
      String indicator = AlertScene.prepare(node, c);
      // The syslog event's indicator is attributed to a state-sponsored intrusion set (stored).
      String set = "intrusion-set--" + UUID.randomUUID();
      var attributed =
          node.post(
              "/taxii2/api/collections/" + c + "/objects/",
              node.adminAuth(),
              StixFixtures.envelope(
                  "{\"type\":\"intrusion-set\",\"spec_version\":\"2.1\",\"id\":\""
                      + set
                      + "\",\"created\":\"2024-01-01T00:00:00.000Z\","
                      + "\"modified\":\"2024-01-01T00:00:00.000Z\",\"name\":\"Sandworm\","
                      + "\"resource_level\":\"government\"}",
                  "{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\"relationship--"
                      + UUID.randomUUID()
                      + "\",\"created\":\"2024-01-01T00:00:00.000Z\","
                      + "\"modified\":\"2024-01-01T00:00:00.000Z\","
                      + "\"relationship_type\":\"indicates\",\"source_ref\":\""
                      + indicator
                      + "\",\"target_ref\":\""
                      + set
                      + "\"}"));
      assertThat(attributed.statusCode()).as(attributed.body()).isEqualTo(202);
      var lines = new ArrayList<String>();
      for (int i = 0; i < 24; i++) {
        lines.add(
            AlertScene.hit(
                "indicator--demo-" + i,
                i % 3 == 0 ? 80 : 40,
                i % 4 == 0 ? "Sandworm" : i % 4 == 1 ? "APT28" : null,
                i % 2 == 0 ? "10.7.0.5" : "203.0.113." + (20 + i)));
      }
      lines.add(AlertScene.hostileRule());
      AlertScene.record(node, lines);
      String base = node.server().url();

      browser.open(base + "/ui/");
      WebDriver.waitUntil(WAIT, () -> browser.url().endsWith("/ui/login"), "no login form");
      browser.type(browser.find("#user"), AlertScene.ANALYST);
      browser.type(browser.find("#password"), AlertScene.ANALYST_PASSWORD);
      browser.click(browser.find("#login"));
      WebDriver.waitUntil(WAIT, () -> browser.url().endsWith("/ui/overview/"), "not logged in");
      WebDriver.waitUntil(
          WAIT, () -> browser.count("body.charts-drawn") == 1, "the charts were not drawn");
      assertThat(browser.count("div.chart.drawn canvas")).isEqualTo(5);
      BrowserTest.shot(browser, "overview");

      syslog(node.server().ingest().port("tcp"));
      browser.open(base + "/ui/alerts/?asset=hq-dmz&status=new");
      WebDriver.waitUntil(
          WAIT,
          () -> {
            if (browser.count("tr.alert a[href^='/ui/intel/']") > 0
                || browser
                    .script("return document.body.innerText")
                    .asText()
                    .contains("ipv4-addr 203.0.113.7")) {
              return true;
            }
            browser.open(base + "/ui/alerts/?asset=hq-dmz&status=new");
            return false;
          },
          "the syslog event's alert did not arrive");
      browser.open(base + "/ui/alerts/");
      WebDriver.waitUntil(WAIT, () -> browser.count("tr.alert") > 20, "no alert list");
      BrowserTest.shot(browser, "alerts");

      // The stored intrusion set with its open alerts: six generated, one from the syslog event.
      browser.open(base + "/ui/actors/");
      WebDriver.waitUntil(WAIT, () -> browser.count("#actors tr.actor") > 0, "no actors page");
      assertThat(
              browser
                  .script(
                      "return Array.from(document.querySelectorAll('#actors tr.actor'))"
                          + ".map(r => r.innerText.replace(/\\s+/g, ' ').trim()).join('|')")
                  .asText())
          .contains("Sandworm intrusion-set intel 7");
      BrowserTest.shot(browser, "actors");

      browser.open(base + "/ui/alerts/?asset=hq-dmz&status=new");
      WebDriver.waitUntil(WAIT, () -> browser.count("tr.alert a.title") > 0, "no list");
      String syslogAlert = null;
      for (int i = 0; i < browser.count("tr.alert a.title"); i++) {
        String title =
            browser
                .script(
                    "return document.querySelectorAll('tr.alert a.title')[" + i + "].textContent")
                .asText();
        if (title.equals("ipv4-addr 203.0.113.7")) {
          syslogAlert =
              browser
                  .script(
                      "return document.querySelectorAll('tr.alert a.title')["
                          + i
                          + "].getAttribute('href')")
                  .asText();
        }
      }
      assertThat(syslogAlert).as("the syslog event's alert").isNotNull();
      browser.open(base + syslogAlert);
      WebDriver.waitUntil(WAIT, () -> browser.count("#events tr.event") == 1, "no alert page");
      assertThat(browser.text(browser.find("#events td.matched")))
          .isEqualTo("dest_ip = 203.0.113.7");
      assertThat(browser.count("#object")).isEqualTo(1);
      assertThat(browser.text(browser.find("#actor"))).isEqualTo("Sandworm state-sponsored");
      browser.type(browser.find("#comment"), "looking");
      browser.click(browser.find("#ack"));
      WebDriver.waitUntil(WAIT, () -> status(browser).equals("acknowledged"), "not acked");
      browser.click(browser.find("#false-positive"));
      WebDriver.waitUntil(
          WAIT, () -> status(browser).equals("false positive"), "not a false positive");
      assertThat(browser.script("return document.body.innerText").asText()).contains("looking");
      BrowserTest.shot(browser, "alert");

      browser.open(base + "/ui/assets/ws01/");
      WebDriver.waitUntil(WAIT, () -> browser.count("tr.alert") > 0, "no asset page");
      BrowserTest.shot(browser, "asset");
      browser.open(base + "/ui/assets/");
      WebDriver.waitUntil(WAIT, () -> browser.count("tr.asset") == 2, "no asset list");
      BrowserTest.shot(browser, "assets");

      // The hostile rule's alert: its markup is text, and nothing of it ran.
      browser.open(base + "/ui/alerts/?asset=ws01&priority=high&limit=200");
      WebDriver.waitUntil(WAIT, () -> browser.count("tr.alert") > 0, "no hostile row");
      assertThat(browser.script("return document.body.innerText").asText())
          .contains(AlertScene.HOSTILE_TITLE);
      long hostile =
          node.server()
              .store()
              .alerts()
              .list(
                  new dev.kasa.node.store.AlertStore.Filter(
                      null, null, null, null, "rule:hostile-1"),
                  null,
                  1)
              .alerts()
              .getFirst()
              .id();
      browser.open(base + "/ui/alerts/" + hostile + "/");
      WebDriver.waitUntil(WAIT, () -> browser.count("#events tr.event") == 1, "no hostile page");
      assertThat(browser.text(browser.find("#events td.host"))).isEqualTo(AlertScene.HOSTILE_HOST);
      assertThat(browser.script("return document.body.innerText").asText())
          .contains(AlertScene.HOSTILE_VALUE);
      assertThat(browser.script("return String(window.kasaPwned)").asText()).isEqualTo("undefined");
      assertThat(browser.count("img")).isZero();
      assertThat(browser.script("return document.querySelectorAll('script').length").asInt())
          .isEqualTo(2);
      assertThat(browser.consoleMessages())
          .as("no CSP violation or script error")
          .noneMatch(m -> m.startsWith("SEVERE") || m.contains("Content Security Policy"));
    }
  }

  /**
   * The alert page's status, read in one script: a find and then a read can straddle the navigation
   * a form post causes (a stale element).
   */
  private static String status(WebDriver browser) {
    return browser
        .script("var s = document.getElementById('status'); return s ? s.textContent : ''")
        .asText();
  }

  /** One RFC 5424 message, newline-framed over TCP, whose JSON event hits the indicator. */
  private static void syslog(int port) {
    String m =
        "<13>1 2026-03-01T10:00:00Z sensor-7 zeek - - - {\"src_ip\":\"10.1.0.1\","
            + "\"dest_ip\":\"203.0.113.7\",\"dest_port\":443}\n";
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.getOutputStream().write(m.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
