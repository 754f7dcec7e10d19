package dev.kasa.sigma.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.Location.FilePosition;
import dev.kasa.Problem;
import dev.kasa.Problems;
import dev.kasa.sigma.rule.Condition.And;
import dev.kasa.sigma.rule.Condition.Not;
import dev.kasa.sigma.rule.Condition.Or;
import dev.kasa.sigma.rule.Condition.Ref;
import dev.kasa.sigma.rule.Search.FieldGroups;
import dev.kasa.sigma.rule.Search.Keywords;
import dev.kasa.sigma.rule.SigmaValue.Part;
import java.util.List;
import org.junit.jupiter.api.Test;

class SigmaParserTest {
  static final String HEAD =
      """
      title: Test rule
      id: 11111111-2222-3333-4444-555555555555
      status: Test
      level: HIGH
      tags:
        - attack.t1059.001
      logsource:
        product: Windows
        category: Process_Creation
      """;

  static ParseResult parse(String yaml) {
    return SigmaParser.parse(yaml, "t.yml");
  }

  static SigmaRule rule(String detection) {
    ParseResult r = parse(HEAD + detection);
    assertThat(r.problems()).isEmpty();
    assertThat(r.documents()).hasSize(1);
    return (SigmaRule) r.documents().get(0);
  }

  static Problem onlyProblem(String yaml) {
    ParseResult r = parse(yaml);
    assertThat(r.documents()).isEmpty();
    assertThat(r.problems()).hasSize(1);
    return r.problems().get(0);
  }

  @Test
  void readsInfoAndLowerCasesLogsourceStatusLevel() {
    SigmaRule r = rule("detection:\n  sel:\n    EventID: 1\n  condition: sel\n");
    assertThat(r.info().id()).isEqualTo("11111111-2222-3333-4444-555555555555");
    assertThat(r.info().title()).isEqualTo("Test rule");
    assertThat(r.info().status()).isEqualTo("test");
    assertThat(r.info().level()).isEqualTo("high");
    assertThat(r.info().tags()).containsExactly("attack.t1059.001");
    assertThat(r.info().position()).isEqualTo(new FilePosition("t.yml", 1, 1));
    assertThat(r.logsource()).isEqualTo(new LogSource("process_creation", "windows", null));
  }

  @Test
  void mapIsOneFieldGroupWithModifiersInWrittenOrder() {
    SigmaRule r =
        rule(
            """
            detection:
              sel:
                Image|endswith: '\\\\evil.exe'
                CommandLine|wide|base64offset|contains:
                  - a
                  - b
              condition: sel
            """);
    FieldGroups g = (FieldGroups) r.detection().searches().get("sel");
    assertThat(g.alternatives()).hasSize(1);
    List<FieldTest> tests = g.alternatives().get(0).tests();
    assertThat(tests.get(0).field()).isEqualTo("Image");
    assertThat(tests.get(0).modifiers()).containsExactly(Modifier.ENDSWITH);
    assertThat(tests.get(1).modifiers())
        .containsExactly(Modifier.WIDE, Modifier.BASE64OFFSET, Modifier.CONTAINS);
    assertThat(tests.get(1).values()).hasSize(2);
    assertThat(tests.get(1).position()).isEqualTo(new FilePosition("t.yml", 13, 5));
    assertThat(r.detection().condition()).isEqualTo(new Ref("sel"));
  }

  @Test
  void listOfMapsIsSeveralGroups() {
    SigmaRule r =
        rule("detection:\n  sel:\n    - A: 1\n    - B: 2\n      C: 3\n  condition: sel\n");
    FieldGroups g = (FieldGroups) r.detection().searches().get("sel");
    assertThat(g.alternatives()).hasSize(2);
    assertThat(g.alternatives().get(1).tests())
        .extracting(FieldTest::field)
        .containsExactly("B", "C");
  }

  @Test
  void scalarsAndModifierOnlyKeysAreKeywords() {
    SigmaRule r =
        rule(
            """
            detection:
              kw:
                - evil
                - bad
              one: single
              both:
                '|all':
                  - x
                  - y
              condition: kw or one or both
            """);
    Keywords kw = (Keywords) r.detection().searches().get("kw");
    assertThat(kw.test().values()).hasSize(2);
    assertThat(kw.test().modifiers()).isEmpty();
    assertThat(((Keywords) r.detection().searches().get("one")).test().values()).hasSize(1);
    Keywords both = (Keywords) r.detection().searches().get("both");
    assertThat(both.test().field()).isNull();
    assertThat(both.test().modifiers()).containsExactly(Modifier.ALL);
  }

