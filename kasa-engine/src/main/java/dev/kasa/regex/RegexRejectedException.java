package dev.kasa.regex;

import java.util.Objects;

/**
 * A regular expression that {@link CheckedRegex#compile} refuses: {@link #problem()} says why, the
 * message names the construct or the size and the bound.
 */
public final class RegexRejectedException extends RuntimeException {
  private final RegexProblem problem;

  public RegexRejectedException(RegexProblem problem, String message) {
    super(message);
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  public RegexProblem problem() {
    return problem;
  }
}
