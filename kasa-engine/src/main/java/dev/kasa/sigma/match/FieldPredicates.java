package dev.kasa.sigma.match;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.regex.RegexFlags;
import dev.kasa.sigma.rule.FieldTest;
import dev.kasa.sigma.rule.Modifier;
import dev.kasa.sigma.rule.SigmaValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Compiles one {@link FieldTest} (its modifiers and values) into a {@link FieldPredicate}, and
 * evaluates predicates one by one (the reference the indexed engine must agree with). Stateless and
 * thread-safe.
 */
public final class FieldPredicates {
  private FieldPredicates() {}

  /** What a test compares its values as; decides which modifiers may go together. */
  private enum Type {
    STRING,
    EXISTS,
    FIELDREF,
    REGEX,
    CIDR,
    NUMERIC
  }

  private static final Set<Modifier> GENERIC = EnumSet.of(Modifier.ALL, Modifier.NEQ);
  private static final Set<Modifier> POSITION =
      EnumSet.of(Modifier.CONTAINS, Modifier.STARTSWITH, Modifier.ENDSWITH);
  private static final Set<Modifier> TIME_PARTS =
      EnumSet.of(
          Modifier.MINUTE,
          Modifier.HOUR,
          Modifier.DAY,
          Modifier.WEEK,
          Modifier.MONTH,
          Modifier.YEAR);
  private static final Set<Modifier> COMPARISONS =
      EnumSet.of(Modifier.LT, Modifier.LTE, Modifier.GT, Modifier.GTE);

  /**
   * Compiles {@code test}; a keyword test ({@code field() == null}) compiles the same way.
   *
   * @param placeholders values for {@code expand}; never null (use {@link Placeholders#NONE})
   * @throws KasaException for anything that cannot be compiled, with its code (e.g. {@code
   *     BAD_REGEX}) and no location (the caller knows the rule and the position)
   */
  public static FieldPredicate compile(FieldTest test, Placeholders placeholders) {
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(placeholders, "placeholders");
    Type type = typeOf(test.modifiers());
    FieldPredicate body =
        switch (type) {
          case EXISTS -> exists(test);
          case FIELDREF -> fieldRef(test);
          case STRING, REGEX, CIDR, NUMERIC -> values(test, type, placeholders);
        };
    return test.has(Modifier.NEQ) ? new FieldPredicate.Not(body) : body;
  }

  private static Type typeOf(List<Modifier> modifiers) {
    Type type = Type.STRING;
    Modifier decider = null;
    Modifier comparison = null;
    Modifier timePart = null;
    Modifier position = null;
    for (Modifier m : modifiers) {
      Type t = typeDecidedBy(m);
      if (t != null && decider == null) {
        decider = m;
        type = t;
      } else if (t != null && t != type) {
        throw combination(decider, m);
      }
      comparison = single(COMPARISONS, comparison, m);
      timePart = single(TIME_PARTS, timePart, m);
      position = single(POSITION, position, m);
    }
    for (Modifier m : modifiers) {
      if (!allowed(type, m)) {
        throw decider == null
            ? new KasaException(
                ErrorCode.BAD_MODIFIER_COMBINATION, "modifier " + m.written() + " requires re")
            : combination(decider, m);
      }
    }
    if (modifiers.contains(Modifier.BASE64) && modifiers.contains(Modifier.BASE64OFFSET)) {
      throw combination(Modifier.BASE64, Modifier.BASE64OFFSET);
    }
    for (Modifier m : List.of(Modifier.STARTSWITH, Modifier.ENDSWITH)) {
      if (modifiers.contains(Modifier.BASE64OFFSET) && modifiers.contains(m)) {
        throw combination(Modifier.BASE64OFFSET, m);
      }
    }
    return type;
  }

  /** {@code m} when it is the first of {@code group} seen; throws on a second, different one. */
  private static Modifier single(Set<Modifier> group, Modifier seen, Modifier m) {
    if (!group.contains(m)) {
      return seen;
    }
    if (seen != null && seen != m) {
      throw combination(seen, m);
    }
    return m;
  }

  private static Type typeDecidedBy(Modifier m) {
    return switch (m) {
      case EXISTS -> Type.EXISTS;
      case FIELDREF -> Type.FIELDREF;
      case RE -> Type.REGEX;
      case CIDR -> Type.CIDR;
      case LT, LTE, GT, GTE, MINUTE, HOUR, DAY, WEEK, MONTH, YEAR -> Type.NUMERIC;
      default -> null;
    };
  }

