package dev.kasa.cli.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kasa.EventRef;
import dev.kasa.detect.Finding;
import dev.kasa.detect.FindingTimes;
import dev.kasa.detect.TerminalSafeJson;
import dev.kasa.intel.Indicator;
import dev.kasa.sigma.rule.RuleInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --aggregate}: one row per detection (indicator or rule) and host, with the count of
 * findings and the first and last event time, most findings first; written at the end as a table,
 * CSV or JSON lines. Holds one entry per detection and host.
 */
public final class AggregateReport implements HitReport {
  /** The columns, in order (CSV header, JSON member names). */
  public static final List<String> COLUMNS =
      List.of(
          "kind",
          "detection_id",
          "title",
          "level",
          "tlp",
          "host",
          "count",
          "first_seen",
          "last_seen");

  /** How the rows are written. */
  public enum Format {
    TABLE,
    CSV,
    JSONL
  }

  private final PrintWriter out;
  private final Format format;
  private final Terminal terminal;
  private final Map<List<String>, Entry> entries = new LinkedHashMap<>();

  private static final class Entry {
    final String kind;
    final String id;
    final String title;
    final String level;
    final String tlp;
    final String host;
    long count;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;

    Entry(String kind, String id, String title, String level, String tlp, String host) {
      this.kind = kind;
      this.id = id;
      this.title = title;
      this.level = level;
      this.tlp = tlp;
      this.host = host;
    }

    void add(long time) {
      count++;
      if (time != EventRef.NO_TIME) {
        first = Math.min(first, time);
        last = Math.max(last, time);
      }
    }

    String firstSeen() {
      return first == Long.MAX_VALUE ? "" : FindingTimes.format(first);
    }

    String lastSeen() {
      return last == Long.MIN_VALUE ? "" : FindingTimes.format(last);
    }
  }

  public AggregateReport(PrintWriter out, Format format, Terminal terminal) {
    this.out = out;
    this.format = format;
    this.terminal = terminal;
  }

  @Override
  public void hit(String input, Finding.IndicatorHit hit) {
    Indicator ind = hit.indicator();
    String host = hit.event().context().host();
    entry(
            "indicator",
            ind.id(),
            ind.provenance().name() == null
                ? ind.type().stixName() + " " + ind.value()
                : ind.provenance().name(),
            "",
            ind.tlp().label(),
            host == null ? "" : host)
        .add(hit.event().timeMillis());
  }

  @Override
  public void sigma(String input, Finding.RuleMatch match) {
    RuleInfo rule = match.match().rule();
    entry("sigma", rule.label(), rule.title(), level(rule), "", CsvReport.host(match))
        .add(match.match().timeMillis());
  }

  @Override
  public void correlation(Finding.CorrelationHit found) {
    RuleInfo rule = found.fired().correlation().info();
    entry("correlation", rule.label(), rule.title(), level(rule), "", "")
        .add(found.fired().lastMillis());
  }

  private static String level(RuleInfo rule) {
    return rule.level() == null ? "" : rule.level();
  }

  private Entry entry(String kind, String id, String title, String level, String tlp, String host) {
    return entries.computeIfAbsent(
        List.of(kind, id, host), k -> new Entry(kind, id, title, level, tlp, host));
  }

  @Override
  public void finish() {
    List<Entry> sorted =
        entries.values().stream()
            .sorted(
                Comparator.comparingLong((Entry e) -> e.count)
                    .reversed()
                    .thenComparingLong(e -> e.first)
                    .thenComparing(e -> e.id)
                    .thenComparing(e -> e.host))
            .toList();
    switch (format) {
      case CSV -> {
        out.print(CsvReport.line(COLUMNS.toArray(String[]::new)));
        sorted.forEach(e -> out.print(CsvReport.line(cells(e))));
      }
      case JSONL -> sorted.forEach(this::json);
      case TABLE -> table(sorted);
    }
    out.flush();
  }

  private static String[] cells(Entry e) {
    return new String[] {
      e.kind,
      e.id,
      e.title,
      e.level,
      e.tlp,
      e.host,
      Long.toString(e.count),
      e.firstSeen(),
      e.lastSeen()
    };
  }

  private void json(Entry e) {
    try {
      JsonGenerator json = new ObjectMapper().getFactory().createGenerator(out);
      json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
      json.setCharacterEscapes(new TerminalSafeJson());
      json.writeStartObject();
      String[] cells = cells(e);
      for (int i = 0; i < cells.length; i++) {
        String name = COLUMNS.get(i);
        if (name.equals("count")) {
          json.writeNumberField(name, e.count);
        } else if (!cells[i].isEmpty()) {
          json.writeStringField(name, cells[i]);
        }
      }
      json.writeEndObject();
      json.close();
      out.print('\n');
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }

  private void table(List<Entry> sorted) {
    FittedLines lines = new FittedLines(out, terminal);
    if (sorted.isEmpty()) {
      lines.line("Nothing was found.");
      return;
    }
    TableColumns columns =
        TableColumns.fit(
            terminal.columns(),
            new int[] {7, 24, 24, 0, 9, 0},
            new int[] {0, 0, 0, 8, 0, 16},
            new int[] {0, 0, 0, 24, 0, 80},
            new boolean[6],
            4);
    lines.row(columns, null, "COUNT", "FIRST SEEN", "LAST SEEN", "HOST", "TLP/LEVEL", "DETECTION");
    for (Entry e : sorted) {
      String grade = e.kind.equals("indicator") ? e.tlp.toUpperCase(Locale.ROOT) : e.level;
      lines.row(
          columns,
          grade,
          Long.toString(e.count),
          e.first == Long.MAX_VALUE ? "-" : e.firstSeen(),
          e.last == Long.MIN_VALUE ? "-" : e.lastSeen(),
          e.host.isEmpty() ? "-" : e.host,
          grade,
          e.kind + " " + e.title + " (" + e.id + ")");
    }
  }
}
