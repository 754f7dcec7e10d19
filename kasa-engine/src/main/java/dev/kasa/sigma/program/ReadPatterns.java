package dev.kasa.sigma.program;

import dev.kasa.sigma.match.FieldPredicate;
import dev.kasa.sigma.match.FieldPredicates;
import dev.kasa.sigma.match.Needle;
import dev.kasa.sigma.match.Placeholders;
import dev.kasa.sigma.match.ValueMatcher;
import dev.kasa.sigma.rule.FieldTest;
import java.util.ArrayList;
import java.util.List;

/**
 * The patterns (regular expressions, globs with inner wildcards, CIDR, numbers, time parts) of one
 * field test of a program read back by {@link ProgramCodec}, compiled from the test when one of
 * them is first used, not when the program is read. A scan compiles each test it reaches once, as a
 * fresh compile would have (the test compiled then: the entry's key covers its text and the
 * placeholders); a run that matches no event, such as {@code kasa rules check}, compiles none.
 * Shared by every worker: the compiled list is published through a benign race (a worker that finds
 * none compiles its own, all alike; the matchers' fields are final, so a list seen through the race
 * is whole).
 */
final class ReadPatterns {
  private final FieldTest test;
  private final Placeholders placeholders;
  private final int count;

  /** The test's matchers once compiled; written once per thread at most, all equal. */
  private List<ValueMatcher> compiled;

  ReadPatterns(FieldTest test, Placeholders placeholders, int count) {
    this.test = test;
    this.placeholders = placeholders;
    this.count = count;
  }

  /** The matchers of the test's pattern needles, in the order a compile makes them. */
  static void of(FieldPredicate p, List<ValueMatcher> into) {
    switch (p) {
      case FieldPredicate.AnyOf any -> {
        for (Needle needle : any.needles()) {
          if (needle instanceof Needle.Pattern pattern) {
            into.add(pattern.matcher());
          }
        }
      }
      case FieldPredicate.AllOf all -> all.parts().forEach(x -> of(x, into));
      case FieldPredicate.Not not -> of(not.operand(), into);
      case FieldPredicate.Exists e -> {}
      case FieldPredicate.FieldRef r -> {}
    }
  }

  /** Pattern {@code k} of the test (below the count it was read with). */
  ValueMatcher pattern(int k) {
    return new Lazy(this, k);
  }

  private ValueMatcher compiled(int k) {
    List<ValueMatcher> all = compiled;
    if (all == null) {
      List<ValueMatcher> made = new ArrayList<>(count);
      of(FieldPredicates.compile(test, placeholders), made);
      if (made.size() != count) {
        throw new IllegalStateException(
            "the test compiled into " + made.size() + " patterns, not " + count);
      }
      all = List.copyOf(made);
      compiled = all;
    }
    return all.get(k);
  }

  /**
   * One pattern of the test, compiled with the others on first use. A test that no longer compiles
   * (which its entry's key rules out) fails in {@link #test}, where a bucket disables the rules
   * using it, never in what a bucket asks before or while reporting that. Once compiled, the
   * matcher is kept here too (the same benign race as {@link #compiled}), so that a test is one
   * field read away from it.
   */
  private static final class Lazy implements ValueMatcher {
    private final ReadPatterns of;
    private final int k;
    private ValueMatcher matcher;

    Lazy(ReadPatterns of, int k) {
      this.of = of;
      this.k = k;
    }

    private ValueMatcher matcher() {
      ValueMatcher m = matcher;
      if (m == null) {
        m = of.compiled(k);
        matcher = m;
      }
      return m;
    }

    @Override
    public boolean test(String value) {
      return matcher().test(value);
    }

    @Override
    public String describe() {
      try {
        return matcher().describe();
      } catch (RuntimeException e) {
        return "pattern " + k + " of a test of " + of.test.field();
      }
    }

    @Override
    public List<String> requiredLiterals() {
      try {
        return matcher().requiredLiterals();
      } catch (RuntimeException e) {
        return List.of();
      }
    }

    @Override
    public long instructions() {
      try {
        return matcher().instructions();
      } catch (RuntimeException e) {
        return 0;
      }
    }

    @Override
    public String toString() {
      return describe();
    }
  }
}
