package dev.kasa.regex;

import java.util.Objects;
import java.util.Set;

/** One member of a {@link RegexNode.CharClass}. Immutable. */
public sealed interface ClassItem {

  /** The code points {@code lo} to {@code hi}, both included ({@code a-z}, or one char). */
  record Range(int lo, int hi) implements ClassItem {
    public Range {
      if (lo < 0 || hi > RegexNode.MAX_CODE_POINT || lo > hi) {
        throw new IllegalArgumentException("range " + lo + "-" + hi + " is not a code point range");
      }
    }
  }

  /** A POSIX class such as {@code [:alpha:]}; {@code negated} for {@code [:^alpha:]}. */
  record Posix(String name, boolean negated) implements ClassItem {
    /** The names RE2 knows. */
    public static final Set<String> NAMES =
        Set.of(
            "alnum", "alpha", "ascii", "blank", "cntrl", "digit", "graph", "lower", "print",
            "punct", "space", "upper", "word", "xdigit");

    public Posix {
      if (!NAMES.contains(name)) {
        throw new IllegalArgumentException("'" + name + "' is not a POSIX class name");
      }
    }
  }

  /** A Perl class: {@code d}, {@code s} or {@code w}; {@code negated} for {@code \D \S \W}. */
  record Perl(char letter, boolean negated) implements ClassItem {
    public Perl {
      if ("dsw".indexOf(letter) < 0) {
        throw new IllegalArgumentException("'" + letter + "' is not a Perl class letter");
      }
    }
  }

  /**
   * A Unicode category or script ({@code \pL}, {@code \p{Greek}}, {@code \p{Any}}); {@code negated}
   * for {@code \PL} or {@code \p{^L}}.
   */
  record Unicode(String name, boolean negated) implements ClassItem {
    public Unicode {
      Objects.requireNonNull(name, "name");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("empty Unicode class name");
      }
    }
  }
}
