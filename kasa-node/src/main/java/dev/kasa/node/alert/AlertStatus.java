package dev.kasa.node.alert;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import java.util.Locale;

/**
 * Where an alert is in its life cycle: new → acknowledged → resolved or false positive; a closed
 * alert may be reopened (to acknowledged). New findings join only open (new or acknowledged)
 * alerts.
 */
public enum AlertStatus {
  NEW,
  ACKNOWLEDGED,
  RESOLVED,
  FALSE_POSITIVE;

  /** The lower-case name used in the API and store. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether findings still join it. */
  public boolean open() {
    return this == NEW || this == ACKNOWLEDGED;
  }

  /**
   * Parses a label.
   *
   * @throws KasaException {@link ErrorCode#BAD_VALUE} naming the value
   */
  public static AlertStatus parse(String label) {
    for (AlertStatus s : values()) {
      if (s.label().equals(label)) {
        return s;
      }
    }
    throw new KasaException(
        ErrorCode.BAD_VALUE,
        "status must be new, acknowledged, resolved or false_positive but is '" + label + "'");
  }

  /**
   * Whether an analyst may move an alert from this status to {@code to}: forward along the cycle,
   * between the two closed states, and back to acknowledged (reopen). Nothing goes back to new.
   */
  public boolean mayBecome(AlertStatus to) {
    return switch (this) {
      case NEW -> to != NEW;
      case ACKNOWLEDGED -> to == RESOLVED || to == FALSE_POSITIVE;
      case RESOLVED -> to == ACKNOWLEDGED || to == FALSE_POSITIVE;
      case FALSE_POSITIVE -> to == ACKNOWLEDGED || to == RESOLVED;
    };
  }
}
