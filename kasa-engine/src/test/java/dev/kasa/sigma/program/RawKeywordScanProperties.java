package dev.kasa.sigma.program;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.sigma.match.LiteralKind;
import dev.kasa.sigma.match.Needle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The keyword scan finds exactly the literals a naive folded search finds: anchored on a pair
 * wherever in a literal its anchor is, and skipping ahead when every literal is long enough,
 * whatever part of the bytes it is given, wherever its quarters meet.
 */
class RawKeywordScanProperties {
  @Property(tries = 500)
  void findsExactlyWhatANaiveFoldedSearchFinds(
      @ForAll("literals") List<String> literals, @ForAll("texts") String text) {
    assertFindsWhatANaiveSearchFinds(literals, "", text);
  }

  /** Literals of {@link RawKeywordScan#MIN_WINDOW} chars or more: the skipping scan. */
  @Property(tries = 1000)
  void skippingFindsExactlyWhatANaiveFoldedSearchFinds(
      @ForAll("longLiterals") List<String> literals,
      @ForAll("texts") String before,
      @ForAll("longTexts") String head,
      @ForAll("longTexts") String tail,
      @ForAll int pick,
      @ForAll boolean upper) {
    // One literal planted in noise, so that skips and matches both happen.
    String planted = literals.get(Math.floorMod(pick, literals.size()));
    String text = head + (upper ? planted.toUpperCase(Locale.ROOT) : planted) + tail;
    assertFindsWhatANaiveSearchFinds(literals, before, text);
  }

  /**
   * The skipping scan searches the bytes as two halves: a literal planted across the middle, or
   * starting or ending right at it, is found once either half reaches it.
   */
  @Property(tries = 1000)
  void skippingFindsALiteralAcrossTheMiddle(
      @ForAll("longLiterals") List<String> literals,
      @ForAll("texts") String before,
      @ForAll("longTexts") String head,
      @ForAll("longTexts") String noise,
      @ForAll int pick,
      @ForAll int cut,
      @ForAll boolean upper) {
    String planted = literals.get(Math.floorMod(pick, literals.size()));
    // The middle falls j chars into the planted literal: the text's length is 2 (head + j).
    int j = Math.floorMod(cut, planted.length() + 1);
    int tailLength = Math.max(0, head.length() + 2 * j - planted.length());
    String tail = (noise + "z".repeat(tailLength)).substring(0, tailLength);
    String text = head + (upper ? planted.toUpperCase(Locale.ROOT) : planted) + tail;
    assertFindsWhatANaiveSearchFinds(literals, before, text);
  }

  /**
   * The skipping scan searches the bytes as four quarters: a literal planted across a quarter's
   * boundary, or starting or ending right at it, is found once either quarter reaches it.
   */
  @Property(tries = 1000)
  void skippingFindsALiteralAcrossEachQuarter(
      @ForAll("longLiterals") List<String> literals,
      @ForAll("texts") String before,
      @ForAll("longTexts") String noise,
      @ForAll int pick,
      @ForAll int size,
      @ForAll int where,
      @ForAll boolean upper) {
    String planted = literals.get(Math.floorMod(pick, literals.size()));
    if (upper) {
      planted = planted.toUpperCase(Locale.ROOT);
    }
    int n = planted.length() + Math.floorMod(size, 120);
    StringBuilder text = new StringBuilder();
    while (text.length() < n) {
      text.append(noise).append('z');
    }
    text.setLength(n);
    // Boundary k * (n / 4), the literal starting up to its length before it or one char after.
    int boundary = (1 + Math.floorMod(where, 3)) * (n >>> 2);
    int at = boundary - Math.floorMod(where >> 2, planted.length() + 2) + 1;
    at = Math.max(0, Math.min(n - planted.length(), at));
    text.replace(at, at + planted.length(), planted);
    assertFindsWhatANaiveSearchFinds(literals, before, text.toString());
  }

  /** Scans the bytes of {@code text} placed after those of {@code before}. */
  private static void assertFindsWhatANaiveSearchFinds(
      List<String> literals, String before, String text) {
    RawKeywordScan.Builder b = RawKeywordScan.builder();
    for (int i = 0; i < literals.size(); i++) {
      b.add(new Needle.Literal(LiteralKind.CONTAINS, literals.get(i), false), i);
    }
    Set<Integer> found = new TreeSet<>();
    byte[] bytes = (before + text + before).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    int from = before.length();
    RawKeywordScan built = b.build(new HashMap<>());
    built.scan(bytes, from, from + text.length(), found::add);
    Set<Integer> expected = new TreeSet<>();
    String folded = text.toLowerCase(Locale.ROOT);
    for (int i = 0; i < literals.size(); i++) {
      if (folded.contains(literals.get(i))) {
        expected.add(i);
      }
    }
    assertThat(found).as("literals %s in %s", literals, text).isEqualTo(expected);

    // Read back as the compiled-rules cache reads it: texts sorted by pair (used as given), and
    // the same texts in reverse (not sorted: sorted again), each finds the same.
    String[] texts = built.texts();
    int[] ids = built.ids();
    String[] reversed = new String[texts.length];
    int[] reversedIds = new int[ids.length];
    for (int k = 0; k < texts.length; k++) {
      reversed[k] = texts[texts.length - 1 - k];
      reversedIds[k] = ids[ids.length - 1 - k];
    }
    for (RawKeywordScan read :
        List.of(
            RawKeywordScan.of(texts, ids, built.shortOnes(), new HashMap<>()),
            RawKeywordScan.of(reversed, reversedIds, built.shortOnes(), new HashMap<>()))) {
      Set<Integer> readFound = new TreeSet<>();
      read.scan(bytes, from, from + text.length(), readFound::add);
      assertThat(readFound).as("read back: literals %s in %s", literals, text).isEqualTo(expected);
    }
  }

  @Provide
  Arbitrary<List<String>> literals() {
    return Arbitraries.strings()
        .withChars("ab:.\\")
        .ofMinLength(2)
        .ofMaxLength(6)
        .list()
        .ofMaxSize(6);
  }

  @Provide
  Arbitrary<List<String>> longLiterals() {
    return Arbitraries.strings()
        .withChars("abc:.\\")
        .ofMinLength(RawKeywordScan.MIN_WINDOW)
        .ofMaxLength(9)
        .list()
        .ofMinSize(1)
        .ofMaxSize(6);
  }

  @Provide
  Arbitrary<String> longTexts() {
    return Arbitraries.strings().withChars("abcABC:.\\\"{}\u00c3\u00a9x").ofMaxLength(40);
  }

  @Provide
  Arbitrary<String> texts() {
    // ISO-8859-1 text as rawText() gives it: ASCII, upper case, and bytes of UTF-8 sequences.
    return Arbitraries.strings().withChars("abAB:.\\\"{}\u00c3\u00a9").ofMaxLength(30);
  }
}
