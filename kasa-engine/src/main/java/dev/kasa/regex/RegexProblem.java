package dev.kasa.regex;

/** Why a regular expression is refused. */
public enum RegexProblem {
  /** Not valid RE2 syntax (RE2J rejects it too). */
  INVALID,
  /**
   * A construct of other engines that RE2 cannot run in linear time (backreference, lookaround,
   * atomic group, possessive quantifier, ...): RE2J rejects it too, Kasa names it.
   */
  UNSUPPORTED,
  /** Valid, but above a documented bound (compiled size, nesting depth). */
  TOO_LARGE,
  /**
   * Something Kasa's parser does not model (a disagreement with RE2J): refused rather than analysed
   * wrongly.
   */
  UNMODELLED
}
