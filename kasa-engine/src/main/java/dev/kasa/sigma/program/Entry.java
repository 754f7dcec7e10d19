package dev.kasa.sigma.program;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
    // In the order given, not Map.copyOf's: that order is salted per JVM run, and the compile
    // numbers the captured fields while iterating these, so the cache entry's bytes would differ
    // from one run to the next.
    eventFields = ordered(eventFields);
    conditions = ordered(conditions);
    context = Collections.unmodifiableSet(new LinkedHashSet<>(List.copyOf(context)));
  }

  private static <K, V> Map<K, V> ordered(Map<K, V> map) {
    Map<K, V> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(Objects.requireNonNull(k), Objects.requireNonNull(v)));
    return Collections.unmodifiableMap(copy);
  }

  /** The event field for Sigma field {@code sigma} (null stays null: keywords). */
  String event(String sigma) {
    return sigma == null ? null : eventFields.getOrDefault(sigma, sigma);
  }
}
