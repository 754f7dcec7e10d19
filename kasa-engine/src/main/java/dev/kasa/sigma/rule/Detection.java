package dev.kasa.sigma.rule;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A rule's {@code detection}: named searches and the parsed condition. A {@code condition} given as
 * a list is an OR of its items. Immutable.
 *
 * @param searches search identifier to search, in the order written
 * @param condition the condition tree; every {@link Condition.Ref} in it names a key of {@code
 *     searches}, every quantifier pattern matches at least one
 */
public record Detection(Map<String, Search> searches, Condition condition) {
  public Detection {
    searches = Collections.unmodifiableMap(new LinkedHashMap<>(searches));
    Objects.requireNonNull(condition, "condition");
  }
}
