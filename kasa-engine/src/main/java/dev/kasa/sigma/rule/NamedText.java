package dev.kasa.sigma.rule;

import java.util.Objects;

/**
 * The text of Sigma documents (one or several, {@code ---}-separated) and the name positions give
 * for it: a file path, a store row, or the id of a STIX indicator with {@code pattern_type: sigma}
 * whose {@code pattern} is the text. Problems then read {@code name:line:column}. Immutable.
 *
 * @param name how positions name the text; not blank
 * @param text the YAML, not null (bounded by {@link SigmaParser#MAX_CHARS} when parsed)
 */
public record NamedText(String name, String text) {
  public NamedText {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(text, "text of " + name);
    if (name.isBlank()) {
      throw new IllegalArgumentException("a rule text needs a name, got '" + name + "'");
    }
  }

  @Override
  public String toString() {
    return name + " (" + text.length() + " chars)";
  }
}