  @Test
  void valuesAreTypedByTheCoreSchema() {
    SigmaRule r =
        rule(
            """
            detection:
              sel:
                A: 4688
                B: '4688'
                C: true
                D: null
                E: ~
                F:
                G: 0x10
                H: 1.5
              condition: sel
            """);
    List<SigmaValue> v =
        ((FieldGroups) r.detection().searches().get("sel"))
            .alternatives().get(0).tests().stream().map(t -> t.values().get(0)).toList();
    assertThat(v.get(0)).isEqualTo(new SigmaValue.Number("4688", 4688));
    assertThat(v.get(1)).isEqualTo(new SigmaValue.Text("4688", List.of(new Part.Literal("4688"))));
    assertThat(v.get(2)).isEqualTo(new SigmaValue.Bool(true));
    assertThat(v.subList(3, 6)).containsOnly(new SigmaValue.Null());
    assertThat(v.get(6)).isEqualTo(new SigmaValue.Number("0x10", 16));
    assertThat(v.get(7)).isEqualTo(new SigmaValue.Number("1.5", 1.5));
  }

  @Test
  void textValuesHaveWildcardsParsed() {
    SigmaRule r = rule("detection:\n  sel:\n    A: 'C:\\Win\\*.exe'\n  condition: sel\n");
    SigmaValue.Text t =
        (SigmaValue.Text)
            ((FieldGroups) r.detection().searches().get("sel"))
                .alternatives()
                .get(0)
                .tests()
                .get(0)
                .values()
                .get(0);
    assertThat(t.raw()).isEqualTo("C:\\Win\\*.exe");
    assertThat(t.parts()).containsExactly(new Part.Literal("C:\\Win*.exe"));
  }

  @Test
  void conditionPrecedenceAndListsAreParsed() {
    SigmaRule r =
        rule(
            """
            detection:
              a: x
              b: y
              c: z
              condition:
                - a or b and not c
                - (a or b) and c
            """);
    assertThat(r.detection().condition())
        .isEqualTo(
            new Or(
                List.of(
                    new Or(
                        List.of(
                            new Ref("a"), new And(List.of(new Ref("b"), new Not(new Ref("c")))))),
                    new And(List.of(new Or(List.of(new Ref("a"), new Ref("b"))), new Ref("c"))))));
  }

  @Test
  void timeframeIsIgnored() {
    SigmaRule r = rule("detection:\n  sel: x\n  timeframe: 5m\n  condition: sel\n");
    assertThat(r.detection().searches()).containsOnlyKeys("sel");
  }

  @Test
  void unknownModifierIsReportedAtItsKey() {
    Problem p = onlyProblem(HEAD + "detection:\n  sel:\n    A|nope: x\n  condition: sel\n");
    assertThat(p.code().label()).isEqualTo("unknown-modifier");
    assertThat(Problems.position(p)).isEqualTo(new FilePosition("t.yml", 12, 5));
    assertThat(Problems.rule(p)).isEqualTo("11111111-2222-3333-4444-555555555555");
    assertThat(p.message()).contains("'nope'");
  }

  @Test
  void nestedMapValueAndEmptyListAreBadValues() {
    ParseResult r =
        parse(HEAD + "detection:\n  sel:\n    A:\n      B: 1\n    C: []\n  condition: sel\n");
    assertThat(r.documents()).isEmpty();
    assertThat(r.problems())
        .extracting(p -> p.code().label())
        .containsExactly("bad-value", "bad-value");
    assertThat(Problems.position(r.problems().get(0)).line()).isEqualTo(13);
    assertThat(Problems.position(r.problems().get(1)).line()).isEqualTo(14);
  }

  @Test
  void missingTitleLogsourceAndConditionAreAllReported() {
    ParseResult r = parse("id: x\ndetection:\n  sel: a\n");
    assertThat(r.documents()).isEmpty();
    assertThat(r.problems())
        .extracting(p -> p.code().label())
        .containsExactlyInAnyOrder("missing-title", "missing-logsource", "missing-condition");
  }

  @Test
  void conditionErrorsPointInsideAPlainCondition() {
    Problem p = onlyProblem(HEAD + "detection:\n  sel: a\n  condition: sel and nosuch\n");
    assertThat(p.code().label()).isEqualTo("bad-condition");
    assertThat(p.message()).contains("'nosuch'");
    assertThat(Problems.position(p)).isEqualTo(new FilePosition("t.yml", 12, 22));
  }

  @Test
  void conditionErrorsPointInsideAQuotedCondition() {
    Problem p = onlyProblem(HEAD + "detection:\n  sel: a\n  condition: 'sel or x'\n");
    assertThat(Problems.position(p)).isEqualTo(new FilePosition("t.yml", 12, 22));
  }

  @Test
  void conditionErrorsInAMultiLineScalarPointAtItsStart() {
    Problem p = onlyProblem(HEAD + "detection:\n  sel: a\n  condition: >\n    sel or\n    x\n");
    assertThat(Problems.position(p)).isEqualTo(new FilePosition("t.yml", 12, 14));
  }

  @Test
  void everyBadConditionOfAListIsReported() {
    ParseResult r =
        parse(HEAD + "detection:\n  sel: a\n  condition:\n    - x\n    - sel\n    - y\n");
    assertThat(r.documents()).isEmpty();
    assertThat(r.problems()).extracting(p -> Problems.position(p).line()).containsExactly(13L, 15L);
  }

