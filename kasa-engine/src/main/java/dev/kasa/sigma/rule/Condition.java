package dev.kasa.sigma.rule;

import java.util.List;
import java.util.Objects;

/**
 * A parsed {@code condition}. Precedence, loosest first: {@code or}, {@code and}, {@code not}, then
 * brackets, quantifiers and identifiers. Quantifier patterns are kept as written and resolved
 * against the detection's search names by the parser (which rejects patterns matching nothing).
 */
public sealed interface Condition
    permits Condition.And,
        Condition.Or,
        Condition.Not,
        Condition.Ref,
        Condition.OneOf,
        Condition.AllOf {

  record And(List<Condition> operands) implements Condition {
    public And {
      operands = List.copyOf(operands);
    }
  }

  record Or(List<Condition> operands) implements Condition {
    public Or {
      operands = List.copyOf(operands);
    }
  }

  record Not(Condition operand) implements Condition {
    public Not {
      Objects.requireNonNull(operand, "operand");
    }
  }

  /** A search identifier. */
  record Ref(String name) implements Condition {
    public Ref {
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * {@code 1 of pattern} / {@code 1 of them}: any of {@code names} (the searches the pattern
   * matched, resolved by the parser; {@code them} is every search not starting with {@code _}).
   */
  record OneOf(String pattern, List<String> names) implements Condition {
    public OneOf {
      Objects.requireNonNull(pattern, "pattern");
      names = List.copyOf(names);
    }
  }

  /** {@code all of pattern} / {@code all of them}: every one of {@code names}. */
  record AllOf(String pattern, List<String> names) implements Condition {
    public AllOf {
      Objects.requireNonNull(pattern, "pattern");
      names = List.copyOf(names);
    }
  }
}
