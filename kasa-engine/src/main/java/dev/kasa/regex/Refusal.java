package dev.kasa.regex;

/**
 * Thrown inside the parser when it refuses the expression; {@link RegexParser#parse} turns it into
 * a {@link ParseResult.Refused}, so it never leaves the package.
 */
final class Refusal extends RuntimeException {
  final RegexProblem problem;
  final int offset;

  private Refusal(RegexProblem problem, String message, int offset) {
    super(message, null, false, false);
    this.problem = problem;
    this.offset = offset;
  }

  static Refusal invalid(String message, int offset) {
    return new Refusal(RegexProblem.INVALID, message, offset);
  }

  static Refusal unsupported(String construct, int offset) {
    return new Refusal(RegexProblem.UNSUPPORTED, construct, offset);
  }

  static Refusal tooLarge(String message, int offset) {
    return new Refusal(RegexProblem.TOO_LARGE, message, offset);
  }
}
