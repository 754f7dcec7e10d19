package dev.kasa.cli.report;

import dev.kasa.detect.Hit;
import dev.kasa.intel.Actor;
import dev.kasa.intel.Indicator;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A human-readable table: one row per hit, then the hits summed per indicator, per actor and per
 * TLP level.
 */
public final class TableReport implements HitReport {
  private static final String ROW = "%-24s  %-32s  %-18s  %-40s  %-10s  %s%n";
  private static final int MAX_CELL = 60;

  private final PrintWriter out;
  private final Map<String, Tally> byIndicator = new LinkedHashMap<>();
  private final Map<String, Long> byActor = new TreeMap<>();
  private final Map<String, Long> byTlp = new TreeMap<>();
  private long hits;

  public TableReport(PrintWriter out) {
    this.out = out;
  }

  private record Tally(Indicator indicator, long count) {}

  @Override
  public void hit(String input, Hit hit) {
    if (hits == 0) {
      out.printf(ROW, "TIME", "WHERE", "FIELD", "VALUE", "TLP", "INDICATOR / ACTORS");
    }
    hits++;
    Indicator ind = hit.indicator();
    String actors =
        ind.attribution().actors().stream().map(TableReport::actorLabel).collect(Collectors.joining(", "));
    out.printf(
        ROW,
        Instant.ofEpochMilli(hit.timeMillis()),
        clip(input + ":" + hit.line(), 32),
        clip(hit.field(), 18),
        clip(hit.value(), 40),
        ind.tlp().label().toUpperCase(java.util.Locale.ROOT),
        ind.type().stixName() + " " + clip(ind.value(), MAX_CELL) + (actors.isEmpty() ? "" : " / " + actors));
    byIndicator.merge(
        ind.id() + " " + ind.value(), new Tally(ind, 1), (a, b) -> new Tally(a.indicator(), a.count() + 1));
    for (Actor actor : ind.attribution().actors()) {
      byActor.merge(actorLabel(actor), 1L, Long::sum);
    }
    byTlp.merge(ind.tlp().label().toUpperCase(java.util.Locale.ROOT), 1L, Long::sum);
  }

  private static String actorLabel(Actor actor) {
    return actor.name() + (actor.stateSponsored() ? " (state-sponsored)" : "");
  }

  @Override
  public void finish() {
    if (hits == 0) {
      out.println("No indicator was hit.");
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
                    t.indicator().tlp().label().toUpperCase(java.util.Locale.ROOT),
                    t.indicator().type().stixName(),
                    clip(t.indicator().value(), MAX_CELL)));
    out.println();
    out.printf("%-6s  %s%n", "HITS", "ACTOR");
    if (byActor.isEmpty()) {
      out.printf("%-6s  %s%n", "-", "(no attribution)");
    }
    byActor.forEach((actor, n) -> out.printf("%-6d  %s%n", n, actor));
    out.println();
    out.printf("%-6s  %s%n", "HITS", "TLP");
    byTlp.forEach((tlp, n) -> out.printf("%-6d  %s%n", n, tlp));
    out.flush();
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
