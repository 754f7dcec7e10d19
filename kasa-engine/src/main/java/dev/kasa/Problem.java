package dev.kasa;

import java.util.Objects;

/**
 * One problem Kasa reports: what ({@link ErrorCode}), where ({@link Location}), and a sentence
 * naming the bad value. Every part of Kasa reports its problems as these. Immutable.
 *
 * @param code what kind of problem; its label, category and severity
 * @param where where it is; {@link Location#NOWHERE} when nowhere in particular
 * @param message what is wrong, naming the value
 */
public record Problem(ErrorCode code, Location where, String message) {
  public Problem {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(message, "message");
  }

  /** A problem without a location. */
  public static Problem of(ErrorCode code, String message) {
    return new Problem(code, Location.NOWHERE, message);
  }

  /** This problem at {@code location}. */
  public Problem at(Location location) {
    return new Problem(code, location, message);
  }

  public ErrorCode.Severity severity() {
    return code.severity();
  }

  public ErrorCode.Category category() {
    return code.category();
  }

  /** The location and the message as reports print them: {@code where: message}. */
  public String text() {
    return where instanceof Location.Nowhere ? message : where + ": " + message;
  }

  /** {@link #text()} and the code's label: {@code where: message [label]}. */
  @Override
  public String toString() {
    return text() + " [" + code.label() + "]";
  }
}
