package dev.kasa.cli.report;

import dev.kasa.EventContext;
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
  private static final String ROW = "%-24s  %-40s  %-16s  %-24s  %-40s  %-12s  %s%n";
  private static final String INTEL = "%26s%s%n";
  private static final int MAX_CELL = 60;

  private final PrintWriter out;
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
  public TableReport(PrintWriter out, String nothingFound) {
    this.out = out;
    this.nothingFound = nothingFound;
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
    out.printf(
        ROW,
        FindingTimes.format(hit.matchedAtMillis()),
        clipLeft(input + ":" + hit.event().sequence(), 40),
        host(hit.event().context()),
        clipLeft(hit.field(), 24),
        clip(hit.value(), 40),
        ind.tlp().label().toUpperCase(Locale.ROOT),
        ind.type().stixName()
            + " "
            + clip(ind.value(), MAX_CELL)
            + (actors.isEmpty() ? "" : " / " + actors));
    out.printf(INTEL, "", clip(intelLine(ind), 3 * MAX_CELL));
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

  private static String host(EventContext c) {
    return c.host() == null ? "-" : clip(c.host(), 16);
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
    String shown =
        !m.keywords().isEmpty()
            ? "keyword " + m.keywords().get(0)
            : m.fields().isEmpty()
                ? ""
                : m.fields().get(0).name() + "=" + m.fields().get(0).value();
    out.printf(
        ROW,
        m.timeMillis() == dev.kasa.event.DecodedRecord.NO_TIME
            ? "-"
            : FindingTimes.format(m.timeMillis()),
        clipLeft(input + ":" + m.line(), 40),
        host(found.event().context()),
        "sigma " + (m.rule().level() == null ? "" : m.rule().level()),
        clip(shown, 40),
        "",
        clip(m.rule().title(), MAX_CELL)
            + (m.techniques().isEmpty() ? "" : " / " + String.join(",", m.techniques())));
    sigma.match(m.rule(), m.techniques());
  }

  @Override
  public void correlation(Finding.CorrelationHit found) {
    CorrelationHit hit = found.fired();
    header();
    out.printf(
        ROW,
        FindingTimes.format(hit.lastMillis()),
        clipLeft(hit.events().isEmpty() ? "" : hit.events().get(0).source(), 40),
        "-",
        "correlation",
        clip(hit.group().toString(), 40),
        "",
        clip(hit.correlation().info().title(), MAX_CELL)
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
      out.printf(ROW, "TIME", "WHERE", "HOST", "FIELD", "VALUE", "TLP", "INDICATOR / ACTORS");
    }
  }

  @Override
  public void finish() {
    if (!sigma.isEmpty()) {
      sigma.print(out);
    }
    if (hits == 0) {
      if (sigma.isEmpty()) {
        out.println(nothingFound);
      }
      out.flush();
      return;
    }
    out.println();
    out.printf("%d hits on %d indicator values%n", hits, byIndicator.size());
    out.println();
    out.printf("%-6s  %-48s  %-10s  %s%n", "HITS", "INDICATOR", "TLP", "VALUE");
    byIndicator.values().stream()
        .sorted(Comparator.comparingLong(Tally::count).reversed())
        .forEach(
            t ->
                out.printf(
                    "%-6d  %-48s  %-10s  %s %s%n",
                    t.count(),
                    t.indicator().id(),
                    t.indicator().tlp().label().toUpperCase(Locale.ROOT),
                    t.indicator().type().stixName(),
                    clip(t.indicator().value(), MAX_CELL)));
    out.println();
    out.printf("%-6s  %s%n", "HITS", "ACTOR");
    if (byActor.isEmpty()) {
      out.printf("%-6s  %s%n", "-", "(no attribution)");
    }
    byActor.forEach(
        (actor, t) ->
            out.printf("%-6d  %s%n", t.count(), actorLabels.get(actor.toLowerCase(Locale.ROOT))));
    out.println();
    out.printf("%-6s  %s%n", "HITS", "TLP");
    byTlp.forEach((tlp, n) -> out.printf("%-6d  %s%n", n, tlp.label().toUpperCase(Locale.ROOT)));
    out.flush();
  }

  private static String clipLeft(String s, int max) {
    return s.length() <= max ? s : "…" + s.substring(s.length() - max + 1);
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
