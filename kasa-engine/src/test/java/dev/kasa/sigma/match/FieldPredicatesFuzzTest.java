package dev.kasa.sigma.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.kasa.KasaException;
import dev.kasa.regex.RegexArbitraries;
import dev.kasa.sigma.rule.FieldTest;
import dev.kasa.sigma.rule.Modifier;
import dev.kasa.sigma.rule.SigmaValue;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * {@code compile} on arbitrary field tests throws nothing but {@link KasaException}, and what it
 * compiles evaluates on arbitrary values without throwing.
 */
class FieldPredicatesFuzzTest {
  private static final Placeholders PLACEHOLDERS =
      new Placeholders(Map.of("p", List.of("a*", "-b"), "q", List.of("")));

  @Property(tries = 3000)
  void compileThrowsOnlyItsDocumentedError(
      @ForAll("modifiers") List<Modifier> modifiers,
      @ForAll("values") List<SigmaValue> values,
      @ForAll("subjects") List<String> subjects) {
    FieldTest test = new FieldTest("F", modifiers, values, SigmaTests.AT);
    FieldPredicate p;
    try {
      p = FieldPredicates.compile(test, PLACEHOLDERS);
      Statistics.label("outcome").collect("compiled");
    } catch (KasaException e) {
      Statistics.label("outcome").collect(e.code().label());
      return;
    }
    assertThatCode(
            () -> {
              for (String s : subjects) {
                FieldPredicates.test(p, List.of(s), name -> List.of(s));
              }
            })
        .doesNotThrowAnyException();
  }

  /**
   * The same for {@code re} values with RE2 escapes, Unicode, POSIX and Perl classes, flags, {@code
   * \Q...\E}, repetitions and constructs RE2 cannot run: only the regex reasons escape.
   */
  @Property(tries = 2000)
  void regexValuesThrowOnlyTheRegexReasons(
      @ForAll("regexModifiers") List<Modifier> modifiers,
      @ForAll("regexValues") String regex,
      @ForAll("regexSubjects") List<String> subjects) {
    FieldTest test = new FieldTest("F", modifiers, List.of(SigmaTests.text(regex)), SigmaTests.AT);
    FieldPredicate p;
    try {
      p = FieldPredicates.compile(test, PLACEHOLDERS);
      Statistics.label("outcome").collect("compiled");
    } catch (KasaException e) {
      Statistics.label("outcome").collect(e.code().label());
      assertThat(e.code().label()).isIn("bad-regex", "unsupported-regex", "regex-too-large");
      return;
    }
    assertThatCode(
            () -> {
              for (String s : subjects) {
                FieldPredicates.test(p, List.of(s), name -> List.of(s));
              }
            })
        .doesNotThrowAnyException();
  }

  @Provide
  Arbitrary<List<Modifier>> regexModifiers() {
    return Arbitraries.of(Modifier.RE_I, Modifier.RE_M, Modifier.RE_S)
        .set()
        .map(
            set -> {
              List<Modifier> mods = new java.util.ArrayList<>(List.of(Modifier.RE));
              mods.addAll(set);
              return mods;
            });
  }

  @Provide
  Arbitrary<String> regexValues() {
    return RegexArbitraries.expressions();
  }

  @Provide
  Arbitrary<List<String>> regexSubjects() {
    return RegexArbitraries.values();
  }

  @Provide
  Arbitrary<List<Modifier>> modifiers() {
    return Arbitraries.of(Modifier.class).list().ofMaxSize(4);
  }

  @Provide
  Arbitrary<List<SigmaValue>> values() {
    Arbitrary<SigmaValue> text =
        Arbitraries.strings()
            .withChars("ab-/*?\\%p()[]{}.:0123456789 ")
            .ofMaxLength(12)
            .map(s -> (SigmaValue) SigmaTests.text(s));
    Arbitrary<SigmaValue> number =
        Arbitraries.integers().between(-100, 3000).map(i -> (SigmaValue) SigmaTests.number("" + i));
    Arbitrary<SigmaValue> other =
        Arbitraries.of(
            new SigmaValue.Bool(true), new SigmaValue.Bool(false), new SigmaValue.Null());
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, text),
            net.jqwik.api.Tuple.of(2, number),
            net.jqwik.api.Tuple.of(1, other))
        .list()
        .ofMinSize(1)
        .ofMaxSize(3);
  }

  @Provide
  Arbitrary<List<String>> subjects() {
    return Arbitraries.strings().withChars("ab-/1.0:2024T ").ofMaxLength(20).list().ofMaxSize(4);
  }
}
