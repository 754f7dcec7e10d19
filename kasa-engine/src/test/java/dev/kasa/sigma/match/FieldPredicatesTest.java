package dev.kasa.sigma.match;

import static dev.kasa.sigma.match.SigmaTests.compile;
import static dev.kasa.sigma.match.SigmaTests.holds;
import static dev.kasa.sigma.match.SigmaTests.number;
import static dev.kasa.sigma.match.SigmaTests.test;
import static dev.kasa.sigma.match.SigmaTests.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kasa.KasaException;
import dev.kasa.sigma.match.FieldPredicate.AllOf;
import dev.kasa.sigma.match.FieldPredicate.AnyOf;
import dev.kasa.sigma.match.FieldPredicate.Exists;
import dev.kasa.sigma.match.FieldPredicate.FieldRef;
import dev.kasa.sigma.match.FieldPredicate.Not;
import dev.kasa.sigma.match.Needle.Literal;
import dev.kasa.sigma.rule.SigmaValue;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldPredicatesTest {

  private static AnyOf literals(Literal... l) {
    return new AnyOf(List.of(l));
  }

  private static Literal lit(LiteralKind kind, String text) {
    return new Literal(kind, text, false);
  }

  @Test
  void plainValueListIsAnOrOfFoldedEqualsLiterals() {
    assertThat(compile("Image", "C:\\Windows\\CMD.exe", "x"))
        .isEqualTo(
            literals(
                lit(LiteralKind.EQUALS, "c:\\windows\\cmd.exe"), lit(LiteralKind.EQUALS, "x")));
  }

  @Test
  void keywordTestsCompileLikeFieldTests() {
    assertThat(compile("|contains", "Evil")).isEqualTo(literals(lit(LiteralKind.CONTAINS, "evil")));
  }

  @Test
  void positionModifiersAndWildcardsBecomeLiteralKinds() {
    assertThat(compile("F|contains", "a")).isEqualTo(literals(lit(LiteralKind.CONTAINS, "a")));
    assertThat(compile("F|startswith", "a")).isEqualTo(literals(lit(LiteralKind.STARTS_WITH, "a")));
    assertThat(compile("F|endswith", "a")).isEqualTo(literals(lit(LiteralKind.ENDS_WITH, "a")));
    assertThat(compile("F", "a*")).isEqualTo(literals(lit(LiteralKind.STARTS_WITH, "a")));
    assertThat(compile("F", "*a")).isEqualTo(literals(lit(LiteralKind.ENDS_WITH, "a")));
    assertThat(compile("F", "**a**")).isEqualTo(literals(lit(LiteralKind.CONTAINS, "a")));
    assertThat(compile("F|contains", "*a")).isEqualTo(literals(lit(LiteralKind.CONTAINS, "a")));
    assertThat(compile("F", "")).isEqualTo(literals(lit(LiteralKind.EQUALS, "")));
  }

  @Test
  void escapedWildcardsAreLiteral() {
    assertThat(compile("F", "a\\*b")).isEqualTo(literals(lit(LiteralKind.EQUALS, "a*b")));
    // \\* is an escaped backslash then a wildcard; \\\* a backslash then a literal star
    assertThat(compile("F|endswith", "\\\\*")).isEqualTo(literals(lit(LiteralKind.CONTAINS, "\\")));
    assertThat(compile("F|endswith", "\\\\\\*"))
        .isEqualTo(literals(lit(LiteralKind.ENDS_WITH, "\\*")));
  }

  @Test
  void innerWildcardsBecomeAGlobPattern() {
    FieldPredicate p = compile("F", "C:\\\\*\\cmd?.exe");
    assertThat(((AnyOf) p).needles()).singleElement().isInstanceOf(Needle.Pattern.class);
    assertThat(holds(p, "c:\\windows\\system32\\CMD1.EXE")).isTrue();
    assertThat(holds(p, "c:\\cmd.exe")).isFalse();
    assertThat(holds(p, "d:\\x\\cmd1.exe")).isFalse();
  }

  @Test
  void aLoneStarAcceptsAnyValueButNotAnAbsentField() {
    FieldPredicate p = compile("F", "*");
    assertThat(holds(p, "")).isTrue();
    assertThat(holds(p, "anything")).isTrue();
    assertThat(holds(p, List.of(), Map.of())).isFalse();
  }

  @Test
  void casedKeepsCase() {
    FieldPredicate p = compile("F|cased|contains", "AbC");
    assertThat(p).isEqualTo(new AnyOf(List.of(new Literal(LiteralKind.CONTAINS, "AbC", true))));
    assertThat(holds(p, "xxAbCxx")).isTrue();
    assertThat(holds(p, "xxabcxx")).isFalse();
    assertThat(holds(compile("F|contains", "AbC"), "xxaBcxx")).isTrue();
  }

  @Test
  void allMakesOnePartPerWrittenValue() {
    FieldPredicate p = compile("CommandLine|contains|all", "-a", "-b");
    assertThat(p)
        .isEqualTo(
            new AllOf(
                List.of(
                    literals(lit(LiteralKind.CONTAINS, "-a")),
                    literals(lit(LiteralKind.CONTAINS, "-b")))));
    assertThat(holds(p, "x -b -a")).isTrue();
    assertThat(holds(p, "x -a")).isFalse();
  }

  @Test
  void allWithWindashKeepsEachValuesVariantsTogether() {
    FieldPredicate p = compile("F|contains|all|windash", "-a", "-b");
    assertThat(p).isInstanceOf(AllOf.class);
    assertThat(((AllOf) p).parts()).hasSize(2);
    assertThat(holds(p, "/a \u2014b")).isTrue();
    assertThat(holds(p, "/a")).isFalse();
  }

  @Test
  void numbersAndBooleansCompareAsText() {
    FieldPredicate p = FieldPredicates.compile(test("EventID", number("4688")), Placeholders.NONE);
    assertThat(p).isEqualTo(literals(lit(LiteralKind.EQUALS, "4688")));
    FieldPredicate b =
        FieldPredicates.compile(test("F", new SigmaValue.Bool(true)), Placeholders.NONE);
    assertThat(b).isEqualTo(literals(lit(LiteralKind.EQUALS, "true")));
  }

  @Test
  void nullMatchesAbsentNullOrEmpty() {
    FieldPredicate p = FieldPredicates.compile(test("F", new SigmaValue.Null()), Placeholders.NONE);
    assertThat(p).isEqualTo(new AnyOf(List.of(new Needle.Null())));
    assertThat(holds(p, List.of(), Map.of())).isTrue();
    assertThat(holds(p, Arrays.asList((String) null), Map.of())).isTrue();
    assertThat(holds(p, "")).isTrue();
    assertThat(holds(p, "x")).isFalse();
  }

  @Test
  void windashWritesEveryDashAsEachOfTheFive() {
    FieldPredicate p = compile("CommandLine|contains|windash", " -s -i ");
    List<Needle> needles = ((AnyOf) p).needles();
    assertThat(needles).hasSize(25);
    assertThat(needles)
        .contains(
            lit(LiteralKind.CONTAINS, " -s -i "),
            lit(LiteralKind.CONTAINS, " /s /i "),
            lit(LiteralKind.CONTAINS, " \u2013s \u2015i "),
            lit(LiteralKind.CONTAINS, " \u2014s -i "));
    assertThat(holds(p, "psexec \u2015s /i cmd")).isTrue();
    assertThat(((AnyOf) compile("F|windash", "/format:")).needles()).hasSize(5);
    // the variants in a fixed order, the first dash varying slowest: rule sets compile the same
    assertThat(needles.subList(0, 3))
        .containsExactly(
            lit(LiteralKind.CONTAINS, " -s -i "),
            lit(LiteralKind.CONTAINS, " -s /i "),
            lit(LiteralKind.CONTAINS, " -s \u2013i "));
    assertThat(needles.get(5)).isEqualTo(lit(LiteralKind.CONTAINS, " /s -i "));
  }

  @Test
  void windashCapsItsExpansions() {
    assertThatThrownBy(() -> compile("F|windash", "-a-b-c-d-e-f"))
        .isInstanceOf(KasaException.class)
        .extracting(e -> ((KasaException) e).code().label())
        .isEqualTo("too-many-expansions");
  }

  @Test
  void existsTakesOneBoolean() {
    FieldPredicate p =
        FieldPredicates.compile(test("F|exists", new SigmaValue.Bool(true)), Placeholders.NONE);
    assertThat(p).isEqualTo(new Exists(true));
    assertThat(holds(p, Arrays.asList((String) null), Map.of())).isTrue();
    assertThat(holds(p, List.of(), Map.of())).isFalse();
    assertThat(
            holds(
                FieldPredicates.compile(
                    test("F|exists", new SigmaValue.Bool(false)), Placeholders.NONE),
                List.of(),
                Map.of()))
        .isTrue();
    assertThatThrownBy(() -> compile("F|exists", "yes"))
        .extracting(e -> ((KasaException) e).code().label())
        .isEqualTo("bad-value");
  }

  @Test
  void neqNegatesTheRestAndHoldsForAnAbsentField() {
    FieldPredicate p = compile("F|neq", "a", "b");
    assertThat(p)
        .isEqualTo(new Not(literals(lit(LiteralKind.EQUALS, "a"), lit(LiteralKind.EQUALS, "b"))));
    assertThat(holds(p, "c")).isTrue();
    assertThat(holds(p, "A")).isFalse();
    assertThat(holds(p, List.of(), Map.of())).isTrue();
  }

  @Test
  void fieldrefComparesWithAnotherFieldOfTheEvent() {
    FieldPredicate p = compile("A|fieldref", "B");
    assertThat(p).isEqualTo(new FieldRef("B", LiteralKind.EQUALS, false));
    assertThat(holds(p, List.of("Bob"), Map.of("B", List.of("bob")))).isTrue();
    assertThat(holds(p, List.of("Bob"), Map.of("B", List.of("alice")))).isFalse();
    assertThat(holds(p, List.of("Bob"), Map.of())).isFalse();
    FieldPredicate cased = compile("A|fieldref|contains|cased", "B");
    assertThat(cased).isEqualTo(new FieldRef("B", LiteralKind.CONTAINS, true));
    assertThat(holds(cased, List.of("xBobx"), Map.of("B", List.of("Bob")))).isTrue();
    assertThat(holds(cased, List.of("xbobx"), Map.of("B", List.of("Bob")))).isFalse();
    FieldPredicate neq = compile("A|fieldref|neq", "B");
    assertThat(holds(neq, List.of("x"), Map.of("B", List.of("y")))).isTrue();
  }

  @Test
  void fieldrefWithSeveralFieldsIsAnOr() {
    FieldPredicate p = compile("A|fieldref", "B", "C");
    assertThat(holds(p, List.of("v"), Map.of("C", List.of("v")))).isTrue();
    assertThat(holds(p, List.of("v"), Map.of("B", List.of("w")))).isFalse();
    FieldPredicate all = compile("A|fieldref|all", "B", "C");
    assertThat(holds(all, List.of("v"), Map.of("C", List.of("v")))).isFalse();
    assertThat(holds(all, List.of("v"), Map.of("B", List.of("v"), "C", List.of("V")))).isTrue();
  }

  @Test
  void multiValuedFieldsMatchWhenAnyElementDoes() {
    FieldPredicate p = compile("F|endswith", ".exe");
    assertThat(holds(p, Arrays.asList(null, "a.txt", "b.EXE"), Map.of())).isTrue();
    assertThat(holds(p, Arrays.asList(null, "a.txt"), Map.of())).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "F|re|contains, re",
    "F|contains|re, contains",
    "F|exists|contains, exists",
    "F|contains|exists, contains",
    "F|lt|gt, lt",
    "F|hour|re, hour",
    "F|hour|minute, hour",
    "F|cidr|contains, cidr",
    "F|contains|startswith, contains",
    "F|base64|base64offset, base64",
    "F|base64offset|endswith, base64offset",
    "F|fieldref|re, fieldref",
    "F|lt|cased, lt",
  })
  void incompatibleModifiersNameBoth(String key, String first) {
    assertThatThrownBy(() -> compile(key, "1"))
        .isInstanceOf(KasaException.class)
        .hasMessageContaining(first)
        .extracting(e -> ((KasaException) e).code().label())
        .isEqualTo("bad-modifier-combination");
  }

  @Test
  void regexSubModifiersNeedRe() {
    assertThatThrownBy(() -> compile("F|i", "x"))
        .hasMessageContaining("requires re")
        .extracting(e -> ((KasaException) e).code().label())
        .isEqualTo("bad-modifier-combination");
  }
}
