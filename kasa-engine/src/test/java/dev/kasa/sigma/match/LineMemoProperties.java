package dev.kasa.sigma.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Reading a value line by line through a {@link LineMemo} reports what the naive search reports:
 * multi-line values built from a few lines (so that most lines repeat, at the start, inside or at
 * the end of a value, empty or not) with literals of the set planted in them, scanned in turn by
 * two automata that share one memo (the same line must give each its own ids), and literals that
 * hold a line feed (which must send the value to the whole walk: they are found across lines).
 * Small tables put every line of both automata in one or a few slots, so that a kept line is
 * checked against the line and the automaton asking, not only found by its slot.
 */
class LineMemoProperties {
  private static final char[] ALPHABET = {'a', 'b', 'A', 'B', '-', ' ', 'İ', 'i', 'ß', 'K', 'É'};

  @Property(tries = 600)
  void valuesReadByLinesAgreeWithNaiveEvaluation(
      @ForAll("literals") List<Needle.Literal> first,
      @ForAll("literals") List<Needle.Literal> second,
      @ForAll long seed,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 12) int minChars,
      @ForAll("slots") int slots) {
    Random r = new Random(seed);
    LiteralAutomaton a = build(first);
    LiteralAutomaton b = build(second);
    List<String> pool = new ArrayList<>();
    for (int k = 0; k < 1 + r.nextInt(5); k++) {
      pool.add(line(r, r.nextBoolean() ? first : second));
    }
    LineMemo memo = new LineMemo(minChars, slots);
    for (int v = 0; v < 12; v++) {
      StringBuilder value = new StringBuilder();
      int lines = 1 + r.nextInt(5);
      for (int k = 0; k < lines; k++) {
        value.append(k == 0 ? "" : "\n").append(pool.get(r.nextInt(pool.size())));
      }
      if (r.nextInt(4) == 0) {
        value.append('\n');
      }
      String text = r.nextInt(4) == 0 ? "\n" + value : value.toString();
      assertFindsWhatEachLiteralMatches(r.nextBoolean() ? a : b, first, second, a, text, memo);
    }
  }

  private static void assertFindsWhatEachLiteralMatches(
      LiteralAutomaton chosen,
      List<Needle.Literal> first,
      List<Needle.Literal> second,
      LiteralAutomaton a,
      String v,
      LineMemo memo) {
    List<Needle.Literal> literals = chosen == a ? first : second;
    Set<Integer> found = new TreeSet<>();
    chosen.scan(v, found::add, memo);
    Set<Integer> expected = new TreeSet<>();
    for (int i = 0; i < literals.size(); i++) {
      if (FieldPredicates.matches(literals.get(i), v)) {
        expected.add(i);
      }
    }
    Statistics.label("hits").collect(expected.isEmpty() ? "none" : "some");
    assertThat(found).as("value '%s' against %s", v, literals).isEqualTo(expected);
  }

  private static LiteralAutomaton build(List<Needle.Literal> literals) {
    LiteralAutomaton.Builder b = LiteralAutomaton.builder();
    for (int i = 0; i < literals.size(); i++) {
      b.add(literals.get(i), i);
    }
    return b.build();
  }

  /** A line of noise with some literals of the set planted (their line feeds dropped or not). */
  private static String line(Random r, List<Needle.Literal> literals) {
    StringBuilder s = new StringBuilder();
    int parts = r.nextInt(6);
    for (int k = 0; k < parts; k++) {
      if (!literals.isEmpty() && r.nextBoolean()) {
        String text = literals.get(r.nextInt(literals.size())).text();
        s.append(r.nextInt(3) == 0 ? text.toUpperCase(java.util.Locale.ROOT) : text);
      } else {
        for (int c = r.nextInt(20); c > 0; c--) {
          s.append(ALPHABET[r.nextInt(ALPHABET.length)]);
        }
      }
    }
    return s.toString().replace("\n", r.nextBoolean() ? "" : "\n");
  }

  @Provide
  Arbitrary<Integer> slots() {
    return Arbitraries.of(1, 4, LineMemo.SLOTS);
  }

  @Provide
  Arbitrary<List<Needle.Literal>> literals() {
    Arbitrary<String> text =
        Arbitraries.strings()
            .withChars(ALPHABET)
            .ofMinLength(0)
            .ofMaxLength(5)
            .map(t -> t.length() > 2 && t.charAt(0) == 'b' ? t.substring(1) + "\n" : t);
    Arbitrary<Needle.Literal> literal =
        Combinators.combine(Arbitraries.of(LiteralKind.class), text, Arbitraries.of(true, false))
            .as((kind, t, cased) -> new Needle.Literal(kind, cased ? t : CaseFold.fold(t), cased));
    return literal.list().ofMaxSize(30);
  }
}
