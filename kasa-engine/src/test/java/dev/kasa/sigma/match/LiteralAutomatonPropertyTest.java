package dev.kasa.sigma.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
 * The automaton agrees with a naive evaluation ({@link FieldPredicates#matches}) over random
 * literal sets and values drawn from a small alphabet (so that hits, overlaps and shared prefixes
 * are frequent) that includes chars whose folding is special: 'İ' folds to 'i', 'ß' has no
 * single-char upper case, 'Σ' folds to 'σ', the Kelvin sign folds to ASCII 'k'; 'É' folds within
 * Latin-1 (the rows' classes) and the dashes {@code windash} writes are beyond it (classes without
 * a row cell).
 */
class LiteralAutomatonPropertyTest {
  private static final char[] ALPHABET = {
    'a', 'b', 'A', 'B', '-', '/', 'İ', 'i', 'ß', 'Σ', 'σ', 'ς', '\u212A', 'k', 'K', ' ', 'É', 'é',
    '–', '—', '―'
  };

  @Property(tries = 600)
  void automatonAgreesWithNaiveEvaluation(
      @ForAll("literals") List<Needle.Literal> literals,
      @ForAll("values") List<String> values,
      @ForAll("denseCells") int denseCells) {
    LiteralAutomaton.Builder b = LiteralAutomaton.builder().denseCells(denseCells);
    for (int i = 0; i < literals.size(); i++) {
      b.add(literals.get(i), i);
    }
    LiteralAutomaton automaton = b.build();
    assertThat(automaton.isEmpty()).isEqualTo(literals.isEmpty());
    for (String v : values) {
      assertFindsWhatEachLiteralMatches(automaton, literals, v);
    }
  }

  /**
   * Values of {@link AhoCorasick#SPLIT} chars or more are walked as two halves: a literal planted
   * around the middle (across it, or ending or starting right at it) is found as the naive search
   * finds it, and so are the starts-with and ends-with literals at either end.
   */
  @Property(tries = 600)
  void longValuesWalkedAsTwoHalvesAgreeWithNaiveEvaluation(
      @ForAll("literals") List<Needle.Literal> literals,
      @ForAll("denseCells") int denseCells,
      @ForAll("noise") String left,
      @ForAll("noise") String right,
      @ForAll int pick,
      @ForAll @net.jqwik.api.constraints.IntRange(min = -6, max = 6) int off) {
    LiteralAutomaton.Builder b = LiteralAutomaton.builder().denseCells(denseCells);
    for (int i = 0; i < literals.size(); i++) {
      b.add(literals.get(i), i);
    }
    LiteralAutomaton automaton = b.build();
    String planted =
        literals.isEmpty() ? "" : literals.get(Math.floorMod(pick, literals.size())).text();
    int rightLength = Math.max(0, Math.min(right.length(), left.length() - planted.length() + off));
    String v = left + planted + right.substring(0, rightLength);
    assertFindsWhatEachLiteralMatches(automaton, literals, v);
  }

  /**
   * A value that begins with literals of the set (so that the starts-with literals' prefix is read
   * far, with contains literals ending inside it) and goes on short or long: the walk goes on from
   * where the prefix left the trie, in one piece or as two halves, and finds what the naive search
   * finds.
   */
  @Property(tries = 600)
  void valuesBeginningWithLiteralsAgreeWithNaiveEvaluation(
      @ForAll("literals") List<Needle.Literal> literals,
      @ForAll("denseCells") int denseCells,
      @ForAll @net.jqwik.api.constraints.Size(max = 6) List<Integer> picks,
      @ForAll("noise") String tail,
      @ForAll int cut) {
    LiteralAutomaton.Builder b = LiteralAutomaton.builder().denseCells(denseCells);
    for (int i = 0; i < literals.size(); i++) {
      b.add(literals.get(i), i);
    }
    LiteralAutomaton automaton = b.build();
    StringBuilder v = new StringBuilder();
    for (int pick : picks) {
      if (!literals.isEmpty()) {
        String text = literals.get(Math.floorMod(pick, literals.size())).text();
        v.append(pick % 3 == 0 ? text.toUpperCase(java.util.Locale.ROOT) : text);
      }
    }
    v.append(tail, 0, Math.floorMod(cut, tail.length() + 1));
    assertFindsWhatEachLiteralMatches(automaton, literals, v.toString());
  }

  @Provide
  Arbitrary<String> noise() {
    return Arbitraries.strings().withChars(ALPHABET).ofMinLength(64).ofMaxLength(200);
  }

  /**
   * The automaton reports on {@code v} exactly the literals that match it one by one (the naive
   * folded search of {@link FieldPredicates}); shared with {@code SkipSearchProperties}.
   */
  static void assertFindsWhatEachLiteralMatches(
      LiteralAutomaton automaton, List<Needle.Literal> literals, String v) {
    Set<Integer> found = new TreeSet<>();
    automaton.scan(v, found::add);
    Set<Integer> expected = new TreeSet<>();
    for (int i = 0; i < literals.size(); i++) {
      if (FieldPredicates.matches(literals.get(i), v)) {
        expected.add(i);
      }
    }
    Statistics.label("hits").collect(expected.isEmpty() ? "none" : "some");
    assertThat(found).as("value '%s' against %s", v, literals).isEqualTo(expected);
  }

  @Provide
  Arbitrary<List<Needle.Literal>> literals() {
    Arbitrary<Needle.Literal> literal =
        Combinators.combine(
                Arbitraries.of(LiteralKind.class),
                Arbitraries.strings().withChars(ALPHABET).ofMinLength(0).ofMaxLength(5),
                Arbitraries.of(true, false))
            .as(
                (kind, text, cased) ->
                    new Needle.Literal(kind, cased ? text : CaseFold.fold(text), cased));
    return literal.list().ofMaxSize(40);
  }

  /** Only the root dense, a few rows, or the default budget. */
  @Provide
  Arbitrary<Integer> denseCells() {
    return Arbitraries.of(1, 40, AhoCorasick.DENSE_CELLS);
  }

  @Provide
  Arbitrary<List<String>> values() {
    return Arbitraries.strings()
        .withChars(ALPHABET)
        .ofMaxLength(16)
        .list()
        .ofMinSize(1)
        .ofMaxSize(20);
  }
}