  private static boolean allowed(Type type, Modifier m) {
    return switch (type) {
      case EXISTS -> m == Modifier.EXISTS;
      case FIELDREF ->
          m == Modifier.FIELDREF
              || m == Modifier.CASED
              || POSITION.contains(m)
              || GENERIC.contains(m);
      case REGEX ->
          m == Modifier.RE
              || m == Modifier.RE_I
              || m == Modifier.RE_M
              || m == Modifier.RE_S
              || GENERIC.contains(m);
      case CIDR -> m == Modifier.CIDR || GENERIC.contains(m);
      case NUMERIC -> COMPARISONS.contains(m) || TIME_PARTS.contains(m) || GENERIC.contains(m);
      case STRING ->
          m != Modifier.RE_I
              && m != Modifier.RE_M
              && m != Modifier.RE_S
              && typeDecidedBy(m) == null;
    };
  }

  private static KasaException combination(Modifier a, Modifier b) {
    return new KasaException(
        ErrorCode.BAD_MODIFIER_COMBINATION,
        "modifier " + b.written() + " cannot be combined with " + a.written());
  }

  private static FieldPredicate exists(FieldTest test) {
    if (test.values().size() == 1 && test.values().get(0) instanceof SigmaValue.Bool b) {
      return new FieldPredicate.Exists(b.value());
    }
    throw new KasaException(
        ErrorCode.BAD_VALUE, "exists needs a single true or false, not " + shown(test.values()));
  }

  /** One {@link FieldPredicate.FieldRef} per value; several are OR-ed as not(all of not …). */
  private static FieldPredicate fieldRef(FieldTest test) {
    LiteralKind kind =
        test.has(Modifier.CONTAINS)
            ? LiteralKind.CONTAINS
            : test.has(Modifier.STARTSWITH)
                ? LiteralKind.STARTS_WITH
                : test.has(Modifier.ENDSWITH) ? LiteralKind.ENDS_WITH : LiteralKind.EQUALS;
    List<FieldPredicate> refs = new ArrayList<>();
    for (SigmaValue v : test.values()) {
      if (!(v instanceof SigmaValue.Text t) || t.raw().isEmpty()) {
        throw new KasaException(
            ErrorCode.BAD_VALUE, "fieldref needs a field name, not " + TextNeedles.show(v));
      }
      refs.add(new FieldPredicate.FieldRef(t.raw(), kind, test.has(Modifier.CASED)));
    }
    if (refs.size() == 1) {
      return refs.get(0);
    }
    if (test.has(Modifier.ALL)) {
      return new FieldPredicate.AllOf(refs);
    }
    return new FieldPredicate.Not(
        new FieldPredicate.AllOf(
            refs.stream().map(r -> (FieldPredicate) new FieldPredicate.Not(r)).toList()));
  }

  private static FieldPredicate values(FieldTest test, Type type, Placeholders placeholders) {
    List<List<Needle>> perValue = new ArrayList<>();
    for (SigmaValue v : test.values()) {
      perValue.add(needles(v, test, type, placeholders));
    }
    if (test.has(Modifier.ALL)) {
      List<FieldPredicate> parts = new ArrayList<>();
      for (List<Needle> n : perValue) {
        parts.add(new FieldPredicate.AnyOf(n));
      }
      return parts.size() == 1 ? parts.get(0) : new FieldPredicate.AllOf(parts);
    }
    Set<Needle> all = new LinkedHashSet<>();
    perValue.forEach(all::addAll);
    return new FieldPredicate.AnyOf(List.copyOf(all));
  }

  private static List<Needle> needles(
      SigmaValue v, FieldTest test, Type type, Placeholders placeholders) {
    return switch (type) {
      case STRING -> TextNeedles.of(v, test, placeholders);
      case REGEX -> {
        RegexFlags flags =
            new RegexFlags(
                test.has(Modifier.RE_I), test.has(Modifier.RE_S), test.has(Modifier.RE_M));
        yield List.of(new Needle.Pattern(RegexMatcher.compile(rawText(v, "re"), flags)));
      }
      case CIDR -> List.of(new Needle.Pattern(CidrMatcher.parse(rawText(v, "cidr"))));
      case NUMERIC -> List.of(new Needle.Pattern(numeric(v, test)));
      case EXISTS, FIELDREF -> throw new IllegalStateException("not a value type: " + type);
    };
  }

