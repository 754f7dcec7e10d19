package dev.kasa.regex;

/**
 * A counted repetition {@code {n}}, {@code {n,}} or {@code {n,m}} as RE2 reads it: decimal
 * numbers without leading zeros, at most {@link RegexNode.Repeat#MAX_COUNT}. Text of another shape
 * ({@code {}, {@code {,2}}, {@code {01}}) is no repetition: the {@code {} is a literal. Stateless.
 */
final class RepeatCount {
  private RepeatCount() {}

  /**
   * The count at the cursor (on its {@code {}) as {min, max} with max -1 when unbounded, the cursor
   * after its {@code }}; or null when the text is no count (the cursor is then anywhere).
   */
  static int[] parse(Cursor in) {
    int start = in.pos();
    in.skip(1);
    int min = number(in);
    if (min == NOT_A_NUMBER || !in.more()) {
      return null;
    }
    int max = min;
    if (in.at(',')) {
      in.skip(1);
      if (!in.more()) {
        return null;
      }
      if (in.at('}')) {
        max = RegexNode.Repeat.UNBOUNDED;
      } else {
        max = number(in);
        if (max == NOT_A_NUMBER) {
          return null;
        }
      }
    }
    if (!in.at('}')) {
      return null;
    }
    in.skip(1);
    int limit = RegexNode.Repeat.MAX_COUNT;
    if (min < 0 || min > limit || max == TOO_BIG || max > limit || max >= 0 && min > max) {
      throw Refusal.invalid("invalid repeat count " + in.from(start), start);
    }
    return new int[] {min, max};
  }

  private static final int NOT_A_NUMBER = -1;
  private static final int TOO_BIG = -2;

  private static int number(Cursor in) {
    int start = in.pos();
    while (in.more() && in.peek() >= '0' && in.peek() <= '9') {
      in.skip(1);
    }
    String digits = in.from(start);
    if (digits.isEmpty() || digits.length() > 1 && digits.charAt(0) == '0') {
      return NOT_A_NUMBER;
    }
    return digits.length() > 8 ? TOO_BIG : Integer.parseInt(digits);
  }
}
