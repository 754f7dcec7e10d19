package dev.kasa.sigma.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.KasaException;
import dev.kasa.regex.RegexArbitraries;
import dev.kasa.regex.RegexFlags;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The checks a regex matcher makes before RE2J (a match's fewest chars, a literal of every factor)
 * never turn away a value RE2J finds a match in.
 */
class RegexPrecheckTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "(?i)(set).*&&\\s?set.*(environment|invoke|input).*&&.*\" ; environment,input,invo / et /"
            + " && / \"",
        "^C:\\\\Windows\\\\n"
            + "tdll\\.dll\\+[a-z0-9]{4,6}\\|UNKNOWN\\([A-Z0-9]{16}\\)$ ; c:\\windows\\n"
            + "tdll.dll+ / |unknown( / )",
        "HostId=[a-zA-Z0-9-]{36}\\s+EngineVersion= ; engineversion= / hostid=",
        ".{1000,} ; ",
        "(?i)(pwsh|powershell) ; power,pw",
      })
  void factorsAreEveryLiteralRunAMatchMustHold(String re, String expected) {
    RegexMatcher m = RegexMatcher.compile(re.strip(), RegexFlags.NONE);
    List<List<String>> want =
        expected == null
            ? List.of()
            : java.util.Arrays.stream(expected.strip().split(" / "))
                .map(f -> List.of(f.split(",")))
                .toList();
    assertThat(m.factors()).containsExactlyInAnyOrderElementsOf(want);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {".{1000,} ; 1000", "ab|c ; 1", "(ab){3}x? ; 6", "^$ ; 0", "a*b+ ; 1"})
  void minCharsIsTheShortestMatch(String re, int chars) {
    assertThat(RegexMatcher.compile(re.strip(), RegexFlags.NONE).minChars()).isEqualTo(chars);
  }

  /**
   * On generated expressions (escapes, Unicode, classes, flags, groups, repetitions) and values,
   * the matcher holds exactly where RE2J alone finds a match; every match RE2J finds contains a
   * literal of each factor and is no shorter than the matcher's fewest chars.
   */
  @Property(tries = 4000)
  void prechecksNeverLoseAMatch(
      @ForAll("expressions") String re,
      @ForAll("flags") RegexFlags flags,
      @ForAll("matchValues") List<String> values) {
    RegexMatcher m;
    try {
      m = RegexMatcher.compile(re, flags);
    } catch (KasaException e) {
      return;
    }
    Statistics.label("factors").collect(m.factors().size());
    com.google.re2j.Pattern p = com.google.re2j.Pattern.compile(re, flags.re2j());
    for (String v : values) {
      assertThat(m.test(v)).as("%s on '%s'", re, v).isEqualTo(p.matcher(v).find());
      com.google.re2j.Matcher found = p.matcher(v);
      for (int k = 0; k < 20 && found.find(); k++) {
        String folded = CaseFold.fold(found.group());
        assertThat(found.group().length()).isGreaterThanOrEqualTo(m.minChars());
        assertThat(folded).startsWith(m.prefix());
        assertThat(v.length()).isLessThanOrEqualTo(m.maxChars());
        for (List<String> factor : m.factors()) {
          assertThat(factor)
              .as("%s on '%s' matching '%s'", re, v, found.group())
              .anyMatch(folded::contains);
        }
      }
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "^C:\\\\x\\|UNKNOWN\\([A-Z0-9]{16}\\)$ ; 60",
        "^ab$ ; 4",
        "^ab ; 2147483647",
        "(?m)^ab$ ; 2147483647",
        "^a+$ ; 2147483647"
      })
  void maxCharsBoundsOnlyWholeValueMatches(String re, int chars) {
    assertThat(RegexMatcher.compile(re.strip(), RegexFlags.NONE).maxChars()).isEqualTo(chars);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {"HostId=[a-z]{3} ; hostid=", "(?i)Host ; ho", "a|b ; ''", "\\bab+c ; ab"})
  void prefixIsWhatEveryMatchStartsWith(String re, String prefix) {
    assertThat(RegexMatcher.compile(re.strip(), RegexFlags.NONE).prefix()).isEqualTo(prefix);
  }

  /**
   * The folded search agrees with searching the folded value, first occurrence included (the
   * literal is looked for by its rarest ASCII char, in either case; İ and the Kelvin sign fold into
   * ASCII).
   */
  @Property(tries = 2000)
  void foldedSearchIsContainsOnTheFoldedValue(
      @ForAll("texts") String value, @ForAll("texts") String literal) {
    String folded = CaseFold.fold(literal);
    if (folded.isEmpty()) {
      return;
    }
    assertThat(FoldedSearch.indexOf(value, folded))
        .as("'%s' in '%s'", folded, value)
        .isEqualTo(CaseFold.fold(value).indexOf(folded));
  }

  /**
   * An expression that is only a repeated {@code .} is searched without RE2J ({@link AnyRun}): it
   * holds exactly where RE2J finds a match, under every flag, in a group or not, on values of line
   * feeds, carriage returns, surrogate pairs (one code point, two chars) and lone surrogates (one
   * each) around the run's length.
   */
  @Property(tries = 3000)
  void repeatedDotsAgreeWithRe2j(
      @ForAll("dotRepeats") String re,
      @ForAll("flags") RegexFlags flags,
      @ForAll("dotValues") List<String> values) {
    RegexMatcher m = RegexMatcher.compile(re, flags);
    Statistics.label("without RE2J").collect(m.searchesAnyRun());
    com.google.re2j.Pattern p = com.google.re2j.Pattern.compile(re, flags.re2j());
    for (String v : values) {
      assertThat(m.test(v)).as("%s on '%s'", re, v).isEqualTo(p.matcher(v).find());
    }
  }

  @Provide
  Arbitrary<String> dotRepeats() {
    Arbitrary<String> count =
        net.jqwik.api.Combinators.combine(
                Arbitraries.integers().between(0, 6), Arbitraries.integers().between(0, 4))
            .as(
                (n, more) ->
                    List.of("{" + n + "}", "{" + n + ",}", "{" + n + "," + (n + more) + "}"))
            .flatMap(Arbitraries::of);
    return net.jqwik.api.Combinators.combine(
            Arbitraries.of("", "(?s)", "(?m)", "(?i)"),
            Arbitraries.of("", "(", "(?:", "(?P<n>", "((", "(?s:"),
            Arbitraries.oneOf(count, Arbitraries.of("+", "*", "?")))
        .as(
            (flag, open, repeat) -> {
              int depth = (int) open.chars().filter(c -> c == '(').count();
              return flag + open + "." + repeat + ")".repeat(depth);
            });
  }

  @Provide
  Arbitrary<List<String>> dotValues() {
    return Arbitraries.strings()
        .withChars('a', '\n', '\r', ' ', 'é', '\uD83D', '\uDE00', '\uD800')
        .ofMaxLength(16)
        .map(v -> v.replace("é", "\uD83D\uDE00"))
        .list()
        .ofMinSize(1)
        .ofMaxSize(12);
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings()
        .withChars(
            'a', 'A', 'b', 'k', 'K', '\u212A', 's', 'ſ', 'İ', 'i', 'I', '&', ' ', 'É', 'é', 'ß',
            'Σ', 'σ', 'ς', '–')
        .ofMaxLength(10);
  }

  @Provide
  Arbitrary<String> expressions() {
    return RegexArbitraries.expressions();
  }

  @Provide
  Arbitrary<RegexFlags> flags() {
    return RegexArbitraries.flags();
  }

  @Provide
  Arbitrary<List<String>> matchValues() {
    return RegexArbitraries.values();
  }
}