  private static String rawText(SigmaValue v, String modifier) {
    return switch (v) {
      case SigmaValue.Text t -> t.raw();
      case SigmaValue.Number n -> n.text();
      case SigmaValue.Bool b ->
          throw new KasaException(ErrorCode.BAD_VALUE, modifier + " needs text, not " + b.value());
      case SigmaValue.Null n ->
          throw new KasaException(ErrorCode.BAD_VALUE, modifier + " needs text, not null");
    };
  }

  private static ValueMatcher numeric(SigmaValue v, FieldTest test) {
    BigDecimal bound =
        switch (v) {
          case SigmaValue.Number n -> NumberMatcher.parse(n.text());
          case SigmaValue.Text t -> NumberMatcher.parse(t.raw());
          case SigmaValue.Bool b -> null;
          case SigmaValue.Null n -> null;
        };
    if (bound == null && v instanceof SigmaValue.Number n && Double.isFinite(n.value())) {
      bound = BigDecimal.valueOf(n.value());
    }
    if (bound == null) {
      throw new KasaException(
          ErrorCode.BAD_NUMBER, "value " + TextNeedles.show(v) + " is not a number");
    }
    Comparison cmp = Comparison.EQ;
    Modifier part = null;
    for (Modifier m : test.modifiers()) {
      if (Comparison.of(m) != null) {
        cmp = Comparison.of(m);
      } else if (TIME_PARTS.contains(m)) {
        part = m;
      }
    }
    if (part == null) {
      return new NumberMatcher(cmp, bound);
    }
    long whole;
    try {
      whole = bound.longValueExact();
    } catch (ArithmeticException e) {
      throw new KasaException(
          ErrorCode.BAD_NUMBER,
          part.written() + " needs a whole number, not " + TextNeedles.show(v));
    }
    return new TimePartMatcher(part, cmp, whole);
  }

  private static String shown(List<SigmaValue> values) {
    return values.stream().map(TextNeedles::show).toList().toString();
  }

  /**
   * Evaluates {@code p} one value at a time: the reference semantics.
   *
   * @param fieldValues the field's values: empty when the field is absent, a null element for JSON
   *     null, several for a JSON array (any element may satisfy a needle)
   * @param otherField the values of another field of the same event, by name (for {@code
   *     fieldref}), with the same conventions
   */
  public static boolean test(
      FieldPredicate p, List<String> fieldValues, Function<String, List<String>> otherField) {
    return switch (p) {
      case FieldPredicate.AnyOf any -> anyNeedle(any.needles(), fieldValues);
      case FieldPredicate.AllOf all ->
          all.parts().stream().allMatch(q -> test(q, fieldValues, otherField));
      case FieldPredicate.Exists e -> e.present() != fieldValues.isEmpty();
      case FieldPredicate.Not n -> !test(n.operand(), fieldValues, otherField);
      case FieldPredicate.FieldRef r -> {
        for (String other : otherField.apply(r.other())) {
          for (String v : fieldValues) {
            if (v != null
                && other != null
                && relation(
                    r.kind(),
                    r.cased() ? v : CaseFold.fold(v),
                    r.cased() ? other : CaseFold.fold(other))) {
              yield true;
            }
          }
        }
        yield false;
      }
    };
  }

  private static boolean anyNeedle(List<Needle> needles, List<String> values) {
    for (Needle n : needles) {
      if (n instanceof Needle.Null && values.isEmpty()) {
        return true;
      }
      for (String v : values) {
        if (v == null ? n instanceof Needle.Null : matches(n, v)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether the non-null {@code value} satisfies {@code needle}. */
  public static boolean matches(Needle needle, String value) {
    return switch (needle) {
      case Needle.Literal l ->
          relation(l.kind(), l.cased() ? value : CaseFold.fold(value), l.text());
      case Needle.Pattern pat -> pat.matcher().test(value);
      case Needle.Null n -> value.isEmpty();
    };
  }

  private static boolean relation(LiteralKind kind, String value, String text) {
    return switch (kind) {
      case EQUALS -> value.equals(text);
      case CONTAINS -> value.contains(text);
      case STARTS_WITH -> value.startsWith(text);
      case ENDS_WITH -> value.endsWith(text);
    };
  }
}
