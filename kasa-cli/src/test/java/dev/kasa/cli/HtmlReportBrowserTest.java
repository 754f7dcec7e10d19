package dev.kasa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.node.ui.WebDriver;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code --html} report looked at in headless Chromium (Debian's chromium and chromium-driver),
 * opened from its file: it renders its tables and chart, logs nothing to the console (a fetch or a
 * script would), and hostile values stay text. With {@code -Dkasa.ui.screenshots=true} it writes
 * docs/ui/report.png from the demo's files.
 */
class HtmlReportBrowserTest {
  @TempDir Path dir;

  @Test
  void theDemoReportRendersInChromiumAndHostileValuesStayText() throws IOException {
    Assumptions.assumeTrue(
        WebDriver.available(),
        "skipped: headless browser tests need /usr/bin/chromium and /usr/bin/chromedriver"
            + " (apt-get install chromium chromium-driver)");
    Path demo = dir.resolve("demo");
    assertThat(CliRun.kasa("demo", "--extract", demo.toString(), "--format", "jsonl").status())
        .isZero();
    Path report = dir.resolve("report.html");
    CliRun run =
        CliRun.kasa(
            "scan",
            "-i",
            demo.resolve("intel").toString(),
            "-s",
            demo.resolve("sigma").toString(),
            "-f",
            "jsonl",
            "--html",
            report.toString(),
            demo.resolve("logs").toString());
    assertThat(run.status()).as(run.err()).isZero();
    Path hostile = HtmlReportTest.hostileReport(dir.resolve("hostile"));

    try (WebDriver browser = new WebDriver(1280, 1500)) {
      browser.open(report.toUri().toString());
      assertThat(browser.script("return document.title").asText()).isEqualTo("Kasa scan report");
      assertThat(browser.script("return document.querySelectorAll('tr.finding').length").asInt())
          .isEqualTo(run.jsonLines().size());
      assertThat(
              browser
                  .script("return document.querySelectorAll('svg.timeline rect').length")
                  .asInt())
          .isPositive();
      // The chart is laid out: the browser gives it a size.
      assertThat(
              browser
                  .script(
                      "return"
                          + " document.querySelector('svg.timeline').getBoundingClientRect().height")
                  .asDouble())
          .isGreaterThan(50);
      assertThat(browser.script("return document.body.innerText").asText())
          .contains("ATT&CK techniques")
          .contains("Top hosts");
      if (Boolean.getBoolean("kasa.ui.screenshots")) {
        Path root = Path.of(System.getProperty("kasa.root", "."));
        browser.screenshot(root.resolve("docs/ui/report.png"));
      }

      browser.open(hostile.toUri().toString());
      assertThat(browser.script("return document.querySelectorAll('script, img').length").asInt())
          .isZero();
      assertThat(browser.script("return document.body.innerText").asText())
          .contains(HtmlReportTest.HOSTILE_HOST)
          .contains(HtmlReportTest.HOSTILE_TITLE);
      assertThat(browser.consoleMessages()).isEmpty();
    }
  }
}
