package dev.kasa.sigma.match;

import dev.kasa.regex.RegexNode;

/**
 * A regular expression that is only a repeated {@code .} ({@code .{1000,}}, {@code .{150}}, in a
 * group or not), searched as what it means: some run of {@code least} code points that holds no
 * line feed (any run, under {@code (?s)}). RE2J's machine carries one thread per count of the
 * repetition, so such an expression cost a thousand steps a char of a long command line; this reads
 * each char once. A longer repetition holds a run of {@code least} code points, so the upper bound
 * does not matter to a search. Immutable.
 *
 * @param least the fewest code points of a match (at least 1)
 * @param newline whether {@code .} matches a line feed too ({@code (?s)})
 */
record AnyRun(int least, boolean newline) {
  /** The run {@code root} searches for, or null when it is anything else. */
  static AnyRun of(RegexNode root) {
    RegexNode node = root;
    while (node instanceof RegexNode.Capture c) {
      node = c.body();
    }
    if (node instanceof RegexNode.Repeat r
        && r.min() >= 1
        && r.body() instanceof RegexNode.AnyChar any) {
      return new AnyRun(r.min(), any.newline());
    }
    return null;
  }

  /** Whether {@code value} holds such a run: where RE2J would find a match. */
  boolean foundIn(String value) {
    int n = value.length();
    if (newline) {
      return n >= least && (n >= 2 * least || value.codePointCount(0, n) >= least);
    }
    int from = 0;
    while (n - from >= least) {
      int nl = value.indexOf('\n', from);
      int to = nl < 0 ? n : nl;
      // A run of chars holds at least half as many code points (a surrogate pair is one).
      if (to - from >= 2 * least
          || (to - from >= least && value.codePointCount(from, to) >= least)) {
        return true;
      }
      if (nl < 0) {
        return false;
      }
      from = nl + 1;
    }
    return false;
  }
}
