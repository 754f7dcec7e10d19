package dev.kasa.intel;

import java.util.Objects;

/**
 * Something in an intel source that did not become an indicator, and why.
 *
 * @param kind what went wrong
 * @param where the location: {@code file:line}, {@code file#/objects/12/pattern} (a JSON path), or
 *     a STIX id
 * @param message a sentence naming the bad value
 */
public record IntelProblem(Kind kind, String where, String message) {
  /** Categories of problem; each is counted separately in reports. */
  public enum Kind {
    /** The object or line violates its format or specification and was rejected. */
    INVALID,
    /** A valid STIX pattern that needs the full pattern engine (a later issue). */
    PATTERN_PENDING,
    /** A valid record carrying nothing Kasa can match (for example a MISP attribute type). */
    UNSUPPORTED,
    /** A file or directory could not be read. */
    UNREADABLE
  }

  public IntelProblem {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(message, "message");
  }
}
