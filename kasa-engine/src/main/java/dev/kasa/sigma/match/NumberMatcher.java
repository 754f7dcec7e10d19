package dev.kasa.sigma.match;

import java.math.BigDecimal;

/**
 * {@code lt}/{@code lte}/{@code gt}/{@code gte}: the field value read as a decimal number (sign,
 * digits, optional fraction, blanks around allowed) compared exactly with the rule's number; a
 * value that is not such a number does not match. Immutable.
 */
final class NumberMatcher implements ValueMatcher {
  private final Comparison comparison;
  private final BigDecimal bound;

  NumberMatcher(Comparison comparison, BigDecimal bound) {
    this.comparison = comparison;
    this.bound = bound;
  }

  @Override
  public boolean test(String value) {
    BigDecimal v = parse(value);
    return v != null && comparison.holds(v.compareTo(bound));
  }

  /**
   * {@code s} as a decimal number, or null: {@code [+-]?digits[.digits]} or {@code [+-]?.digits}.
   */
  static BigDecimal parse(String s) {
    String t = s.strip();
    int n = t.length();
    int i = 0;
    if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    boolean dot = false;
    for (; i < n; i++) {
      char c = t.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c == '.' && !dot) {
        dot = true;
      } else {
        return null;
      }
    }
    if (digits == 0 || digits > 400) {
      return null;
    }
    return new BigDecimal(t.endsWith(".") ? t + "0" : t);
  }

  @Override
  public String describe() {
    return comparison.symbol() + bound.toPlainString();
  }

  @Override
  public String toString() {
    return describe();
  }
}
