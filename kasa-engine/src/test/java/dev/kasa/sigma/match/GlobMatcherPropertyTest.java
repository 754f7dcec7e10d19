package dev.kasa.sigma.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.sigma.rule.SigmaValue.Part;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The linear glob matcher agrees with an equivalent java.util.regex (built here only, as the
 * oracle) on random globs and values over a small alphabet.
 */
class GlobMatcherPropertyTest {
  private static final char[] ALPHABET = {'a', 'b', 'A', 'ß', 'Σ', 'σ', '.'};

  @Property(tries = 2000)
  void globAgreesWithRegex(
      @ForAll("globs") List<Part> parts,
      @ForAll boolean cased,
      @ForAll("values") List<String> values) {
    List<Part> normalized = Wildcards.normalize(parts);
    GlobMatcher glob = new GlobMatcher(normalized, cased);
    Pattern oracle = Pattern.compile(regex(normalized, cased), Pattern.DOTALL);
    for (String v : values) {
      String subject = cased ? v : CaseFold.fold(v);
      boolean expected = oracle.matcher(subject).matches();
      Statistics.label("match").collect(expected);
      assertThat(glob.test(v)).as("%s on '%s'", glob.describe(), v).isEqualTo(expected);
    }
  }

  private static String regex(List<Part> parts, boolean cased) {
    StringBuilder b = new StringBuilder();
    for (Part p : parts) {
      switch (p) {
        case Part.Literal l -> b.append(Pattern.quote(cased ? l.text() : CaseFold.fold(l.text())));
        case Part.AnyRun r -> b.append(".*");
        case Part.AnyChar q -> b.append('.');
      }
    }
    return b.toString();
  }

  @Provide
  Arbitrary<List<Part>> globs() {
    Arbitrary<Part> part =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(
                4,
                Arbitraries.strings()
                    .withChars(ALPHABET)
                    .ofMinLength(1)
                    .ofMaxLength(3)
                    .map(s -> (Part) new Part.Literal(s))),
            net.jqwik.api.Tuple.of(2, Arbitraries.just(new Part.AnyRun())),
            net.jqwik.api.Tuple.of(1, Arbitraries.just(new Part.AnyChar())));
    return part.list().ofMaxSize(6);
  }

  @Provide
  Arbitrary<List<String>> values() {
    return Arbitraries.strings()
        .withChars(ALPHABET)
        .ofMaxLength(10)
        .list()
        .ofMinSize(1)
        .ofMaxSize(15);
  }

  @Property(tries = 200)
  void parsingRespectsEscapes(@ForAll("raws") String raw) {
    List<Part> parts = Wildcards.parse(raw);
    StringBuilder back = new StringBuilder();
    for (Part p : parts) {
      switch (p) {
        case Part.Literal l ->
            back.append(l.text().replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?"));
        case Part.AnyRun r -> back.append('*');
        case Part.AnyChar q -> back.append('?');
      }
    }
    assertThat(Wildcards.parse(back.toString())).isEqualTo(parts);
    assertThat(raw.toLowerCase(Locale.ROOT)).isNotNull();
  }

  @Provide
  Arbitrary<String> raws() {
    return Arbitraries.strings().withChars('a', '*', '?', '\\').ofMaxLength(8);
  }
}
