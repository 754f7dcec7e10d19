package dev.kasa.regex;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Kasa's parser against RE2J on generated expressions: it accepts exactly what RE2J accepts (or
 * gives up explicitly), and the tree it builds means what the expression means (RE2J finds the same
 * first match with the tree written back as flag-free syntax).
 */
class RegexParserProperties {

  @Property(tries = 6000)
  void acceptsExactlyWhatRe2jAccepts(
      @ForAll("expressions") String re, @ForAll("flags") RegexFlags flags) {
    ParseResult ours = RegexParser.parse(re, flags);
    String theirs = re2jRefusal(re, flags);
    switch (ours) {
      case ParseResult.Parsed p -> {
        Statistics.label("outcome").collect("parsed");
        assertThat(theirs).as("%s is refused by RE2J", re).isNull();
      }
      case ParseResult.Refused r -> {
        Statistics.label("outcome").collect(r.problem());
        assertThat(r.problem()).isIn(RegexProblem.INVALID, RegexProblem.UNSUPPORTED);
        assertThat(theirs).as("%s is accepted by RE2J, refused by Kasa: %s", re, r).isNotNull();
        assertThat(r.offset()).isBetween(0, re.length());
      }
    }
  }

  @Property(tries = 3000)
  void theTreeMeansWhatTheExpressionMeans(
      @ForAll("expressions") String re,
      @ForAll("flags") RegexFlags flags,
      @ForAll("values") List<String> values) {
    if (!(RegexParser.parse(re, flags) instanceof ParseResult.Parsed parsed)) {
      return;
    }
    String written = RegexWriter.write(parsed.root());
    Pattern original = Pattern.compile(re, flags.re2j());
    Pattern rewritten = Pattern.compile(written);
    for (String v : values) {
      assertThat(firstMatch(rewritten, v))
          .as("%s (as %s) on '%s'", re, written, v)
          .isEqualTo(firstMatch(original, v));
    }
  }

  private static String firstMatch(Pattern p, String v) {
    Matcher m = p.matcher(v);
    return m.find() ? m.start() + "-" + m.end() : "none";
  }

  /** RE2J's description of why it refuses {@code re}, or null when it compiles it. */
  static String re2jRefusal(String re, RegexFlags flags) {
    try {
      Pattern.compile(re, flags.re2j());
      return null;
    } catch (PatternSyntaxException e) {
      return e.getMessage();
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
  Arbitrary<List<String>> values() {
    return RegexArbitraries.values();
  }
}
