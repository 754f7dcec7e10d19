package dev.kasa;

import java.util.Objects;

/**
 * The one exception type Kasa throws on purpose. It carries the {@link Problem}; its message is the
 * problem's {@link Problem#text()} (the location, when there is one, and the sentence naming the
 * bad value).
 */
public class KasaException extends RuntimeException {
  private final Problem problem;

  public KasaException(Problem problem) {
    super(Objects.requireNonNull(problem, "problem").text());
    this.problem = problem;
  }

  public KasaException(Problem problem, Throwable cause) {
    super(Objects.requireNonNull(problem, "problem").text(), cause);
    this.problem = problem;
  }

  /** A problem without a location; {@code message} names the bad value and where it is. */
  public KasaException(ErrorCode code, String message) {
    this(Problem.of(code, message));
  }

  public KasaException(ErrorCode code, String message, Throwable cause) {
    this(Problem.of(code, message), cause);
  }

  public Problem problem() {
    return problem;
  }

  public ErrorCode code() {
    return problem.code();
  }
}
