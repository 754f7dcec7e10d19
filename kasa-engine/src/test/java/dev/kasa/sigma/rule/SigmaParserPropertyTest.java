package dev.kasa.sigma.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.Problems;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The parser only ever reports problems, whatever the text; wildcard escaping round-trips. */
class SigmaParserPropertyTest {
  private static final String HEAD = "title: t\nid: x\nlogsource:\n  product: p\n";

  private static void assertOnlyProblems(ParseResult r) {
    assertThat(r.problems())
        .allSatisfy(
            p -> {
              assertThat(p.code().label()).isNotEqualTo("internal-error").isNotBlank();
              assertThat(p.message()).isNotBlank();
            });
  }

  @Property(tries = 500)
  void anyTextGivesAResult(@ForAll String text) {
    assertOnlyProblems(SigmaParser.parse(text, "f.yml"));
  }

  @Property(tries = 500)
  void anyTokenSoupGivesAResult(@ForAll("yamlish") String text) {
    assertOnlyProblems(SigmaParser.parse(text, "f.yml"));
  }

  @Property(tries = 1000)
  void anyDetectionTreeGivesAResult(@ForAll("detections") String detection) {
    ParseResult r = SigmaParser.parse(HEAD + "detection: " + detection + "\n", "f.yml");
    assertOnlyProblems(r);
    assertThat(r.documents().size() + (r.problems().isEmpty() ? 0 : 1)).isEqualTo(1);
  }

  @Property(tries = 1000)
  void anyConditionGivesAConditionOrErrors(@ForAll("conditions") String condition) {
    ConditionParser.Result r = ConditionParser.parse(condition, List.of("sel", "sel2", "_f", "kw"));
    assertThat(r.condition() == null).isEqualTo(!r.errors().isEmpty());
    r.errors().forEach(e -> assertThat(e.offset()).isBetween(0, condition.length()));
  }

  @Property(tries = 300)
  void anyConditionStringInARuleGivesAResult(@ForAll String condition) {
    String quoted = "'" + condition.replace("'", "''") + "'";
    assertOnlyProblems(
        SigmaParser.parse(HEAD + "detection:\n  sel: a\n  condition: " + quoted + "\n", "f.yml"));
  }

  /**
   * Scalar aliases and nesting at any depth: the document is read when it stays within the bounds,
   * and otherwise rejected for exactly the bound it crosses, with a position, never expanded.
   */
  @Property(tries = 200)
  void aliasesAndNestingAreBoundedExactly(
      @ForAll @IntRange(max = 4000) int scalarLength,
      @ForAll @IntRange(max = 3000) int aliases,
      @ForAll @IntRange(max = 40) int depth,
      @ForAll boolean block) {
    String value = "'" + "v".repeat(scalarLength) + "'";
    String list =
        block
            ? "\n" + ("    - &a " + value + "\n") + "    - *a\n".repeat(aliases)
            : " [&a " + value + ", *a".repeat(aliases) + "]\n";
    String nested = "[".repeat(depth) + "]".repeat(depth);
    String text =
        HEAD
            + "extra: "
            + nested
            + "\ndetection:\n  sel:\n    CommandLine|contains:"
            + list
            + "  condition: sel\n";
    ParseResult r = SigmaParser.parse(text, "f.yml");
    assertOnlyProblems(r);
    long added = (long) aliases * (scalarLength + 1);
    if (depth + 1 > SigmaParser.MAX_DEPTH) { // the document map is a level too
      assertThat(r.problems()).extracting(p -> p.code().label()).containsExactly("too-deep");
    } else if (added > SigmaParser.MAX_CHARS) {
      assertThat(r.problems()).extracting(p -> p.code().label()).containsExactly("too-large");
      assertThat(Problems.position(r.problems().get(0)).line()).isGreaterThanOrEqualTo(8);
    } else {
      assertThat(r.problems()).isEmpty();
      assertThat(r.documents()).hasSize(1);
    }
  }

  @Property(tries = 1000)
  void escapedTextParsesBackToItself(@ForAll String text) {
    SigmaValue.Text t = SigmaWildcards.parse(SigmaWildcards.escape(text));
    assertThat(t.plain()).isTrue();
    String literal =
        t.parts().stream()
            .map(p -> ((SigmaValue.Part.Literal) p).text())
            .reduce("", String::concat);
    assertThat(literal).isEqualTo(text);
    assertThat(t.parts()).hasSizeLessThanOrEqualTo(1);
  }

  @Provide
  Arbitrary<String> yamlish() {
    return Arbitraries.of(
            "---\n",
            "title: x\n",
            "detection:\n",
            "  sel:\n",
            "    - a\n",
            "  condition: sel\n",
            "correlation:\n",
            "  type: temporal\n",
            "filter:\n",
            "  rules: [a]\n",
            "&a ",
            "*a",
            "&a 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'",
            ", *a, *a, *a, *a, *a, *a, *a, *a",
            "[[[[[[[[[[[[[[[[",
            "]]]]]]]]]]]]]]]]",
            "!!str ",
            "!x ",
            "[",
            "]",
            "{",
            "}",
            ": ",
            "- ",
            "'",
            "\"",
            "\\",
            "|",
            ">",
            "\t",
            " ",
            "\n",
            "#",
            "%YAML 1.2\n",
            "...\n",
            "\uD83D\uDE00",
            "\u0000",
            "\r\n",
            "? ",
            "<<: ")
        .list()
        .ofMaxSize(60)
        .map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<String> detections() {
    Arbitrary<String> keys =
        Arbitraries.of(
            "sel",
            "sel2",
            "condition",
            "timeframe",
            "'|all'",
            "'A|contains'",
            "'B|re|i'",
            "'C|nope'",
            "'|'",
            "'D||x'",
            "_f",
            "''",
            "'x|cidr'",
            "1",
            "null");
    Arbitrary<String> scalars =
        Arbitraries.of(
            "1",
            "'1'",
            "true",
            "null",
            "~",
            "''",
            "'a*b?'",
            "'\\\\*'",
            "sel",
            "'sel or sel2'",
            "'1 of sel*'",
            "'all of them'",
            "'not'",
            "'sel | count() > 1'",
            "0x1F",
            ".inf",
            "'(sel'",
            "'C:\\\\Win\\\\'",
            "[]",
            "{}");
    return node(keys, scalars, 4);
  }

  private Arbitrary<String> node(Arbitrary<String> keys, Arbitrary<String> scalars, int depth) {
    if (depth == 0) {
      return scalars;
    }
    Arbitrary<String> child = Arbitraries.lazy(() -> node(keys, scalars, depth - 1));
    Arbitrary<String> list = child.list().ofMaxSize(4).map(l -> "[" + String.join(", ", l) + "]");
    Arbitrary<String> map =
        Arbitraries.entries(keys, child)
            .list()
            .ofMaxSize(4)
            .map(
                l ->
                    "{"
                        + String.join(
                            ", ", l.stream().map(e -> e.getKey() + ": " + e.getValue()).toList())
                        + "}");
    return Arbitraries.oneOf(scalars, list, map, map);
  }

  @Provide
  Arbitrary<String> conditions() {
    return Arbitraries.of(
            "sel", "sel2", "_f", "kw", "nosuch", "and", "or", "not", "(", ")", "1", "all", "of",
            "them", "sel*", "*", "|", "count()", "near", "AND", "any", "2", "x*y")
        .list()
        .ofMaxSize(15)
        .map(l -> String.join(" ", l));
  }
}
