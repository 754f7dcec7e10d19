package dev.kasa.regex;

import java.util.List;
import java.util.Objects;

/**
 * A regular expression in RE2 syntax as {@link RegexParser} reads it. The tree keeps what matters
 * to Kasa's analyses (which chars a node can match, under which flags, and how often) and drops
 * pure syntax: a non-capturing group is its body, flag groups set the flags of the nodes after
 * them, {@code \Q...\E} is its literals. Immutable.
 */
public sealed interface RegexNode {
  /** The largest Unicode code point. */
  int MAX_CODE_POINT = 0x10FFFF;

  /**
   * One code point; {@code foldCase} when {@code (?i)} is in effect (RE2's simple case folding).
   */
  record Literal(int codePoint, boolean foldCase) implements RegexNode {
    public Literal {
      if (codePoint < 0 || codePoint > MAX_CODE_POINT) {
        throw new IllegalArgumentException("codePoint " + codePoint + " is not a code point");
      }
    }
  }

  /**
   * One code point out of a set: a bracketed class ({@code [a-z[:digit:]]}), a Perl class ({@code
   * \d}) or a Unicode class ({@code \pL}) on its own.
   */
  record CharClass(List<ClassItem> items, boolean negated, boolean foldCase) implements RegexNode {
    public CharClass {
      items = List.copyOf(items);
    }
  }

  /** {@code .}: any code point, the newline too when {@code newline} ({@code (?s)}). */
  record AnyChar(boolean newline) implements RegexNode {}

  /** A zero-width assertion. */
  record Assertion(Anchor anchor) implements RegexNode {
    public Assertion {
      Objects.requireNonNull(anchor, "anchor");
    }
  }

  /** What an {@link Assertion} asserts. */
  enum Anchor {
    /** {@code ^} under {@code (?m)}. */
    BEGIN_LINE,
    /** {@code $} under {@code (?m)}. */
    END_LINE,
    /** {@code \A}, or {@code ^} without {@code (?m)}. */
    BEGIN_TEXT,
    /** {@code \z}, or {@code $} without {@code (?m)}. */
    END_TEXT,
    /** {@code \b}. */
    WORD_BOUNDARY,
    /** {@code \B}. */
    NOT_WORD_BOUNDARY
  }

  /**
   * A capturing group, numbered from 1 in the order of its opening parenthesis.
   *
   * @param name the group's name ({@code (?P<name>...)}, {@code (?<name>...)}), or empty
   */
  record Capture(int index, String name, RegexNode body) implements RegexNode {
    public Capture {
      if (index < 1) {
        throw new IllegalArgumentException("index " + index + " is not a group number");
      }
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(body, "body");
    }
  }

  /**
   * {@code body} repeated {@code min} to {@code max} times: {@code *} is (0, {@link #UNBOUNDED}),
   * {@code +} is (1, {@link #UNBOUNDED}), {@code ?} is (0, 1).
   *
   * @param greedy false for a lazy repetition ({@code *?}, or a greedy one under {@code (?U)})
   */
  record Repeat(RegexNode body, int min, int max, boolean greedy) implements RegexNode {
    /** {@link #max()} of a repetition without upper bound. */
    public static final int UNBOUNDED = -1;

    /** RE2's largest repeat count. */
    public static final int MAX_COUNT = 1000;

    public Repeat {
      Objects.requireNonNull(body, "body");
      if (min < 0 || min > MAX_COUNT) {
        throw new IllegalArgumentException("min " + min + " is not in 0.." + MAX_COUNT);
      }
      if (max != UNBOUNDED && (max < min || max > MAX_COUNT)) {
        throw new IllegalArgumentException("max " + max + " is not in " + min + ".." + MAX_COUNT);
      }
    }
  }

  /** The parts, one after the other. */
  record Concat(List<RegexNode> parts) implements RegexNode {
    public Concat {
      parts = List.copyOf(parts);
      if (parts.size() < 2) {
        throw new IllegalArgumentException("a concatenation of " + parts.size() + " parts");
      }
    }
  }

  /** One of the branches. */
  record Alternation(List<RegexNode> branches) implements RegexNode {
    public Alternation {
      branches = List.copyOf(branches);
      if (branches.size() < 2) {
        throw new IllegalArgumentException("an alternation of " + branches.size() + " branches");
      }
    }
  }

  /** The empty string: an empty group, branch or expression. */
  record Empty() implements RegexNode {}
}
