package dev.kasa.sigma.rule;

import java.util.List;
import java.util.Objects;

/**
 * A filter document ({@code filter:}): its detection is joined to every rule it names (by id or
 * name) as {@code (rule condition) and (filter condition)}, the way pySigma applies filters, so a
 * filter that suppresses writes {@code condition: not selection}. Immutable.
 */
public record SigmaFilter(
    RuleInfo info, LogSource logsource, List<String> rules, Detection detection)
    implements SigmaDocument {
  public SigmaFilter {
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(logsource, "logsource");
    rules = List.copyOf(rules);
    Objects.requireNonNull(detection, "detection");
  }
}
