package dev.kasa.sigma.match;

import static dev.kasa.sigma.match.SigmaTests.compile;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.KasaException;
import dev.kasa.regex.RegexArbitraries;
import dev.kasa.regex.RegexFlags;
import dev.kasa.sigma.match.FieldPredicate.AnyOf;
import dev.kasa.sigma.rule.SigmaValue.Part;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The prefilter literals of glob and regex matchers. */
class RequiredLiteralsTest {

  private static List<String> required(String key, String value) {
    Needle n = ((AnyOf) compile(key, value)).needles().get(0);
    return ((Needle.Pattern) n).matcher().requiredLiterals();
  }

  @Test
  void globsRequireTheirLongestLiteralRun() {
    assertThat(required("F", "C:\\\\*\\\\Temp\\\\?.exe")).containsExactly("\\temp\\");
    assertThat(required("F", "*")).isEmpty();
    assertThat(required("F", "a?b")).containsExactly("a");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "F|re ; ://[0-9]{1,3}\\.[0-9]{1,3} ; ://",
        "F|re ; \\s-[FTd]\\s ; -",
        "F|re ; HostId=[a-zA-Z0-9-]{36}\\s+EngineVersion= ; engineversion=",
        "F|re ; (?i)/lib/python3\\.([5-9]|[0-9]{2})/ ; /lib/python3.",
        "F|re ; cmd.{0,5}(?:/c|/r).+clip ; clip",
        "F|re ; abcd|abce ; abcd,abce",
        "F|re ; (?i)(pwsh|powershell)\\.exe ; .exe",
        "F|re ; (?i)(pwsh|powershell) ; power,pw",
        "F|re ; (?i)(cmd|wmic)\\.exe ; cmd.exe,wmic.exe",
        "F|re ; [Aa]b[c] ; abc",
        "F|re ; (?i)[Aa]b[k] ; ab",
        "F|re ; (?i)/lib/python3\\.[5-9]/site ; /lib/python3.",
        "F|re|i ; Invoke ; invo",
        "F|re ; Invoke ; invoke",
        "F|re ; ab*cde ; cde",
        "F|re ; a{12}b ; aaaaaaaaaaaab",
        "F|re ; (abc)?x ; x",
        "F|re ; .{150} ; ",
        // escapes and classes the literal must be read through, as RE2 reads them
        "F|re ; \\x41BC ; abc",
        "F|re ; \\x{41}BC ; abc",
        "F|re ; \\101BC ; abc",
        "F|re ; \\pLabc ; abc",
        "F|re ; \\p{Greek}abc ; abc",
        "F|re ; [[:alpha:]abc]x ; x",
        "F|re ; \\QA.B\\E ; a.b",
      })
  void regexesRequireALiteralOnlyWhenEveryMatchHasIt(String key, String re, String literal) {
    List<String> expected = literal == null ? List.of() : List.of(literal.strip().split(","));
    assertThat(required(key.strip(), re.strip())).isEqualTo(expected);
  }

  /** Every value the glob accepts, folded, contains its required literal. */
  @Property(tries = 1000)
  void acceptedValuesContainTheGlobsLiteral(
      @ForAll("globs") List<Part> parts, @ForAll("values") List<String> values) {
    GlobMatcher glob = new GlobMatcher(Wildcards.normalize(parts), false);
    for (String v : values) {
      if (glob.test(v)) {
        for (String r : glob.requiredLiterals()) {
          assertThat(CaseFold.fold(v)).contains(r);
        }
      }
    }
  }

  /** Every value a random regex finds a match in, folded, contains one of its required literals. */
  @Property(tries = 3000)
  void acceptedValuesContainTheRegexLiteral(
      @ForAll("regexes") String re,
      @ForAll boolean insensitive,
      @ForAll("regexValues") List<String> values) {
    RegexMatcher m;
    try {
      m = RegexMatcher.compile(re, new RegexFlags(insensitive, false, false));
    } catch (KasaException e) {
      return;
    }
    List<String> required = m.requiredLiterals();
    for (String v : values) {
      if (m.test(v) && !required.isEmpty()) {
        String folded = CaseFold.fold(v);
        assertThat(required).as("%s on '%s'", re, v).anyMatch(folded::contains);
      }
    }
  }

  /**
   * Every match RE2J finds of a generated expression (escapes, Unicode, POSIX and Perl classes,
   * flags, groups, repetitions), folded, contains one of the literals required of it.
   */
  @Property(tries = 4000)
  void everyRe2jMatchContainsARequiredLiteral(
      @ForAll("expressions") String re,
      @ForAll("flags") RegexFlags flags,
      @ForAll("matchValues") List<String> values) {
    RegexMatcher m;
    try {
      m = RegexMatcher.compile(re, flags);
    } catch (KasaException e) {
      return;
    }
    List<String> required = m.requiredLiterals();
    Statistics.label("prefiltered").collect(!required.isEmpty());
    if (required.isEmpty()) {
      return;
    }
    com.google.re2j.Pattern p = com.google.re2j.Pattern.compile(re, flags.re2j());
    for (String v : values) {
      com.google.re2j.Matcher found = p.matcher(v);
      for (int k = 0; k < 20 && found.find(); k++) {
        String folded = CaseFold.fold(found.group());
        assertThat(required)
            .as("%s on '%s' matching '%s'", re, v, found.group())
            .anyMatch(folded::contains);
      }
    }
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

  @Provide
  Arbitrary<String> regexes() {
    return Arbitraries.of(
            "a",
            "b",
            "K",
            "s",
            "S",
            "k",
            ".",
            "\\.",
            "[ab]",
            "*",
            "+",
            "?",
            "{2}",
            "{1,2}",
            "(",
            ")",
            "|",
            "(?i)",
            "(?:",
            "^",
            "$",
            "\\s",
            "ſ",
            "\\K",
            "\\x41",
            "\\x{4B}",
            "\\101",
            "\\0",
            "\\Qa.\\E",
            "\\Q",
            "\\E",
            "\\pL",
            "\\p{Greek}",
            "\\PL",
            "\\p{^L}",
            "[[:alpha:]",
            "[[:^alpha:]a]",
            "[[:word:]]",
            "\\d",
            "\\w",
            "\\W",
            "(?-i)",
            "(?s)",
            "(?i:",
            "\\b",
            "[a-c]",
            "[^a]",
            "]",
            "\\z",
            "\\A",
            "*?",
            "{0}",
            "{2,}")
        .list()
        .ofMaxSize(8)
        .map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<List<String>> regexValues() {
    return Arbitraries.strings()
        .withChars('a', 'b', 'c', 'A', 'B', 'k', 'K', '\u212A', 's', 'S', 'ſ', '.', ' ', 'α', '1')
        .ofMaxLength(8)
        .list()
        .ofSize(40);
  }

  @Provide
  Arbitrary<List<Part>> globs() {
    Arbitrary<Part> part =
        Arbitraries.oneOf(
            Arbitraries.strings()
                .withChars('a', 'B', 'İ')
                .ofMinLength(1)
                .ofMaxLength(3)
                .map(s -> (Part) new Part.Literal(s)),
            Arbitraries.just(new Part.AnyRun()),
            Arbitraries.just(new Part.AnyChar()));
    return part.list().ofMaxSize(5);
  }

  @Provide
  Arbitrary<List<String>> values() {
    return Arbitraries.strings()
        .withChars('a', 'b', 'B', 'i', 'İ')
        .ofMaxLength(8)
        .list()
        .ofSize(30);
  }
}
