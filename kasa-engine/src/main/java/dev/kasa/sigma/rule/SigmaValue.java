package dev.kasa.sigma.rule;

import java.util.List;
import java.util.Objects;

/** One value of a field test, typed as the YAML scalar was. */
public sealed interface SigmaValue
    permits SigmaValue.Text, SigmaValue.Number, SigmaValue.Bool, SigmaValue.Null {

  /**
   * A string value with its Sigma wildcards parsed: {@code *} and {@code ?} unescaped are {@link
   * Part.AnyRun}/{@link Part.AnyChar}; {@code \*}, {@code \?} and {@code \\} are literal; any other
   * backslash is a literal backslash (Sigma 2 escaping). {@code raw} is the string as written (used
   * by {@code re}, {@code cidr}, {@code fieldref}, {@code expand}, which take it verbatim).
   */
  record Text(String raw, List<Part> parts) implements SigmaValue {
    public Text {
      Objects.requireNonNull(raw, "raw");
      parts = List.copyOf(parts);
    }

    /** True when no part is a wildcard. */
    public boolean plain() {
      for (Part p : parts) {
        if (!(p instanceof Part.Literal)) {
          return false;
        }
      }
      return true;
    }
  }

  /** A YAML integer or float; {@code text} is how it was written (e.g. {@code 4688}). */
  record Number(String text, double value) implements SigmaValue {
    public Number {
      Objects.requireNonNull(text, "text");
    }
  }

  record Bool(boolean value) implements SigmaValue {}

  /** YAML {@code null} (or an empty value): the field is absent, null or empty. */
  record Null() implements SigmaValue {}

  /** A piece of a {@link Text} value. */
  sealed interface Part permits Part.Literal, Part.AnyRun, Part.AnyChar {
    record Literal(String text) implements Part {
      public Literal {
        Objects.requireNonNull(text, "text");
      }
    }

    /** Unescaped {@code *}: any run of characters, possibly empty. */
    record AnyRun() implements Part {}

    /** Unescaped {@code ?}: exactly one character. */
    record AnyChar() implements Part {}
  }
}
