package dev.kasa.sigma.program;

import dev.kasa.Problem;
import dev.kasa.sigma.rule.RuleInfo;
import java.util.List;
import java.util.Objects;

/**
 * A valid rule left out of a compiled program until it can run: its {@code expand} placeholders
 * have no values yet. Immutable.
 *
 * @param rule the rule
 * @param placeholders one entry per field test that names a placeholder without values (the first
 *     such placeholder of the test), with its position (code {@link
 *     dev.kasa.ErrorCode#UNKNOWN_PLACEHOLDER}); not empty
 */
public record SetAsideRule(RuleInfo rule, List<Problem> placeholders) {
  public SetAsideRule {
    Objects.requireNonNull(rule, "rule");
    placeholders = List.copyOf(placeholders);
    if (placeholders.isEmpty()) {
      throw new IllegalArgumentException("rule " + rule.label() + " is set aside for no reason");
    }
  }
}
