package dev.kasa.sigma.rule;

import java.util.Objects;

/** A detection rule: a log source and a detection. Immutable. */
public record SigmaRule(RuleInfo info, LogSource logsource, Detection detection)
    implements SigmaDocument {
  public SigmaRule {
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(logsource, "logsource");
    Objects.requireNonNull(detection, "detection");
  }
}
