package dev.kasa.cli;

import dev.kasa.cli.rules.SigmaOptions;
import dev.kasa.sigma.correlation.CorrelationEngine;
import dev.kasa.sigma.logsource.LogSourceMap;
import dev.kasa.sigma.match.Placeholders;
import dev.kasa.sigma.program.SigmaProgram;
import dev.kasa.sigma.rule.RuleInfo;
import dev.kasa.sigma.rule.RuleLoader;
import dev.kasa.sigma.rule.RuleProblem;
import dev.kasa.sigma.rule.RuleSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The Sigma side of a run, wired in one place: rules loaded and compiled across the whole set,
 * correlations ready, every problem (load and compile) kept for the summary.
 */
record SigmaRules(
    RuleSet set, SigmaProgram program, CorrelationEngine correlations, List<RuleProblem> problems) {

  static SigmaRules load(List<String> paths, Path logsources, Path placeholders) {
    LogSourceMap map = SigmaOptions.logSourceMap(logsources);
    Placeholders values = SigmaOptions.placeholders(placeholders);
    RuleSet set = RuleLoader.load(paths.stream().map(Path::of).toList());
    CorrelationEngine correlations =
        CorrelationEngine.create(set.correlations(), CorrelationEngine.Limits.defaults());
    SigmaProgram program =
        SigmaProgram.compile(set, map, values, info -> contextFields(correlations, info));
    List<RuleProblem> problems = new ArrayList<>(set.problems());
    problems.addAll(program.problems());
    problems.addAll(correlations.problems());
    return new SigmaRules(set, program, correlations, List.copyOf(problems));
  }

  private static Set<String> contextFields(CorrelationEngine correlations, RuleInfo info) {
    Set<String> fields = new LinkedHashSet<>();
    if (info.id() != null) {
      fields.addAll(correlations.fieldsNeeded(info.id()));
    }
    if (info.name() != null) {
      fields.addAll(correlations.fieldsNeeded(info.name()));
    }
    return fields;
  }

  /**
   * True when a match of {@code rule} (a detection rule or a correlation) is reported on its own,
   * not only fed to the correlations that refer to it with {@code generate: false}.
   */
  boolean reportsStandalone(RuleInfo rule) {
    boolean byId = rule.id() != null && correlations.suppressesStandalone(rule.id());
    boolean byName = rule.name() != null && correlations.suppressesStandalone(rule.name());
    return !(byId || byName);
  }
}
