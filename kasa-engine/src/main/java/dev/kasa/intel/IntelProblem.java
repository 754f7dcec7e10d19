package dev.kasa.intel;

import java.util.Objects;

/**
 * Something in an intel source that did not become an indicator, or became one that deserves a look
 * ({@link Kind#WARNING}), and why.
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
    UNREADABLE,
    /**
     * The record became an indicator, but something about it deserves a look: an address range so
     * broad that it matches a large share of all addresses, or a TLP that could not be read and was
     * taken as TLP:RED.
     */
    WARNING
  }

  public IntelProblem {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(message, "message");
  }
}
