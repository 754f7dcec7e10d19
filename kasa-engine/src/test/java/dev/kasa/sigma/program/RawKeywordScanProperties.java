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
 * The anchored pair-table keyword scan finds exactly the literals a naive folded search finds,
 * wherever in a literal its anchor is.
 */
class RawKeywordScanProperties {
  @Property(tries = 500)
  void findsExactlyWhatANaiveFoldedSearchFinds(
      @ForAll("literals") List<String> literals, @ForAll("texts") String text) {
    RawKeywordScan.Builder b = RawKeywordScan.builder();
    for (int i = 0; i < literals.size(); i++) {
      b.add(new Needle.Literal(LiteralKind.CONTAINS, literals.get(i), false), i);
    }
    Set<Integer> found = new TreeSet<>();
    byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    b.build(new HashMap<>()).scan(bytes, 0, bytes.length, found::add);
    Set<Integer> expected = new TreeSet<>();
    String folded = text.toLowerCase(Locale.ROOT);
    for (int i = 0; i < literals.size(); i++) {
      if (folded.contains(literals.get(i))) {
        expected.add(i);
      }
    }
    assertThat(found).as("literals %s in %s", literals, text).isEqualTo(expected);
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
  Arbitrary<String> texts() {
    // ISO-8859-1 text as rawText() gives it: ASCII, upper case, and bytes of UTF-8 sequences.
    return Arbitraries.strings().withChars("abAB:.\\\"{}\u00c3\u00a9").ofMaxLength(30);
  }
}
