package dev.kasa.cli.rules;

import dev.kasa.Problem;
import dev.kasa.detect.RuleCompilation;
import dev.kasa.sigma.program.SigmaProgram;
import dev.kasa.sigma.rule.RuleSet;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text report of {@code kasa rules check}: counts, the rules set aside until their placeholders
 * have values (warnings), then the problems grouped by code (most frequent first), one line each as
 * {@code file:line:col: rule LABEL: message}. Problems of later phases (e.g. value compilation) are
 * added with {@link #add}. Not thread-safe.
 */
public final class RuleCheckReport {
  private final RuleSet set;
  private final List<Problem> problems;

  public RuleCheckReport(RuleSet set) {
    this.set = set;
    this.problems = new ArrayList<>(set.problems());
  }

  private SigmaProgram program;

  /**
   * Adds what compiling the loaded rules gave: the problems of rules and of correlations that
   * cannot run, and the compiled counts.
   */
  public void compiled(RuleCompilation compiled) {
    this.program = compiled.program();
    problems.addAll(compiled.program().problems());
    problems.addAll(compiled.correlations().problems());
  }

  /** Adds problems found after loading; they are reported with the loading ones. */
  public void add(List<Problem> more) {
    problems.addAll(more);
  }

  public int problemCount() {
    return problems.size();
  }

  /** Rules set aside until their placeholders have values: warnings, not problems. */
  public int setAsideCount() {
    return program == null ? 0 : program.setAside().size();
  }

  public void print(PrintWriter out) {
    out.printf(
        "files: %d  rules: %d  correlations: %d  filters: %d  problems: %d%n",
        set.files(),
        set.rules().size(),
        set.correlations().size(),
        set.filters().size(),
        problems.size());
    if (program != null) {
      out.printf(
          "compiled: %d rules (%d with a log source that has no mapping: they apply to %s"
              + " inputs)%n",
          program.rules().size(), program.unmapped().size(), SigmaProgram.UNMAPPED_SOURCE);
    }
    if (setAsideCount() > 0) {
      out.printf(
          "set aside until their placeholders have values: %d rule%s (give the values with"
              + " --placeholders FILE)%n",
          setAsideCount(), setAsideCount() == 1 ? "" : "s");
      program.setAside().forEach(r -> r.placeholders().forEach(p -> out.println("  " + line(p))));
    }
    if (set.unresolvedFilterReferences() > 0) {
      out.printf(
          "filter references to rules not loaded here: %d%n", set.unresolvedFilterReferences());
    }
    Map<String, List<Problem>> byCode = new LinkedHashMap<>();
    for (Problem p : problems) {
      byCode.computeIfAbsent(p.code().label(), k -> new ArrayList<>()).add(p);
    }
    byCode.entrySet().stream()
        .sorted(
            Comparator.comparingInt((Map.Entry<String, List<Problem>> e) -> -e.getValue().size())
                .thenComparing(Map.Entry::getKey))
        .forEach(
            e -> {
              out.printf("%s: %d%n", e.getKey(), e.getValue().size());
              e.getValue().forEach(p -> out.println("  " + line(p)));
            });
  }

  /** {@code p} on one line: {@code file:line:col: rule LABEL: message}. */
  public static String line(Problem p) {
    return p.text();
  }
}
