package dev.kasa.cli;

import dev.kasa.Problem;
import dev.kasa.cli.rules.RuleCompilation;
import dev.kasa.cli.rules.SigmaOptions;
import dev.kasa.sigma.correlation.CorrelationEngine;
import dev.kasa.sigma.logsource.LogSourceMap;
import dev.kasa.sigma.match.Placeholders;
import dev.kasa.sigma.program.SigmaProgram;
import dev.kasa.sigma.rule.RuleInfo;
import dev.kasa.sigma.rule.RuleLoader;
import dev.kasa.sigma.rule.RuleSet;
import java.nio.file.Path;
import java.util.List;

/**
 * The Sigma side of a run: rules loaded and compiled across the whole set as every command compiles
 * them ({@link RuleCompilation}), correlations ready, every problem (load, compile, correlations)
 * kept for the summary.
 */
record SigmaRules(
    RuleSet set, SigmaProgram program, CorrelationEngine correlations, List<Problem> problems) {

  static SigmaRules load(List<String> paths, Path logsources, Path placeholders) {
    // Option files first: a bad one is a usage error before any rule is read.
    LogSourceMap map = SigmaOptions.logSourceMap(logsources);
    Placeholders values = SigmaOptions.placeholders(placeholders);
    RuleCompilation c =
        RuleCompilation.of(RuleLoader.load(paths.stream().map(Path::of).toList()), map, values);
    return new SigmaRules(c.set(), c.program(), c.correlations(), c.problems());
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
