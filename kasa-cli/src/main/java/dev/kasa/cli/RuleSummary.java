package dev.kasa.cli;

import dev.kasa.Problem;
import dev.kasa.cli.rules.RuleCheckReport;
import dev.kasa.detect.RuleCompilation;
import dev.kasa.detect.Sweep;
import dev.kasa.sigma.correlation.CorrelationEngine;
import dev.kasa.sigma.program.BudgetStop;
import dev.kasa.sigma.program.SigmaProgram;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The Sigma lines of the run summary on stderr: rules loaded, rejected by code, matched. */
final class RuleSummary {
  private final PrintWriter err;

  RuleSummary(PrintWriter err) {
    this.err = err;
  }

  void loaded(RuleCompilation sigma, long millis) {
    var set = sigma.set();
    var program = sigma.program();
    err.printf(
        Locale.ROOT,
        "kasa: sigma: %,d rules compiled, %,d correlations, %,d filters from %,d files in %.1f s",
        program.rules().size(),
        set.correlations().size(),
        set.filters().size(),
        set.files(),
        millis / 1000.0);
    List<Problem> problems = sigma.problems();
    err.println(problems.isEmpty() ? "" : "; " + problems.size() + " problems");
    if (!program.unmapped().isEmpty()) {
      err.printf(
          Locale.ROOT,
          "  %,d rules have a log source without mapping; they apply to %s inputs%n",
          program.unmapped().size(),
          SigmaProgram.UNMAPPED_SOURCE);
    }
    var setAside = program.setAside();
    if (!setAside.isEmpty()) {
      err.printf(
          Locale.ROOT,
          "  %,d rules set aside until their placeholders have values (--placeholders FILE):%n",
          setAside.size());
      setAside.stream()
          .limit(RunSummary.LISTED)
          .forEach(
              r ->
                  err.println(
                      "    "
                          + RuleCheckReport.line(r.placeholders().get(0))
                          + (r.placeholders().size() > 1
                              ? " (and " + (r.placeholders().size() - 1) + " more)"
                              : "")));
      if (setAside.size() > RunSummary.LISTED) {
        err.printf(Locale.ROOT, "    ... and %,d more%n", setAside.size() - RunSummary.LISTED);
      }
    }
    Map<String, List<Problem>> byCode = new TreeMap<>();
    for (Problem p : problems) {
      byCode.computeIfAbsent(p.code().label(), k -> new ArrayList<>()).add(p);
    }
    byCode.forEach(
        (label, list) -> {
          err.printf(
              Locale.ROOT, "  rejected (%s): %,d, e.g. %s%n", label, list.size(), list.get(0));
        });
    err.flush();
  }

  void after(RuleCompilation sigma, Sweep sweep) {
    // Matches of rules whose correlations all say generate: false are not rows of the report:
    // counted apart, so that this line agrees with the report's own summary.
    Map<String, Long> byRule = new LinkedHashMap<>();
    Map<String, Long> hidden = new LinkedHashMap<>();
    sweep
        .matchesByRule()
        .forEach((r, n) -> (sigma.reportsStandalone(r) ? byRule : hidden).put(r.label(), n));
    err.printf(
        Locale.ROOT,
        "kasa: sigma: %,d matches of %,d rules; %,d correlation hits",
        byRule.values().stream().mapToLong(Long::longValue).sum(),
        byRule.size(),
        sweep.correlationHits());
    err.println(
        hidden.isEmpty()
            ? ""
            : String.format(
                Locale.ROOT,
                "; %,d matches of %,d rules only counted by their correlations (generate: false)",
                hidden.values().stream().mapToLong(Long::longValue).sum(),
                hidden.size()));
    var correlations = sweep.correlations();
    for (var e : correlations.evictions()) {
      if (e.groups() > 0) {
        err.printf(
            Locale.ROOT,
            "  correlation %s: %,d groups evicted at the group limit of %,d; %,d of them met the"
                + " condition on the matches they held and fired marked evicted, the others'"
                + " matches were dropped%n",
            e.correlation().info().label(),
            e.groups(),
            correlations.limits().maxGroupsPerCorrelation(),
            e.fired());
      }
      if (e.groupsAtCap() > 0) {
        err.printf(
            Locale.ROOT,
            "  correlation %s: %,d groups evicted at the limit of %,d groups and matches held by"
                + " all correlations; %,d of them met the condition on the matches they held and"
                + " fired marked evicted, the others' matches were dropped%n",
            e.correlation().info().label(),
            e.groupsAtCap(),
            correlations.limits().maxHeldTotal(),
            e.firedAtCap());
      }
    }
    String ignored = ignored(correlations.stats(), correlations.limits());
    if (!ignored.isEmpty()) {
      err.println("  correlations did not count " + ignored);
    }
    sweep
        .disabled()
        .forEach(
            (rule, why) ->
                err.println("  disabled at run time: rule " + rule.label() + ": " + why));
    for (BudgetStop stop : sweep.stopped()) {
      err.printf(
          Locale.ROOT,
          "  stopped by the regex cost budget: rule %s: %s on %s at %s:%d"
              + " (%,d chars × %,d instructions > %,d); %,d %s in all%n",
          stop.rule().label(),
          stop.test(),
          stop.field(),
          stop.input(),
          stop.line(),
          stop.chars(),
          stop.instructions(),
          SigmaProgram.REGEX_BUDGET,
          stop.values(),
          stop.values() == 1 ? "value" : "values");
    }
    err.flush();
  }

  /** The matches correlations could not use, by why; empty when there were none. */
  private static String ignored(CorrelationEngine.Stats s, CorrelationEngine.Limits limits) {
    List<String> parts = new ArrayList<>();
    count(parts, s.matchesWithoutTime(), "matches without event time");
    count(parts, s.lateMatches(), "matches older than their group's window");
    count(parts, s.matchesWithoutGroupValue(), "matches without a group-by field");
    count(parts, s.valuesIgnored(), "matches whose field was missing or not a number");
    count(
        parts,
        s.eventsDropped(),
        String.format(
            Locale.ROOT,
            "matches dropped from groups already holding %,d",
            limits.maxEventsPerGroup()));
    return String.join(", ", parts);
  }

  private static void count(List<String> parts, long n, String what) {
    if (n > 0) {
      parts.add(String.format(Locale.ROOT, "%,d %s", n, what));
    }
  }

  static Comparator<Map.Entry<String, Long>> byCount() {
    return Map.Entry.<String, Long>comparingByValue().reversed();
  }
}