  @Test
  void sigmaOneAggregationsAreDeprecated() {
    assertThat(
            onlyProblem(HEAD + "detection:\n  sel: a\n  condition: sel | count() > 5\n")
                .code()
                .label())
        .isEqualTo("deprecated-aggregation");
  }

  @Test
  void multiDocumentFileKeepsGoodDocumentsAroundABrokenOne() {
    String good = HEAD + "detection:\n  sel: a\n  condition: sel\n";
    ParseResult r = parse(good + "---\ntitle: [broken\n---\n" + good.replace("1111", "9999"));
    assertThat(r.documents()).hasSize(2);
    assertThat(r.problems()).hasSize(1);
    assertThat(r.problems().get(0).code().label()).isEqualTo("yaml-syntax");
    assertThat(Problems.position(r.problems().get(0)).line()).isBetween(14L, 15L);
  }

  @Test
  void documentLinesCountFromTheFileStart() {
    String good = HEAD + "detection:\n  sel: a\n  condition: sel\n";
    ParseResult r = parse(good + "---\n" + good.replace("sel\n", "nosuch\n"));
    assertThat(r.documents()).hasSize(1);
    assertThat(Problems.position(r.problems().get(0)).line()).isEqualTo(25);
  }

  @Test
  void windowsLineEndsAndLeadingDirectivesKeepLineNumbers() {
    String good = HEAD + "detection:\n  sel: a\n  condition: sel\n";
    String text = "%YAML 1.2\n---\n" + good + "---\n" + good.replace("sel\n", "nosuch\n");
    ParseResult r = parse(text.replace("\n", "\r\n"));
    assertThat(r.documents()).hasSize(1);
    assertThat(r.problems()).hasSize(1);
    assertThat(Problems.position(r.problems().get(0))).isEqualTo(new FilePosition("t.yml", 27, 14));
  }

  @Test
  void documentWithoutKindOrWithTwoIsBad() {
    assertThat(onlyProblem("title: x\nfoo: 1\n").code().label()).isEqualTo("bad-document");
    assertThat(onlyProblem("- a\n- b\n").code().label()).isEqualTo("bad-document");
    assertThat(
            onlyProblem(HEAD + "detection:\n  s: a\n  condition: s\nfilter:\n  rules: x\n")
                .message())
        .contains("more than one");
  }

  @Test
  void duplicateKeysAreReported() {
    ParseResult r = parse(HEAD + "detection:\n  sel: a\n  sel: b\n  condition: sel\n");
    assertThat(r.problems()).extracting(p -> p.code().label()).containsExactly("duplicate-key");
  }

  @Test
  void emptyTextAndEmptyDocumentsGiveNothing() {
    assertThat(parse("").documents()).isEmpty();
    assertThat(parse("").problems()).isEmpty();
    assertThat(parse("---\n---\n# only a comment\n").problems()).isEmpty();
  }

  @Test
  void limitsAreProblems() {
    assertThat(onlyProblem("a".repeat(SigmaParser.MAX_CHARS + 1)).code().label())
        .isEqualTo("too-large");
    assertThat(onlyProblem("[".repeat(100) + "]".repeat(100)).code().label()).isEqualTo("too-deep");
    assertThat(onlyProblem("title: !custom x\n").code().label()).isEqualTo("yaml-tag");
    String bomb =
        "a: &a [x, x, x, x, x, x, x, x, x]\n"
            + "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
            + "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n";
    assertThat(onlyProblem(bomb).code().label()).isEqualTo("yaml-syntax");
  }

  @Test
  void hugeNestingIsStoppedBeforeTheComposerRecurses() {
    assertThat(onlyProblem("a: " + "[".repeat(500_000)).code().label()).isEqualTo("too-deep");
    assertThat(onlyProblem("- ".repeat(100_000) + "x\n").code().label()).isEqualTo("too-deep");
  }

  @Test
  void keywordKeysInsideAFieldMapAreFieldlessTests() {
    SigmaRule r = rule("detection:\n  sel:\n    A: 1\n    '|contains': x\n  condition: sel\n");
    List<FieldTest> tests =
        ((FieldGroups) r.detection().searches().get("sel")).alternatives().get(0).tests();
    assertThat(tests).extracting(FieldTest::field).containsExactly("A", null);
    assertThat(tests.get(1).modifiers()).containsExactly(Modifier.CONTAINS);
  }

  @Test
  void surrogatePairsAcrossTheReadBufferAreRead() {
    String emoji = "          - '\uD83D\uDE00'\n".repeat(200);
    SigmaRule r = rule("detection:\n  sel:\n    A|contains:\n" + emoji + "  condition: sel\n");
    assertThat(
            ((FieldGroups) r.detection().searches().get("sel"))
                .alternatives()
                .get(0)
                .tests()
                .get(0)
                .values())
        .hasSize(200);
  }
}
