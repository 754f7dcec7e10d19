package dev.kasa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * {@code kasa scan --html FILE}: one self-contained page beside the chosen format. The page is
 * parsed as XML (it is written well-formed) so that escaping mistakes show as parse errors or as
 * elements that should not be there.
 */
class HtmlReportTest {
  static final String HOSTILE_HOST = "\"><img src=x onerror=alert(1)><script>h()</script>";
  static final String HOSTILE_TITLE = "<script>alert('rule')</script>\"><img onerror=x>";

  @TempDir Path dir;

  @Test
  void theDemoGivesSummaryTimelineTechniquesHostsAndEveryFinding() {
    assertThat(CliRun.kasa("demo", "--extract", dir.toString(), "--format", "jsonl").status())
        .isZero();
    Path html = dir.resolve("report.html");
    String[] scan = {
      "scan", "-i", dir.resolve("intel").toString(), "-s", dir.resolve("sigma").toString()
    };
    CliRun jsonl = CliRun.kasa(concat(scan, "-f", "jsonl", dir.resolve("logs").toString()));
    CliRun run =
        CliRun.kasa(
            concat(scan, "-f", "jsonl", "--html", html.toString(), dir.resolve("logs").toString()));
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out())
        .as("the chosen format is written as without --html")
        .isEqualTo(jsonl.out());
    long indicators = count(jsonl, "indicator");
    long sigma = count(jsonl, "sigma");
    long correlations = count(jsonl, "correlation");

