package dev.kasa.sigma.match;

import java.util.Objects;

/**
 * One alternative a field value is tested against. {@link Literal}s are what multi-pattern
 * structures (a hash of exact values, a {@link LiteralAutomaton}) index across a whole rule set;
 * everything else is a {@link Pattern} tested one by one, or {@link Null}.
 */
public sealed interface Needle permits Needle.Literal, Needle.Pattern, Needle.Null {

  /**
   * A literal in relation {@code kind} to the value. Unless {@code cased}, comparison is on {@link
   * CaseFold#fold} of both sides, and {@code text} is already folded.
   */
  record Literal(LiteralKind kind, String text, boolean cased) implements Needle {
    public Literal {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(text, "text");
      if (!cased && !CaseFold.fold(text).equals(text)) {
        throw new IllegalArgumentException("uncased literal is not folded: " + text);
      }
    }
  }

  /** Any other test: glob with inner wildcards, regular expression, CIDR, number or time part. */
  record Pattern(ValueMatcher matcher) implements Needle {
    public Pattern {
      Objects.requireNonNull(matcher, "matcher");
    }
  }

  /** YAML {@code null}: the field is absent, JSON null, or empty. */
  record Null() implements Needle {}
}
