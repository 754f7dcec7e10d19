package dev.kasa.sigma.match;

/** How a literal must sit in a field value. */
public enum LiteralKind {
  /** The whole value. */
  EQUALS,
  /** Anywhere in the value. */
  CONTAINS,
  /** At the start of the value. */
  STARTS_WITH,
  /** At the end of the value. */
  ENDS_WITH
}
