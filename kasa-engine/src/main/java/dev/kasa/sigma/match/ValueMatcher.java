package dev.kasa.sigma.match;

/**
 * A test of one field value that is not a plain literal. Implementations are immutable and
 * thread-safe, and run in time linear in the value's length (regular expressions run on RE2J).
 */
public interface ValueMatcher {
  /** True when {@code value} (never null) matches. */
  boolean test(String value);

  /** What it tests, for reports, e.g. {@code re:^foo.*bar$} or {@code cidr:10.0.0.0/8}. */
  String describe();

  /**
   * A prefilter: folded literals (see {@link CaseFold}) at least one of which occurs in the folded
   * form of every value this matcher accepts. Empty when no such set is known, in which case the
   * matcher must be tried on every value. A rule-set compiler runs the matcher only on values where
   * its automaton found one of these literals.
   */
  default java.util.List<String> requiredLiterals() {
    return java.util.List.of();
  }

  /**
   * The work of one test per char of the value: a regular expression's compiled instructions (RE2J
   * steps through them for each char). 0 for tests that cost no more than reading the value. A
   * rule-set evaluator does not run a test whose instructions × value length exceeds its budget.
   */
  default long instructions() {
    return 0;
  }
}
