package dev.kasa.sigma.rule;

/**
 * A rule's {@code logsource}: each part is lower-cased, or null when the rule does not give it.
 * Immutable.
 */
public record LogSource(String category, String product, String service) {
  /** The log source that constrains nothing. */
  public static final LogSource ANY = new LogSource(null, null, null);

  @Override
  public String toString() {
    return "category=" + category + " product=" + product + " service=" + service;
  }
}
