package dev.kasa.regex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.re2j.Pattern;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The compiled size Kasa computes from its tree, against the programs RE2J builds. */
class ProgramSizeTest {

  private static long ours(String re) {
    return ProgramSize.instructions(
        ((ParseResult.Parsed) RegexParser.parse(re, RegexFlags.NONE)).root());
  }

  /** RE2J's own instruction count (package-private in RE2J, read by reflection in this test). */
  static long re2j(Pattern p) {
    try {
      Field f = Pattern.class.getDeclaredField("re2");
      f.setAccessible(true);
      Object re2 = f.get(p);
      Method m = re2.getClass().getDeclaredMethod("numberOfInstructions");
      m.setAccessible(true);
      return ((Number) m.invoke(re2)).longValue();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("RE2J internals changed", e);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "ab",
        "(a)",
        "a*",
        "a+?",
        "a??",
        "a{2}",
        "a{2,5}",
        "a{3,}",
        "(?:ab){3,}",
        "a{0}",
        "a{0,3}",
        "a{1}",
        "\\pL",
        "(?i)abc",
        "^$",
        "[[:alpha:]]x",
        "\\Qab\\E",
        "(((a{100}){100}){100})",
        ".{1000,}",
        "(.*a){1000}",
        "(?P<n>\\d{2,4})+\\b",
        "^*",
        "(a*)*",
        "(a?)+",
        "(a*){2,}",
        "(a*){0,2}"
      })
  void equalsRe2jWithoutAlternation(String re) {
    assertThat(ours(re)).isEqualTo(re2j(Pattern.compile(re)));
  }

  @Test
  void theMemoryBombIsCountedWithoutExpandingIt() {
    String bomb = "((((a{100}){100}){100}){100})";
    assertThat(ours(bomb)).isEqualTo(102_020_204L);
    assertThat(ours("((((((a{1000}){1000}){1000}){1000}){1000}){1000})"))
        .isEqualTo(ProgramSize.SATURATED);
    assertThatThrownBy(() -> CheckedRegex.compile(bomb, RegexFlags.NONE))
        .isInstanceOf(RegexRejectedException.class)
        .hasMessage("compiles to 102,020,204 instructions, above the bound of 10,000")
        .extracting("problem")
        .isEqualTo(RegexProblem.TOO_LARGE);
  }

  @Test
  void aBoundedRegexCarriesItsTreeSizeAndPattern() {
    CheckedRegex re = CheckedRegex.compile("(?i)ab+c", RegexFlags.NONE);
    assertThat(re.instructions()).isEqualTo(6);
    assertThat(re.pattern().matcher("xABBC").find()).isTrue();
    assertThatThrownBy(() -> CheckedRegex.compile("a(?=b)", RegexFlags.NONE))
        .hasMessage("the lookahead (?= at offset 1")
        .extracting("problem")
        .isEqualTo(RegexProblem.UNSUPPORTED);
  }

  /** Kasa's count is never below RE2J's, and equal when RE2J's parser merges nothing. */
  @Property(tries = 3000)
  void neverBelowRe2j(@ForAll("expressions") String re, @ForAll("flags") RegexFlags flags) {
    if (!(RegexParser.parse(re, flags) instanceof ParseResult.Parsed p)) {
      return;
    }
    long ours = ProgramSize.instructions(p.root());
    long theirs = re2j(Pattern.compile(re, flags.re2j()));
    Statistics.label("equal").collect(ours == theirs);
    assertThat(ours).as(re).isGreaterThanOrEqualTo(theirs);
  }

  @Provide
  Arbitrary<String> expressions() {
    return RegexArbitraries.expressions();
  }

  @Provide
  Arbitrary<RegexFlags> flags() {
    return RegexArbitraries.flags();
  }
}
