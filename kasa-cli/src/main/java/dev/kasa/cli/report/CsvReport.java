package dev.kasa.cli.report;

import dev.kasa.EventContext;
import dev.kasa.EventRef;
import dev.kasa.detect.Finding;
import dev.kasa.detect.FindingTimes;
import dev.kasa.intel.Indicator;
import dev.kasa.intel.Provenance;
import dev.kasa.sigma.correlation.CorrelationHit;
import dev.kasa.sigma.program.SigmaMatch;
import dev.kasa.sigma.rule.RuleInfo;
import java.io.PrintWriter;
import java.util.List;

/**
 * {@code --format csv}: a timeline, one row per finding in the sweep's order, RFC 4180 (CRLF line
 * ends, fields quoted when they hold a comma, a quote or a line end), with one header row of the
 * fixed {@link #COLUMNS} documented in docs/output.md. Text from logs and intelligence is written
 * as it is: a spreadsheet formula is not ours to escape, a CSV reader takes it as text.
 */
public final class CsvReport implements HitReport {
  /** The columns, in order. */
  public static final List<String> COLUMNS =
      List.of(
          "time",
          "kind",
          "detection_id",
          "title",
          "level",
          "host",
          "source",
          "destination",
          "field",
          "value",
          "input",
          "line",
          "intel_source",
          "intel_producer",
          "intel_name",
          "intel_containers");

  private static final List<String> HOSTS = List.of("Computer", "host", "hostname", "Hostname");

  private final PrintWriter out;

  public CsvReport(PrintWriter out) {
    this.out = out;
    row(COLUMNS.toArray(String[]::new));
  }

  @Override
  public void hit(String input, Finding.IndicatorHit hit) {
    row(hitCells(input, hit));
  }

  @Override
  public void sigma(String input, Finding.RuleMatch match) {
    row(sigmaCells(input, match));
  }

  @Override
  public void correlation(Finding.CorrelationHit found) {
    row(correlationCells(found));
  }

  /** The cells of the row of one finding, in the order of {@link #COLUMNS}. */
  static String[] cells(String input, Finding finding) {
    return switch (finding) {
      case Finding.IndicatorHit hit -> hitCells(input, hit);
      case Finding.RuleMatch match -> sigmaCells(input, match);
      case Finding.CorrelationHit fired -> correlationCells(fired);
    };
  }

  private static String[] hitCells(String input, Finding.IndicatorHit hit) {
    Indicator ind = hit.indicator();
    return cells(
        time(hit.event().timeMillis()),
        "indicator",
        ind.id(),
        ind.provenance().name() == null
            ? ind.type().stixName() + " " + ind.value()
            : ind.provenance().name(),
        "",
        nullToEmpty(hit.event().context().host()),
        endpoint(hit.event().context().source()),
        endpoint(hit.event().context().destination()),
        hit.field(),
        hit.value(),
        input,
        Long.toString(hit.event().sequence()),
        ind.provenance().source(),
        nullToEmpty(ind.provenance().producer()),
        nullToEmpty(ind.provenance().name()),
        containers(ind.provenance()));
  }

  private static String[] sigmaCells(String input, Finding.RuleMatch match) {
    SigmaMatch m = match.match();
    SigmaMatch.Field first = m.fields().isEmpty() ? null : m.fields().get(0);
    return cells(
        time(m.timeMillis()),
        "sigma",
        id(m.rule()),
        m.rule().title(),
        m.rule().level() == null ? "" : m.rule().level(),
        host(match),
        endpoint(match.event().context().source()),
        endpoint(match.event().context().destination()),
        first == null ? (m.keywords().isEmpty() ? "" : "keyword") : first.name(),
        first == null ? String.join(";", m.keywords()) : first.value(),
        input,
        Long.toString(m.line()),
        "",
        "",
        "",
        "");
  }

  private static String[] correlationCells(Finding.CorrelationHit found) {
    CorrelationHit hit = found.fired();
    RuleInfo info = hit.correlation().info();
    EventRef last = found.event();
    return cells(
        time(hit.lastMillis()),
        "correlation",
        id(info),
        info.title(),
        info.level() == null ? "" : info.level(),
        "",
        "",
        "",
        String.join(";", hit.group().keySet()),
        String.join(";", hit.group().values()),
        last.source(),
        Long.toString(last.sequence()),
        "",
        "",
        "",
        "");
  }

  @Override
  public void finish() {
    out.flush();
  }

  private static String id(RuleInfo rule) {
    return rule.label();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  private static String endpoint(EventContext.Endpoint e) {
    return e == null ? "" : e.toString();
  }

  /**
   * The STIX reports and groupings, or the MISP event, holding the indicator; {@code ;} between.
   */
  private static String containers(Provenance p) {
    List<String> all = new java.util.ArrayList<>(p.reports());
    all.addAll(p.groupings());
    if (p.misp() != null && p.misp().eventInfo() != null) {
      all.add(p.misp().eventInfo());
    }
    return String.join(";", all);
  }

  private static String[] cells(String... cells) {
    return cells;
  }

  /** The host of a Sigma match: its context's, else a host field the rule used, else empty. */
  static String host(Finding.RuleMatch match) {
    String host = match.event().context().host();
    return host != null ? host : host(match.match());
  }

  private static String host(SigmaMatch m) {
    for (String name : HOSTS) {
      String v = m.context().get(name);
      if (v != null) {
        return v;
      }
      for (SigmaMatch.Field f : m.fields()) {
        if (f.name().equals(name)) {
          return f.value();
        }
      }
    }
    return "";
  }

  private static String time(long millis) {
    return millis == EventRef.NO_TIME ? "" : FindingTimes.format(millis);
  }

  private void row(String... cells) {
    out.print(line(cells));
  }

  /** One row: the cells quoted as needed, comma-separated, CRLF-ended. */
  static String line(String... cells) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(quoted(cells[i] == null ? "" : cells[i]));
    }
    return b.append("\r\n").toString();
  }

  static String quoted(String cell) {
    if (cell.indexOf(',') < 0
        && cell.indexOf('"') < 0
        && cell.indexOf('\n') < 0
        && cell.indexOf('\r') < 0) {
      return cell;
    }
    return '"' + cell.replace("\"", "\"\"") + '"';
  }
}
