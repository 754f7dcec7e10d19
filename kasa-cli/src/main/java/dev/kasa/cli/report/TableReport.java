package dev.kasa.cli.report;

import dev.kasa.detect.Finding;
import dev.kasa.detect.FindingTimes;
import dev.kasa.intel.Actor;
import dev.kasa.intel.Indicator;
import dev.kasa.intel.Provenance;
import dev.kasa.sigma.correlation.CorrelationHit;
import dev.kasa.sigma.program.SigmaMatch;
import dev.kasa.stix.Tlp;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A human-readable table: one row per hit, then the hits summed per indicator, per actor and per
 * TLP level.
 */
public final class TableReport implements HitReport {
  private static final int MAX_CELL = 60;

  /** Where the intel line under a hit starts: under WHERE. */
  private static final int INTEL_INDENT = 26;

  private final FittedLines out;
  private final TableColumns columns;
  private final Map<String, Tally> byIndicator = new LinkedHashMap<>();
  // Partners spell the same actor differently ("STORM HALBERD", "Storm Halberd"): group by case.
  private final Map<String, Tally> byActor = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private final Map<String, String> actorLabels = new java.util.HashMap<>();
  private final Map<Tlp, Long> byTlp = new TreeMap<>(Comparator.reverseOrder());
  private long hits;
  private final SigmaTally sigma = new SigmaTally();

  private final String nothingFound;

  /**
   * @param nothingFound the line written when nothing is found, naming only what was looked for
   */
  public TableReport(PrintWriter out, Terminal terminal, String nothingFound) {
    this.out = new FittedLines(out, terminal);
    this.nothingFound = nothingFound;
    this.columns =
        TableColumns.fit(
            terminal.columns(),
            new int[] {24, 0, 0, 0, 0, 9, 0},
            new int[] {0, 20, 12, 8, 16, 0, 19},
            new int[] {0, 44, 32, 28, 44, 0, 60},
            new boolean[] {false, true, false, true, false, false, false},
            5);
  }

  private record Tally(Indicator indicator, long count) {}

  @Override
  public void hit(String input, Finding.IndicatorHit hit) {
    header();
    hits++;
    Indicator ind = hit.indicator();
    String actors =
        ind.attribution().actors().stream()
            .map(TableReport::actorLabel)
            .collect(Collectors.joining(", "));
    String tlp = ind.tlp().label().toUpperCase(Locale.ROOT);
    out.row(
        columns,
        tlp,
        FindingTimes.format(hit.matchedAtMillis()),
        input + ":" + hit.event().sequence(),
        host(hit.event().context().host()),
        hit.field(),
        hit.value(),
        tlp,
        ind.type().stixName()
            + " "
            + clip(ind.value(), MAX_CELL)
            + (actors.isEmpty() ? "" : " / " + actors));
    out.line(" ".repeat(INTEL_INDENT) + intelLine(ind));
    byIndicator.merge(
        ind.id() + " " + ind.value(),
        new Tally(ind, 1),
        (a, b) -> new Tally(a.indicator(), a.count() + 1));
    for (Actor actor : ind.attribution().actors()) {
      byActor.merge(
          actor.name(), new Tally(ind, 1), (a, b) -> new Tally(a.indicator(), a.count() + 1));
      actorLabels.putIfAbsent(actor.name().toLowerCase(Locale.ROOT), actorLabel(actor));
    }
    byTlp.merge(ind.tlp(), 1L, Long::sum);
  }

  private static String host(String host) {
    return host == null || host.isEmpty() ? "-" : host;
  }

  /**
   * Where the indicator came from, in one line: the file or feed, the producer, the indicator's
   * name, the reports or the MISP event holding it (what tells apart two hits on one value).
   */
  static String intelLine(Indicator ind) {
    Provenance p = ind.provenance();
    // The file name is enough on a row (the full path is in jsonl and csv).
    String source = p.source().substring(p.source().lastIndexOf('/') + 1);
    StringBuilder b = new StringBuilder("intel: ").append(source.isEmpty() ? p.source() : source);
    if (p.producer() != null) {
      b.append(" by ").append(p.producer());
    }
    if (p.name() != null) {
      b.append(" · ").append(p.name());
    }
    if (p.misp() != null) {
      Provenance.MispContext m = p.misp();
      if (m.eventInfo() != null) {
        b.append(" · event \"").append(m.eventInfo()).append('"');
      }
      if (m.category() != null) {
        b.append(" · ").append(m.category());
      }
      if (m.comment() != null) {
        b.append(" · ").append(m.comment());
      }
    }
    if (!p.reports().isEmpty()) {
      b.append(" · report ").append(String.join(", ", p.reports()));
    }
    if (!p.groupings().isEmpty()) {
      b.append(" · grouping ").append(String.join(", ", p.groupings()));
    }
    for (String t : ind.attribution().techniques()) {
      String name = ind.attribution().techniqueNames().get(t);
      b.append(" · ").append(t).append(name == null ? "" : " " + name);
    }
    return b.toString();
  }

