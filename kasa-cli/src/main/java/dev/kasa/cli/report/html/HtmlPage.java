package dev.kasa.cli.report.html;

import dev.kasa.EventRef;
import dev.kasa.cli.report.html.HtmlReport.Detection;
import dev.kasa.cli.report.html.HtmlReport.Row;
import dev.kasa.detect.FindingTimes;
import dev.kasa.stix.Tlp;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's markup: HTML that is also well-formed XML, its style inline, no script and nothing
 * fetched. Every text from logs, intelligence and rules goes through {@link #escape}.
 */
final class HtmlPage {
  static final int TOP_DETECTIONS = 50;
  static final int TOP_HOSTS = 25;
  static final int TOP_TECHNIQUES = 100;
  static final int LISTED = 20;
  private static final List<String> LEVELS =
      List.of("critical", "high", "medium", "low", "informational");

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final PrintWriter out;
  private final RunFacts facts;
  private final HtmlReport report;

  HtmlPage(PrintWriter out, RunFacts facts, HtmlReport report) {
    this.out = out;
    this.facts = facts;
    this.report = report;
  }

  void write() {
    out.println("<!DOCTYPE html>");
    out.println("<html lang=\"en\"><head><meta charset=\"utf-8\"/>");
    out.println("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>");
    out.println("<title>Kasa scan report</title>");
    out.println("<style>");
    out.print(ReportStyle.CSS);
    out.println("</style></head><body>");
    Tlp highest = report.byTlp().keySet().stream().max(Comparator.naturalOrder()).orElse(null);
    out.printf(
        "<header><h1>Kasa scan report</h1><p class=\"generated\">%s</p>%n",
        escape(FindingTimes.format(facts.generated().toEpochMilli())));
    if (highest != null && highest != Tlp.NONE) {
      String label = highest.label().toUpperCase(Locale.ROOT);
      out.printf(
          "<p class=\"tlp tlp-%s\">Holds intelligence marked up to TLP:%s</p>%n",
          cssName(highest), escape(label));
    }
    out.println("</header><main>");
    summary();
    problems();
    if (report.findings() == 0) {
      out.printf("<p class=\"nothing\" id=\"nothing\">%s</p>%n", escape(facts.nothingFound()));
    } else {
      timeline();
      detections();
      levelsAndTlp();
      techniques();
      hosts();
      findings();
    }
    out.println("</main></body></html>");
  }

  private void summary() {
    out.println("<section id=\"summary\"><h2>Summary</h2><table class=\"facts\"><tbody>");
    fact("Logs", String.join(", ", facts.logs()));
    fact(
        "Read",
        String.format(
            Locale.ROOT,
            "%,d inputs, %,d events, %s",
            facts.inputs(),
            facts.events(),
            facts.bytes() < 1_000_000
                ? String.format(Locale.ROOT, "%.1f kB", facts.bytes() / 1e3)
                : String.format(Locale.ROOT, "%.1f MB", facts.bytes() / 1e6)));
    if (facts.intel()) {
      fact(
          "Intelligence",
          String.format(
              Locale.ROOT,
              "%,d indicator values from %,d files",
              facts.indicators(),
              facts.intelFiles()));
    }
    if (facts.sigma()) {
      fact(
          "Sigma",
          String.format(
              Locale.ROOT,
              "%,d rules compiled, %,d correlations",
              facts.rules(),
              facts.correlations()));
    }
    fact(
        "Findings",
        String.format(
            Locale.ROOT,
            "%,d: %,d indicator hits, %,d Sigma matches, %,d correlation hits",
            report.findings(),
            report.indicatorHits(),
            report.sigmaMatches(),
            report.correlationHits()));
    if (facts.leftOut() >= 0) {
      fact("Filtered", String.format(Locale.ROOT, "%,d findings left out", facts.leftOut()));
    }
    out.println("</tbody></table></section>");
  }

  private void problems() {
    long intel = facts.intelProblems().values().stream().mapToLong(Long::longValue).sum();
    if (intel == 0
        && facts.malformed() == 0
        && facts.unreadable().isEmpty()
        && facts.ruleProblems() == 0) {
      return;
    }
    out.println("<section id=\"problems\"><h2>Problems</h2><ul>");
    facts.intelProblems().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> item("intelligence: " + e.getValue() + " " + e.getKey()));
    if (facts.ruleProblems() > 0) {
      item("Sigma: " + facts.ruleProblems() + " problems in the rules");
    }
    if (facts.malformed() > 0) {
      item("logs: " + facts.malformed() + " malformed records skipped");
    }
    facts.unreadable().stream().limit(LISTED).forEach(u -> item("unreadable: " + u));
    if (facts.unreadable().size() > LISTED) {
      item("… and " + (facts.unreadable().size() - LISTED) + " more unreadable inputs");
    }
    out.println(
        "</ul><p class=\"note\">The run's summary on stderr lists them; --problems FILE writes"
            + " every one.</p></section>");
  }

  private void timeline() {
    Timeline t = report.timeline();
    out.println("<section id=\"timeline\"><h2>Detections over time</h2>");
    if (t.isEmpty()) {
      out.println("<p class=\"note\">No finding has an event time.</p>");
    } else {
      out.printf(
          "<p class=\"note\">Findings per %s (UTC) by event time: <span class=\"key intel\">"
              + "</span> indicator hits <span class=\"key sigma\"></span> Sigma matches and"
              + " correlations.%s</p>%n",
          Timeline.sizeLabel(t.bucketSize()),
          t.untimed() == 0 ? "" : " " + t.untimed() + " findings without an event time.");
      t.writeSvg(out);
    }
    out.println("</section>");
  }

  private void detections() {
    Map<String, Detection> all = report.detections();
    out.printf(
        "<section id=\"detections\"><h2>Top detections</h2><p class=\"note\">%s</p>%n",
        all.size() <= TOP_DETECTIONS
            ? all.size() + " detections."
            : "The first " + TOP_DETECTIONS + " of " + all.size() + " detections.");
    out.println(
        "<table><thead><tr><th>Findings</th><th>Kind</th><th>Detection</th><th>Level / TLP</th>"
            + "<th>Confidence</th><th>First / last seen (UTC)</th></tr></thead><tbody>");
    all.values().stream()
        .sorted(
            Comparator.<Detection>comparingInt(d -> levelRank(d.level))
                .thenComparing(Comparator.<Detection>comparingLong(d -> d.count).reversed())
                .thenComparing(d -> d.id))
        .limit(TOP_DETECTIONS)
        .forEach(
            d ->
                out.printf(
                    "<tr class=\"detection\"><td class=\"n\">%d</td><td>%s</td><td>%s<br/>"
                        + "<span class=\"id\">%s</span></td><td>%s</td><td>%s</td>"
                        + "<td class=\"time\">%s</td></tr>%n",
                    d.count,
                    d.kind.label(),
                    escape(d.title),
                    escape(d.id),
                    d.tlp != null ? tlpBadge(d.tlp) : levelBadge(d.level),
                    d.confidence < 0 ? "" : Integer.toString(d.confidence),
                    d.first == d.last
                        ? shortTime(d.first)
                        : shortTime(d.first) + "<br/>" + shortTime(d.last)));
    if (report.otherDetections() > 0) {
      out.printf(
          "<tr><td class=\"n\">%d</td><td colspan=\"5\">findings of further detections"
              + " (not counted one by one)</td></tr>%n",
          report.otherDetections());
    }
    out.println("</tbody></table></section>");
  }

  private void levelsAndTlp() {
    out.println("<section id=\"levels\" class=\"pair\">");
    if (!report.byLevel().isEmpty()) {
      out.println("<table><thead><tr><th>Findings</th><th>Sigma level</th></tr></thead><tbody>");
      report.byLevel().entrySet().stream()
          .sorted(Comparator.comparingInt(e -> levelRank(e.getKey())))
          .forEach(
              e ->
                  out.printf(
                      "<tr><td class=\"n\">%d</td><td>%s</td></tr>%n",
                      e.getValue(), levelBadge(e.getKey())));
      out.println("</tbody></table>");
    }
    if (!report.byTlp().isEmpty()) {
      out.println("<table><thead><tr><th>Hits</th><th>TLP</th></tr></thead><tbody>");
      report.byTlp().entrySet().stream()
          .sorted(Map.Entry.<Tlp, Long>comparingByKey().reversed())
          .forEach(
              e ->
                  out.printf(
                      "<tr><td class=\"n\">%d</td><td>%s</td></tr>%n",
                      e.getValue(), tlpBadge(e.getKey())));
      out.println("</tbody></table>");
    }
    out.println("</section>");
  }

  private void techniques() {
    out.println("<section id=\"techniques\"><h2>ATT&amp;CK techniques</h2>");
    HtmlReport.Capped t = report.techniques();
    if (t.counts.isEmpty()) {
      out.println("<p class=\"note\">No finding names an ATT&amp;CK technique.</p></section>");
      return;
    }
    out.println(
        "<table><thead><tr><th>Findings</th><th>Technique</th><th>Name</th></tr></thead><tbody>");
    top(t.counts, TOP_TECHNIQUES)
        .forEach(
            e ->
                out.printf(
                    "<tr class=\"technique\"><td class=\"n\">%d</td><td>%s</td><td>%s</td></tr>%n",
                    e.getValue(),
                    escape(e.getKey()),
                    escape(report.techniqueNames().getOrDefault(e.getKey(), ""))));
    out.println("</tbody></table></section>");
  }

  private void hosts() {
    out.println("<section id=\"hosts\"><h2>Top hosts</h2>");
    HtmlReport.Capped h = report.hosts();
    out.println("<table><thead><tr><th>Findings</th><th>Host</th></tr></thead><tbody>");
    top(h.counts, TOP_HOSTS)
        .forEach(
            e ->
                out.printf(
                    "<tr class=\"host\"><td class=\"n\">%d</td><td>%s</td></tr>%n",
                    e.getValue(), e.getKey().isEmpty() ? "<i>(unknown)</i>" : escape(e.getKey())));
    out.println("</tbody></table>");
    if (h.counts.size() > TOP_HOSTS) {
      out.printf("<p class=\"note\">The first %d of %d hosts.</p>%n", TOP_HOSTS, h.counts.size());
    }
    out.println("</section>");
  }

  private void findings() {
    List<Row> rows = report.rows();
    out.printf(
        "<section id=\"findings\"><h2>Findings</h2><p class=\"note\">%s</p>%n",
        rows.size() < report.findings()
            ? String.format(
                Locale.ROOT,
                "The first %,d of %,d findings, in the order found; every finding is in the"
                    + " --format output.",
                rows.size(),
                report.findings())
            : "Every finding, in the order found.");
    out.println(
        "<table><thead><tr><th>Time</th><th>Kind</th><th>Level / TLP</th><th>Detection</th>"
            + "<th>Host</th><th>Where</th><th>Matched</th></tr></thead><tbody>");
    for (Row r : rows) {
      out.printf(
          "<tr class=\"finding\"><td class=\"time\">%s</td><td>%s</td><td>%s</td><td>%s</td>"
              + "<td>%s</td><td class=\"where\">%s</td><td class=\"matched\">%s</td></tr>%n",
          time(r.time()),
          r.kind().label(),
          r.kind() == HtmlReport.Kind.INDICATOR
              ? "<span class=\"badge\">" + escape(r.severity()) + "</span>"
              : levelBadge(r.severity()),
          escape(r.detection()),
          r.host() == null ? "" : escape(r.host()),
          escape(r.where()),
          escape(r.matched()));
    }
    out.println("</tbody></table></section>");
  }

  private static List<Map.Entry<String, Long>> top(Map<String, Long> counts, int n) {
    return counts.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(n)
        .toList();
  }

  private void fact(String name, String value) {
    out.printf("<tr><th>%s</th><td>%s</td></tr>%n", escape(name), escape(value));
  }

  private void item(String text) {
    out.printf("<li>%s</li>%n", escape(text));
  }

  private static String time(long millis) {
    return millis == EventRef.NO_TIME ? "" : FindingTimes.format(millis);
  }

  /** A time to the second, for tables whose header says UTC. */
  private static String shortTime(long millis) {
    return millis == EventRef.NO_TIME ? "" : SECONDS.format(Instant.ofEpochMilli(millis));
  }

  private static String tlpBadge(Tlp tlp) {
    return "<span class=\"badge tlp-"
        + cssName(tlp)
        + "\">TLP:"
        + tlp.label().toUpperCase(Locale.ROOT)
        + "</span>";
  }

  /** A level known to Sigma gets its colour; any other text is shown escaped, uncoloured. */
  private static String levelBadge(String level) {
    if (level == null || level.isEmpty()) {
      return "";
    }
    String css = LEVELS.contains(level) ? " level-" + level : "";
    return "<span class=\"badge" + css + "\">" + escape(level) + "</span>";
  }

  private static String cssName(Tlp tlp) {
    return tlp.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static int levelRank(String level) {
    int i = level == null ? -1 : LEVELS.indexOf(level);
    return i < 0 ? LEVELS.size() : i;
  }

  /**
   * Text made inert in HTML and XML: the five markup characters as references, control characters
   * and bidi overrides as visible {@code \\uXXXX} escapes (they are not allowed in XML, and an
   * override could disguise a value).
   */
  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> {
          if ((c < 0x20 && c != '\t' && c != '\n')
              || (c >= 0x7f && c < 0xa0)
              || (c >= 0x202a && c <= 0x202e)
              || (c >= 0x2066 && c <= 0x2069)
              || c == 0xfffe
              || c == 0xffff
              || (Character.isSurrogate(c) && !pairedAt(s, i))) {
            b.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  private static boolean pairedAt(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }
}
