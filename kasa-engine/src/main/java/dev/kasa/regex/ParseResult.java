package dev.kasa.regex;

import java.util.Objects;

/** What {@link RegexParser#parse} made of an expression: a tree, or why there is none. */
public sealed interface ParseResult {

  /** The expression's tree. */
  record Parsed(RegexNode root) implements ParseResult {
    public Parsed {
      Objects.requireNonNull(root, "root");
    }
  }

  /**
   * The expression is refused.
   *
   * @param message what is wrong, naming the construct (e.g. {@code the lookahead (?=})
   * @param offset the char offset in the expression where the problem starts
   */
  record Refused(RegexProblem problem, String message, int offset) implements ParseResult {
    public Refused {
      Objects.requireNonNull(problem, "problem");
      Objects.requireNonNull(message, "message");
      if (offset < 0) {
        throw new IllegalArgumentException("offset " + offset + " is negative");
      }
    }

    /** The message with its offset, e.g. {@code the lookahead (?= at offset 3}. */
    public String describe() {
      return message + " at offset " + offset;
    }
  }
}
