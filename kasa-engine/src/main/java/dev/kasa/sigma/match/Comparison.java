package dev.kasa.sigma.match;

import dev.kasa.sigma.rule.Modifier;

/** How a number from the field stands to the rule's value. */
enum Comparison {
  EQ("="),
  LT("<"),
  LTE("<="),
  GT(">"),
  GTE(">=");

  private final String symbol;

  Comparison(String symbol) {
    this.symbol = symbol;
  }

  String symbol() {
    return symbol;
  }

  /** The comparison modifier {@code m} stands for, or null. */
  static Comparison of(Modifier m) {
    return switch (m) {
      case LT -> LT;
      case LTE -> LTE;
      case GT -> GT;
      case GTE -> GTE;
      default -> null;
    };
  }

  /** Whether {@code cmp} (a {@code compare(field, rule)} result) satisfies this comparison. */
  boolean holds(int cmp) {
    return switch (this) {
      case EQ -> cmp == 0;
      case LT -> cmp < 0;
      case LTE -> cmp <= 0;
      case GT -> cmp > 0;
      case GTE -> cmp >= 0;
    };
  }
}
