package dev.kasa.sigma.match;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * An automaton that searches long values from their ends and skipping ({@link SkipSearch}) reports
 * exactly what a naive folded search ({@link FieldPredicates#matches}) finds: literals planted in
 * noise of any chars, in either case, with chars whose folding is special (the dotted I, the Kelvin
 * sign, final sigma) and the dashes {@code windash} expands to; literals as short as the window and
 * longer; cased literals; values dense with the literals (where the automaton takes over) and
 * values shorter than a window.
 */
class SkipSearchProperties {
  private static final char[] ALPHABET = {
    'a', 'b', 'A', 'B', 'x', '-', '/', '\\', ' ', '–', '—', '―', 'İ', 'i', 'ß', 'Σ', 'σ', 'ς',
    '\u212A', 'k', 'K', '\u00e9', '\u00c9', '\u4e00'
  };

  @Property(tries = 1500)
  void reportsWhatANaiveFoldedSearchFinds(
      @ForAll("literals") List<Needle.Literal> literals,
      @ForAll("noise") List<String> noise,
      @ForAll @IntRange(min = 2, max = 9) int minWindow,
      @ForAll @IntRange(min = 0, max = 40) int longValue,
      @ForAll long seed) {
    LiteralAutomaton.Builder b = LiteralAutomaton.builder().skipping(longValue, minWindow);
    for (int i = 0; i < literals.size(); i++) {
      b.add(literals.get(i), i);
    }
    LiteralAutomaton automaton = b.build();
    Statistics.label("skipping").collect(automaton.skips());
    java.util.Random random = new java.util.Random(seed);
    for (String n : noise) {
      // Literals planted in the noise, some upper-cased (a cased one then no longer matches).
      StringBuilder value = new StringBuilder(n);
      for (int k = random.nextInt(4); k > 0 && !literals.isEmpty(); k--) {
        String text = literals.get(random.nextInt(literals.size())).text();
        if (random.nextBoolean()) {
          text = text.toUpperCase(java.util.Locale.ROOT);
        }
        value.insert(random.nextInt(value.length() + 1), text);
      }
      LiteralAutomatonPropertyTest.assertFindsWhatEachLiteralMatches(
          automaton, literals, value.toString());
    }
  }

  /** Mostly contains literals (what the skipping search is for), the other kinds beside them. */
  @Provide
  Arbitrary<List<Needle.Literal>> literals() {
    Arbitrary<Needle.Literal> literal =
        Combinators.combine(
                Arbitraries.frequencyOf(
                    Tuple.of(6, Arbitraries.just(LiteralKind.CONTAINS)),
                    Tuple.of(2, Arbitraries.of(LiteralKind.class))),
                Arbitraries.strings().withChars(ALPHABET).ofMinLength(0).ofMaxLength(14),
                Arbitraries.of(true, false))
            .as(
                (kind, text, cased) ->
                    new Needle.Literal(kind, cased ? text : CaseFold.fold(text), cased));
    return literal.list().ofMaxSize(12);
  }

  @Provide
  Arbitrary<List<String>> noise() {
    return Arbitraries.strings()
        .withChars(ALPHABET)
        .ofMaxLength(120)
        .list()
        .ofMinSize(1)
        .ofMaxSize(8);
  }
}
