package dev.kasa.sigma.rule;

/** One YAML document of a Sigma file: a detection rule, a correlation or a filter. */
public sealed interface SigmaDocument permits SigmaRule, SigmaCorrelation, SigmaFilter {
  RuleInfo info();
}
