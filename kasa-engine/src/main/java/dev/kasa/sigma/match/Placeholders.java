package dev.kasa.sigma.match;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Values for the {@code %name%} placeholders that the {@code expand} modifier replaces: each
 * placeholder stands for a list of values (any of which may match). Immutable.
 */
public record Placeholders(Map<String, List<String>> values) {
  public static final Placeholders NONE = new Placeholders(Map.of());

  public Placeholders {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    values = java.util.Collections.unmodifiableMap(copy);
  }

  /** The values of placeholder {@code name} (without the {@code %} signs). */
  public Optional<List<String>> valuesOf(String name) {
    return Optional.ofNullable(values.get(name));
  }
}