  private static String actorLabel(Actor actor) {
    return actor.name() + (actor.stateSponsored() ? " (state-sponsored)" : "");
  }

  @Override
  public void sigma(String input, Finding.RuleMatch found) {
    SigmaMatch m = found.match();
    header();
    boolean keyword = !m.keywords().isEmpty();
    SigmaMatch.Field first = m.fields().isEmpty() ? null : m.fields().get(0);
    String level = m.rule().level() == null ? "" : m.rule().level();
    out.row(
        columns,
        level,
        m.timeMillis() == dev.kasa.event.DecodedRecord.NO_TIME
            ? "-"
            : FindingTimes.format(m.timeMillis()),
        input + ":" + m.line(),
        host(CsvReport.host(found)),
        keyword ? "keyword" : first == null ? "" : first.name(),
        keyword ? m.keywords().get(0) : first == null ? "" : first.value(),
        level,
        "sigma "
            + m.rule().title()
            + (m.techniques().isEmpty() ? "" : " / " + String.join(",", m.techniques())));
    sigma.match(m.rule(), m.techniques());
  }

  @Override
  public void correlation(Finding.CorrelationHit found) {
    CorrelationHit hit = found.fired();
    header();
    String level = hit.correlation().info().level() == null ? "" : hit.correlation().info().level();
    out.row(
        columns,
        level,
        FindingTimes.format(hit.lastMillis()),
        hit.events().isEmpty() ? "" : hit.events().get(0).source(),
        "-",
        String.join(",", hit.group().keySet()),
        String.join(",", hit.group().values()),
        level,
        "correlation "
            + hit.correlation().info().title()
            + " ("
            + hit.correlation().type().name().toLowerCase(Locale.ROOT)
            + " "
            + (long) hit.value()
            + (hit.evicted() ? ", group evicted" : "")
            + ")");
    sigma.correlation(hit.correlation().info());
  }

  private void header() {
    if (hits == 0 && sigma.isEmpty()) {
      out.row(columns, null, "TIME", "WHERE", "HOST", "FIELD", "VALUE", "TLP/LEVEL", "DETECTION");
    }
  }

  @Override
  public void finish() {
    if (!sigma.isEmpty()) {
      sigma.print(out);
    }
    if (hits == 0) {
      if (sigma.isEmpty()) {
        out.line(nothingFound);
      }
      out.flush();
      return;
    }
    out.newline();
    out.printf("%d hits on %d indicator values", hits, byIndicator.size());
    out.newline();
    out.printf("%-6s  %-48s  %-12s  %s", "HITS", "INDICATOR", "TLP", "VALUE");
    byIndicator.values().stream()
        .sorted(Comparator.comparingLong(Tally::count).reversed())
        .forEach(
            t ->
                out.printf(
                    "%-6d  %-48s  %-12s  %s %s",
                    t.count(),
                    t.indicator().id(),
                    t.indicator().tlp().label().toUpperCase(Locale.ROOT),
                    t.indicator().type().stixName(),
                    clip(t.indicator().value(), MAX_CELL)));
    out.newline();
    out.printf("%-6s  %s", "HITS", "ACTOR");
    if (byActor.isEmpty()) {
      out.printf("%-6s  %s", "-", "(no attribution)");
    }
    byActor.forEach(
        (actor, t) ->
            out.printf("%-6d  %s", t.count(), actorLabels.get(actor.toLowerCase(Locale.ROOT))));
    out.newline();
    out.printf("%-6s  %s", "HITS", "TLP");
    byTlp.forEach((tlp, n) -> out.printf("%-6d  %s", n, tlp.label().toUpperCase(Locale.ROOT)));
    out.flush();
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
