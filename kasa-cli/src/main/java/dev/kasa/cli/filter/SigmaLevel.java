package dev.kasa.cli.filter;

import java.util.Locale;

/** Sigma's levels, least severe first, as {@code --min-level} compares them. */
public enum SigmaLevel {
  INFORMATIONAL,
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  /** The level a rule's {@code level} names, or null when it names none of them. */
  static SigmaLevel of(String level) {
    if (level == null) {
      return null;
    }
    for (SigmaLevel l : values()) {
      if (l.toString().equals(level.toLowerCase(Locale.ROOT))) {
        return l;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