    Document page = parse(html);
    assertThat(text(page, "/html/head/title")).isEqualTo("Kasa scan report");
    assertThat(nodes(page, "//tr[@class='finding']").getLength())
        .isEqualTo(jsonl.jsonLines().size());
    assertThat(text(page, "//section[@id='summary']"))
        .contains(
            String.format(
                "%d: %d indicator hits, %d Sigma matches, %d correlation hits",
                indicators + sigma + correlations, indicators, sigma, correlations))
        .contains("rules compiled")
        .contains("indicator values from");
    assertThat(nodes(page, "//section[@id='timeline']//*[local-name()='svg']").getLength())
        .isEqualTo(1);
    assertThat(nodes(page, "//*[local-name()='rect']").getLength()).isPositive();
    assertThat(text(page, "//section[@id='techniques']")).contains("T1204.002").contains("T1071");
    assertThat(text(page, "//section[@id='hosts']")).contains("ws-7-17");
    assertThat(text(page, "//section[@id='detections']"))
        .contains("TLP:AMBER")
        .contains("HARBORKEY");
    assertThat(text(page, "//section[@id='findings']"))
        .contains("Every finding")
        .as("inputs found in a directory are named from it, as in the table")
        .contains("logs/sysmon/")
        .doesNotContain(dir.toString());
    String raw = read(html);
    // Self-contained: no script, nothing the browser would fetch.
    assertThat(raw)
        .doesNotContain("<script")
        .doesNotContain("src=")
        .doesNotContain("href=")
        .doesNotContain("url(")
        .doesNotContain("@import")
        .contains("<style>");
  }

  @Test
  void hostileValuesFromLogsAndRulesAreTextNotMarkup() throws IOException {
    Path html = hostileReport(dir);
    Document page = parse(html);
    assertThat(nodes(page, "//script").getLength()).isZero();
    assertThat(nodes(page, "//img").getLength()).isZero();
    assertThat(nodes(page, "//tr[@class='finding']").getLength()).isEqualTo(2);
    assertThat(text(page, "//section[@id='hosts']")).contains(HOSTILE_HOST);
    assertThat(text(page, "//section[@id='findings']"))
        .contains(HOSTILE_HOST)
        .contains(HOSTILE_TITLE);
    assertThat(read(html)).doesNotContain("<script").doesNotContain("<img");
  }

  @Test
  void indicatorsOnlyAndSigmaOnlyEachGiveTheirOwnTables() {
    assertThat(CliRun.kasa("demo", "--extract", dir.toString(), "--format", "jsonl").status())
        .isZero();
    Path intelOnly = dir.resolve("intel.html");
    Path sigmaOnly = dir.resolve("sigma.html");
    String logs = dir.resolve("logs").toString();
    assertThat(
            CliRun.kasa(
                    "scan", "-i", dir.resolve("intel").toString(), "--html", "" + intelOnly, logs)
                .status())
        .isZero();
    assertThat(
            CliRun.kasa(
                    "scan", "-s", dir.resolve("sigma").toString(), "--html", "" + sigmaOnly, logs)
                .status())
        .isZero();
    Document intel = parse(intelOnly);
    assertThat(text(intel, "//section[@id='summary']"))
        .contains("Intelligence")
        .doesNotContain("rules compiled")
        .contains(" 0 Sigma matches");
    assertThat(text(intel, "//section[@id='levels']"))
        .contains("TLP:")
        .doesNotContain("Sigma level");
    Document sigma = parse(sigmaOnly);
    assertThat(text(sigma, "//section[@id='summary']"))
        .contains("rules compiled")
        .doesNotContain("indicator values from")
        .contains(" 0 indicator hits");
    assertThat(text(sigma, "//section[@id='levels']")).contains("Sigma level").contains("high");
    assertThat(nodes(sigma, "//tr[@class='finding']").getLength()).isEqualTo(3);
  }

  @Test
  void nothingFoundIsSaidInsteadOfEmptyTables() throws IOException {
    Path list = dir.resolve("mine.txt");
    Files.writeString(list, "evil.example\n");
    Path log = dir.resolve("quiet.ndjson");
    Files.writeString(log, "{\"timestamp\":\"2026-06-01T00:00:00Z\",\"query\":\"fine.example\"}\n");
    Path html = dir.resolve("nothing.html");
    CliRun run =
        CliRun.kasa("scan", "-i", list.toString(), "--html", html.toString(), log.toString());
    assertThat(run.status()).as(run.err()).isZero();
    Document page = parse(html);
    assertThat(text(page, "//p[@id='nothing']")).isEqualTo("No indicator was hit.");
    assertThat(nodes(page, "//section[@id='findings']").getLength()).isZero();
    assertThat(text(page, "//section[@id='summary']")).contains("1 events");
  }

  @Test
  void theFindingsTableIsCappedAndSaysWhereTheRestIs() throws IOException {
    Path list = dir.resolve("mine.txt");
    Files.writeString(list, "evil.example\n");
    Path log = dir.resolve("many.ndjson");
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 1_234; i++) {
      lines.append(
          String.format(
              "{\"timestamp\":\"2026-06-01T%02d:%02d:00Z\",\"query\":\"evil.example\"}%n",
              i / 60 % 24, i % 60));
    }
    Files.writeString(log, lines);
    Path html = dir.resolve("many.html");
    CliRun run =
        CliRun.kasa("scan", "-i", list.toString(), "--html", html.toString(), log.toString());
    assertThat(run.status()).as(run.err()).isZero();
    Document page = parse(html);
    assertThat(nodes(page, "//tr[@class='finding']").getLength()).isEqualTo(1_000);
    assertThat(text(page, "//section[@id='findings']"))
        .contains("The first 1,000 of 1,234 findings");
    // 20.5 hours of findings: counted per hour.
    assertThat(text(page, "//section[@id='timeline']")).contains("Findings per hour");
    assertThat(text(page, "//tr[@class='detection']")).startsWith("1234");
  }

  @Test
  void aReportThatCannotBeWrittenIsAnErrorLikeTheOtherOutputs() throws IOException {
    Path list = dir.resolve("mine.txt");
    Files.writeString(list, "evil.example\n");
    Path log = dir.resolve("dns.ndjson");
    Files.writeString(log, "{\"query\":\"evil.example\"}\n");
    CliRun missing =
        CliRun.kasa(
            "scan",
            "-i",
            list.toString(),
            "--html",
            dir.resolve("no/such/report.html").toString(),
            log.toString());
    assertThat(missing.status()).isEqualTo(2);
    assertThat(missing.err()).contains("--html: no such directory");
    CliRun directory =
        CliRun.kasa("scan", "-i", list.toString(), "--html", dir.toString(), log.toString());
    assertThat(directory.status()).isEqualTo(2);
    assertThat(directory.err()).contains("--html: a directory, not a file");
    // A directory no one can create a file in, root included: a write error, status 3.
    if (Files.isDirectory(Path.of("/proc/self"))) {
      CliRun unwritable =
          CliRun.kasa("scan", "-i", list.toString(), "--html", "/proc/report.html", log.toString());
      assertThat(unwritable.status()).isEqualTo(Kasa.INCOMPLETE);
      assertThat(unwritable.err()).contains("--html: cannot write in /proc");
    }
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".partial"));
    }
  }

  /** A report of one event whose host name and matching rule's title are markup. */
  static Path hostileReport(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path list = dir.resolve("mine.txt");
    Files.writeString(list, "evil.example\n");
    Path rules = dir.resolve("rules");
    Files.createDirectories(rules);
    Files.writeString(
        rules.resolve("hostile.yml"),
        """
        title: '%s'
        id: 44444444-5555-4666-8777-888888888888
        level: high
        logsource:
            product: kasatest
        detection:
            selection:
                query: evil.example
            condition: selection
        """
            .formatted(HOSTILE_TITLE.replace("'", "''")));
    Path log = dir.resolve("dns.ndjson");
    Files.writeString(
        log,
        "{\"timestamp\":\"2026-06-01T00:00:00Z\",\"query\":\"evil.example\",\"hostname\":"
            + com.fasterxml.jackson.databind.node.TextNode.valueOf(HOSTILE_HOST)
            + "}\n");
    Path html = dir.resolve("hostile.html");
    CliRun run =
        CliRun.kasa(
            "scan",
            "-i",
            list.toString(),
            "-s",
            rules.toString(),
            "--html",
            html.toString(),
            log.toString());
    assertThat(run.status()).as(run.err()).isZero();
    return html;
  }

  private static long count(CliRun jsonl, String kind) {
    return jsonl.jsonLines().stream().filter(l -> l.get("kind").asText().equals(kind)).count();
  }

  static Document parse(Path html) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      return f.newDocumentBuilder().parse(html.toFile());
    } catch (Exception e) {
      throw new AssertionError("not well-formed: " + html + ": " + e.getMessage(), e);
    }
  }

  private static NodeList nodes(Document page, String xpath) {
    try {
      return (NodeList)
          XPathFactory.newInstance().newXPath().evaluate(xpath, page, XPathConstants.NODESET);
    } catch (Exception e) {
      throw new AssertionError(xpath, e);
    }
  }

  private static String text(Document page, String xpath) {
    NodeList found = nodes(page, xpath);
    assertThat(found.getLength()).as(xpath).isPositive();
    return found.item(0).getTextContent().replaceAll("\\s+", " ").trim();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
