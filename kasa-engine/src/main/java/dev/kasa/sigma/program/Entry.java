package dev.kasa.sigma.program;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A rule as it applies to one event source through one log-source variant.
 *
 * @param ruleIndex the rule's index in the program, which de-duplicates matches per event
 * @param eventFields Sigma field name → the event field it reads for this source and variant, for
 *     every field the rule names (tests, field references, correlation context)
 * @param conditions event field → allowed folded values: the event class the entry applies to
 * @param context the Sigma fields whose values a match carries for correlations
 */
record Entry(
    int ruleIndex,
    CompiledRule rule,
    Map<String, String> eventFields,
    Map<String, List<String>> conditions,
    Set<String> context) {
  Entry {
    eventFields = Map.copyOf(eventFields);
    conditions = Map.copyOf(conditions);
    context = Set.copyOf(context);
  }

  /** The event field for Sigma field {@code sigma} (null stays null: keywords). */
  String event(String sigma) {
    return sigma == null ? null : eventFields.getOrDefault(sigma, sigma);
  }
}
