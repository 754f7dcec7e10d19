package dev.kasa.sigma.match;

import java.util.List;
import java.util.Objects;

/**
 * What one {@code FieldTest} requires of its field, after every modifier has been applied: the
 * compiled, engine-neutral form that the rule-set compiler indexes. Values of a multi-valued field
 * (a JSON array) satisfy a predicate when any element does, except where noted.
 */
public sealed interface FieldPredicate
    permits FieldPredicate.AnyOf,
        FieldPredicate.AllOf,
        FieldPredicate.Exists,
        FieldPredicate.FieldRef,
        FieldPredicate.Not {

  /**
   * The field has a value matched by any needle (the usual OR over a value list; one written value
   * may expand to several needles, e.g. {@code windash} or {@code base64offset}).
   */
  record AnyOf(List<Needle> needles) implements FieldPredicate {
    public AnyOf {
      needles = List.copyOf(needles);
      if (needles.isEmpty()) {
        throw new IllegalArgumentException("AnyOf needs at least one needle");
      }
    }
  }

  /** The {@code all} modifier: every one of {@code parts} holds (each usually an {@link AnyOf}). */
  record AllOf(List<FieldPredicate> parts) implements FieldPredicate {
    public AllOf {
      parts = List.copyOf(parts);
      if (parts.isEmpty()) {
        throw new IllegalArgumentException("AllOf needs at least one part");
      }
    }
  }

  /** {@code exists: true/false}: the field is present (whatever its value) or absent. */
  record Exists(boolean present) implements FieldPredicate {}

  /**
   * {@code fieldref}: the field's value stands in relation {@code kind} to the value of field
   * {@code other} of the same event (both present), case-insensitively unless {@code cased}.
   */
  record FieldRef(String other, LiteralKind kind, boolean cased) implements FieldPredicate {
    public FieldRef {
      Objects.requireNonNull(other, "other");
      Objects.requireNonNull(kind, "kind");
    }
  }

  /** {@code neq}: the operand does not hold (an absent field is different from every value). */
  record Not(FieldPredicate operand) implements FieldPredicate {
    public Not {
      Objects.requireNonNull(operand, "operand");
    }
  }
}
