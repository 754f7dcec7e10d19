package dev.kasa.cli.report;

import dev.kasa.sigma.rule.RuleInfo;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Sigma part of the table's summary: matches per rule, per level and per technique. */
final class SigmaTally {
  private static final List<String> LEVELS =
      List.of("critical", "high", "medium", "low", "informational");
  private final Map<RuleInfo, Long> byRule = new LinkedHashMap<>();
  private final Map<String, Long> byLevel = new LinkedHashMap<>();
  private final Map<String, Long> byTechnique = new LinkedHashMap<>();
  private final Map<RuleInfo, Long> correlations = new LinkedHashMap<>();

  boolean isEmpty() {
    return byRule.isEmpty() && correlations.isEmpty();
  }

  void match(RuleInfo rule, List<String> techniques) {
    byRule.merge(rule, 1L, Long::sum);
    byLevel.merge(rule.level() == null ? "(none)" : rule.level(), 1L, Long::sum);
    techniques.forEach(t -> byTechnique.merge(t, 1L, Long::sum));
  }

  void correlation(RuleInfo rule) {
    correlations.merge(rule, 1L, Long::sum);
  }

  void print(PrintWriter out) {
    long total = byRule.values().stream().mapToLong(Long::longValue).sum();
    out.println();
    out.printf("%d Sigma matches of %d rules%n", total, byRule.size());
    out.println();
    out.printf("%-6s  %-13s  %-36s  %s%n", "HITS", "LEVEL", "RULE", "TITLE");
    byRule.entrySet().stream()
        .sorted(
            Comparator.<Map.Entry<RuleInfo, Long>>comparingInt(e -> levelRank(e.getKey().level()))
                .thenComparing(Map.Entry.<RuleInfo, Long>comparingByValue().reversed()))
        .forEach(
            e ->
                out.printf(
                    "%-6d  %-13s  %-36s  %s%n",
                    e.getValue(),
                    e.getKey().level() == null ? "" : e.getKey().level(),
                    e.getKey().label(),
                    e.getKey().title()));
    out.println();
    out.printf("%-6s  %s%n", "HITS", "LEVEL");
    byLevel.entrySet().stream()
        .sorted(Comparator.comparingInt(e -> levelRank(e.getKey())))
        .forEach(e -> out.printf("%-6d  %s%n", e.getValue(), e.getKey()));
    out.println();
    out.printf("%-6s  %s%n", "HITS", "TECHNIQUE");
    if (byTechnique.isEmpty()) {
      out.printf("%-6s  %s%n", "-", "(no ATT&CK tag)");
    }
    byTechnique.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> out.printf("%-6d  %s%n", e.getValue(), e.getKey()));
    if (!correlations.isEmpty()) {
      out.println();
      out.printf("%-6s  %s%n", "HITS", "CORRELATION");
      correlations.forEach((r, n) -> out.printf("%-6d  %s%n", n, r.title()));
    }
    out.println();
  }

  private static int levelRank(String level) {
    int i = level == null ? -1 : LEVELS.indexOf(level);
    return i < 0 ? LEVELS.size() : i;
  }
}
