package dev.kasa.node.alert;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import java.util.Locale;

/**
 * How urgent an alert is. The rule (issue 13): a Sigma rule's level (informational counts as low,
 * no level as medium), or an indicator's confidence band (0–29 low, 30–69 medium, 70–100 high, none
 * medium); one step up for an asset of criticality 4 or more, one step up for a state-sponsored
 * actor; at most critical.
 */
public enum Priority {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  /** The lower-case name used in the API and store. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a label.
   *
   * @throws KasaException {@link ErrorCode#BAD_VALUE} naming the value
   */
  public static Priority parse(String label) {
    for (Priority p : values()) {
      if (p.label().equals(label)) {
        return p;
      }
    }
    throw new KasaException(
        ErrorCode.BAD_VALUE,
        "priority must be low, medium, high or critical but is '" + label + "'");
  }

  /** The base priority of a Sigma rule's level (null or unknown: medium). */
  public static Priority ofLevel(String level) {
    if (level == null) {
      return MEDIUM;
    }
    return switch (level.toLowerCase(Locale.ROOT)) {
      case "informational", "low" -> LOW;
      case "high" -> HIGH;
      case "critical" -> CRITICAL;
      default -> MEDIUM;
    };
  }

  /** The base priority of an indicator's confidence, 0–100, or negative when it has none. */
  public static Priority ofConfidence(int confidence) {
    if (confidence < 0) {
      return MEDIUM;
    }
    if (confidence > 100) {
      throw new KasaException(ErrorCode.BAD_VALUE, "confidence must be 0-100 but is " + confidence);
    }
    return confidence < 30 ? LOW : confidence < 70 ? MEDIUM : HIGH;
  }

  /**
   * This base priority raised for what the alert touches.
   *
   * @param criticality the asset's criticality 1–5, or 0 when no asset is touched
   */
  public Priority raised(int criticality, boolean stateSponsored) {
    int p = ordinal() + (criticality >= 4 ? 1 : 0) + (stateSponsored ? 1 : 0);
    return values()[Math.min(p, CRITICAL.ordinal())];
  }
}
