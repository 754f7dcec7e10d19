package dev.kasa.sigma.program;

import dev.kasa.sigma.match.CaseFold;
import dev.kasa.sigma.match.FieldPredicate;
import dev.kasa.sigma.match.LiteralKind;
import dev.kasa.sigma.match.Needle;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The values a field must hold for a rule to match at all, read from its condition: a rule whose
 * every way to match needs {@code EventID: 4624} can only match events with that id, so it joins
 * only the buckets of that event class. This is what keeps a Security event from being tested
 * against every Security rule. Conservative: anything under {@code not}, any non-literal test or
 * any branch without the constraint gives "no constraint" (null).
 */
final class RequiredValues {
  private RequiredValues() {}

  /**
   * Folded values {@code eventField} must equal for {@code rule} to match, or null when the rule
   * does not constrain it.
   *
   * @param eventFieldOf maps each test's Sigma field to the event field it reads
   */
  static Set<String> of(
      CompiledRule rule, String eventField, Function<String, String> eventFieldOf) {
    return required(rule.condition(), rule, eventField, eventFieldOf);
  }

  private static Set<String> required(
      Expr e, CompiledRule rule, String field, Function<String, String> eventFieldOf) {
    return switch (e) {
      case Expr.And a -> {
        Set<String> out = null;
        for (Expr o : a.operands()) {
          Set<String> r = required(o, rule, field, eventFieldOf);
          if (r != null) {
            if (out == null) {
              out = new HashSet<>(r);
            } else {
              out.retainAll(r);
            }
          }
        }
        yield out;
      }
      case Expr.Or o -> {
        Set<String> out = new HashSet<>();
        for (Expr x : o.operands()) {
          Set<String> r = required(x, rule, field, eventFieldOf);
          if (r == null) {
            yield null;
          }
          out.addAll(r);
        }
        yield out;
      }
      case Expr.Not n -> null;
      case Expr.Const c -> c.value() ? null : Set.of();
      case Expr.Leaf l -> {
        CompiledRule.Test t = rule.tests().get(l.atom());
        if (t.field() == null || !field.equals(eventFieldOf.apply(t.field()))) {
          yield null;
        }
        yield literals(t.predicate());
      }
    };
  }

  private static Set<String> literals(FieldPredicate p) {
    return switch (p) {
      case FieldPredicate.AnyOf any -> {
        Set<String> out = new HashSet<>();
        for (Needle n : any.needles()) {
          if (!(n instanceof Needle.Literal lit) || lit.kind() != LiteralKind.EQUALS) {
            yield null;
          }
          out.add(CaseFold.fold(lit.text()));
        }
        yield out;
      }
      case FieldPredicate.AllOf all -> {
        Set<String> out = null;
        for (FieldPredicate part : all.parts()) {
          Set<String> r = literals(part);
          if (r != null) {
            if (out == null) {
              out = new HashSet<>(r);
            } else {
              out.retainAll(r);
            }
          }
        }
        yield out;
      }
      case FieldPredicate.Exists x -> null;
      case FieldPredicate.FieldRef r -> null;
      case FieldPredicate.Not n -> null;
    };
  }

  static List<String> sorted(Set<String> values) {
    return values.stream().sorted().toList();
  }
}
