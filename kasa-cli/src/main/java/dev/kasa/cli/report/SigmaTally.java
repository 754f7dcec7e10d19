package dev.kasa.cli.report;

import dev.kasa.sigma.rule.RuleInfo;
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

  void print(FittedLines out) {
    long total = byRule.values().stream().mapToLong(Long::longValue).sum();
    out.newline();
    out.printf("%d Sigma matches of %d rules", total, byRule.size());
    out.newline();
    out.printf("%-6s  %-13s  %-36s  %s", "HITS", "LEVEL", "RULE", "TITLE");
    byRule.entrySet().stream()
        .sorted(
            Comparator.<Map.Entry<RuleInfo, Long>>comparingInt(e -> levelRank(e.getKey().level()))
                .thenComparing(Map.Entry.<RuleInfo, Long>comparingByValue().reversed()))
        .forEach(
            e ->
                out.printf(
                    "%-6d  %-13s  %-36s  %s",
                    e.getValue(),
                    e.getKey().level() == null ? "" : e.getKey().level(),
                    e.getKey().label(),
                    e.getKey().title()));
    out.newline();
    out.printf("%-6s  %s", "HITS", "LEVEL");
    byLevel.entrySet().stream()
        .sorted(Comparator.comparingInt(e -> levelRank(e.getKey())))
        .forEach(e -> out.printf("%-6d  %s", e.getValue(), e.getKey()));
    out.newline();
    out.printf("%-6s  %s", "HITS", "TECHNIQUE");
    if (byTechnique.isEmpty()) {
      out.printf("%-6s  %s", "-", "(no ATT&CK tag)");
    }
    byTechnique.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> out.printf("%-6d  %s", e.getValue(), e.getKey()));
    if (!correlations.isEmpty()) {
      out.newline();
      out.printf("%-6s  %s", "HITS", "CORRELATION");
      correlations.forEach((r, n) -> out.printf("%-6d  %s", n, r.title()));
    }
    out.newline();
  }

  private static int levelRank(String level) {
    int i = level == null ? -1 : LEVELS.indexOf(level);
    return i < 0 ? LEVELS.size() : i;
  }
}
