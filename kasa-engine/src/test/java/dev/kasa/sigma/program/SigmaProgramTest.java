package dev.kasa.sigma.program;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.Problem;
import dev.kasa.Problems;
import dev.kasa.event.EventFormat;
import dev.kasa.sigma.logsource.LogSourceMap;
import dev.kasa.sigma.match.Placeholders;
import dev.kasa.sigma.rule.RuleSet;
import dev.kasa.sigma.rule.SigmaCorrelation;
import dev.kasa.sigma.rule.SigmaDocument;
import dev.kasa.sigma.rule.SigmaFilter;
import dev.kasa.sigma.rule.SigmaParser;
import dev.kasa.sigma.rule.SigmaRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SigmaProgramTest {

  static SigmaProgram compile(String yaml) {
    SigmaProgram program =
        SigmaProgram.compile(
            ruleSet(yaml), LogSourceMap.defaults(), Placeholders.NONE, r -> Set.of());
    assertThat(program.problems()).isEmpty();
    return program;
  }

  static RuleSet ruleSet(String yaml) {
    var parsed = SigmaParser.parse(yaml, "test.yml");
    assertThat(parsed.problems()).isEmpty();
    List<SigmaRule> rules = new ArrayList<>();
    List<SigmaCorrelation> correlations = new ArrayList<>();
    List<SigmaFilter> filters = new ArrayList<>();
    for (SigmaDocument d : parsed.documents()) {
      switch (d) {
        case SigmaRule r -> rules.add(r);
        case SigmaCorrelation c -> correlations.add(c);
        case SigmaFilter f -> filters.add(f);
      }
    }
    return new RuleSet(rules, correlations, filters, List.of(), 1, 0);
  }

  static List<String> matchedIds(SigmaProgram p, String jsonLines) {
    return ProgramHarness.run(p, jsonLines, EventFormat.NDJSON, "events.json").stream()
        .map(m -> m.line() + ":" + m.rule().id())
        .toList();
  }

  private static String rule(String id, String detection) {
    return "title: rule "
        + id
        + "\nid: "
        + id
        + "\nlevel: high\ntags: [attack.execution, attack.t1059.001]\n"
        + "logsource:\n  product: kasatest\ndetection:\n"
        + detection.indent(2)
        + "---\n";
  }

  @Test
  void literalsOfManyRulesAreMatchedCaseInsensitivelyAndPerRule() {
    SigmaProgram p =
        compile(
            rule("r1", "sel:\n  Image|endswith: '\\\\cmd.exe'\ncondition: sel")
                + rule("r2", "sel:\n  CommandLine|contains: 'WHOAMI'\ncondition: sel")
                + rule("r3", "sel:\n  CommandLine|startswith: 'net '\ncondition: sel")
                + rule("r4", "sel:\n  Image: 'C:\\\\Windows\\\\cmd.exe'\ncondition: sel"));
    String events =
        """
        {"Image":"C:\\\\Windows\\\\CMD.EXE","CommandLine":"cmd /c whoami"}
        {"Image":"C:\\\\x\\\\net.exe","CommandLine":"NET user"}
        {"Image":"C:\\\\cmd.exe.bak","CommandLine":"x whoamI y"}
        """;
    assertThat(matchedIds(p, events)).containsExactly("1:r1", "1:r2", "1:r4", "2:r3", "3:r2");
  }

  @Test
  void negatedConditionsAreEvaluatedEvenWhenNoAtomHolds() {
    SigmaProgram p =
        compile(
            rule(
                    "n1",
                    "sel:\n"
                        + "  User|exists: true\n"
                        + "filter:\n"
                        + "  User: 'SYSTEM'\n"
                        + "condition: sel and not filter")
                + rule("n2", "filter:\n  User: 'admin'\ncondition: not filter"));
    String events =
        """
        {"User":"system"}
        {"User":"bob"}
        {"Other":"x"}
        {"User":"ADMIN"}
        """;
    assertThat(matchedIds(p, events)).containsExactly("1:n2", "2:n1", "2:n2", "3:n2", "4:n1");
  }

  @Test
  void quantifiersKeywordsNullAndFieldReferences() {
    SigmaProgram p =
        compile(
            rule("q1", "sel_a:\n  A: x\nsel_b:\n  B: y\ncondition: 1 of sel_*")
                + rule("q2", "sel_a:\n  A: x\nsel_b:\n  B: y\ncondition: all of them")
                + rule("k1", "keywords:\n  - 'evil*tool'\ncondition: keywords")
                + rule("z1", "sel:\n  A: x\n  C: null\ncondition: sel")
                + rule("f1", "sel:\n  A|fieldref: B\ncondition: sel"));
    String events =
        """
        {"A":"x","B":"y"}
        {"A":"x","C":"c"}
        {"A":"nothing","D":"an EVIL big tool here"}
        {"A":"same","B":"SAME"}
        """;
    assertThat(matchedIds(p, events))
        .containsExactly("1:q1", "1:q2", "1:z1", "2:q1", "3:k1", "4:f1");
  }

  @Test
  void regexesFireOnWhatRe2MatchesWhateverTheirPrefilterLiteral() {
    SigmaProgram p =
        compile(
            rule("x1", "sel:\n  CommandLine|re: '[[:alpha:]abc]x'\ncondition: sel")
                + rule("x2", "sel:\n  CommandLine|re: '\\x41BC'\ncondition: sel")
                + rule("x3", "sel:\n  CommandLine|re: '\\pLabc'\ncondition: sel"));
    String events =
        """
        {"CommandLine":"zx"}
        {"CommandLine":"ABC"}
        {"CommandLine":"Xabc"}
        {"CommandLine":"41bc 1abc"}
        """;
    assertThat(matchedIds(p, events)).containsExactly("1:x1", "2:x2", "3:x3");
  }

  @Test
  void aMatchReportsTheFieldsThatMadeItAndItsTechniques() {
    SigmaProgram p =
        compile(
            rule(
                "m1",
                "sel:\n  CommandLine|contains|all: ['-enc', 'hidden']\n"
                    + "filter:\n  User: svc\ncondition: sel and not filter"));
    List<SigmaMatch> m =
        ProgramHarness.run(
            p,
            "{\"User\":\"bob\",\"CommandLine\":\"powershell -w hidden -enc AAA\"}\n",
            EventFormat.NDJSON,
            "e.json");
    assertThat(m).hasSize(1);
    assertThat(m.get(0).fields())
        .containsExactly(new SigmaMatch.Field("CommandLine", "powershell -w hidden -enc AAA"));
    assertThat(m.get(0).techniques()).containsExactly("T1059.001");
    assertThat(m.get(0).rule().level()).isEqualTo("high");
  }

  @Test
  void filtersJoinTheRulesTheyName() {
    SigmaProgram p =
        compile(
            rule("base", "sel:\n  Image|endswith: '.exe'\ncondition: sel")
                + """
                title: not our updater
                id: flt
                logsource:
                  product: kasatest
                filter:
                  rules: [base]
                  selection:
                    Image|endswith: 'updater.exe'
                  condition: not selection
                """);
    assertThat(matchedIds(p, "{\"Image\":\"a.exe\"}\n{\"Image\":\"updater.exe\"}\n"))
        .containsExactly("1:base");
  }

  @Test
  void rulesOfUnmappedLogSourcesApplyOnlyToGenericJson() {
    SigmaProgram p = compile(rule("u1", "sel:\n  A: x\ncondition: sel"));
    assertThat(p.unmapped()).hasSize(1);
    assertThat(
            ProgramHarness.run(
                p,
                "{\"Event\":{\"System\":{\"EventID\":1},\"EventData\":{\"A\":\"x\"}}}\n",
                EventFormat.EVTX_JSON,
                "e.json"))
        .isEmpty();
  }

  @Test
  void eventIdsRequiredByAConditionNarrowTheRuleWithoutChangingWhatMatches() {
    SigmaProgram p =
        compile(
            rule("e1", "sel:\n  EventID: 4624\n  User: bob\ncondition: sel")
                + rule(
                    "e2",
                    "a:\n  EventID: [4624, 4625]\nb:\n  EventID: 4688\n  User: bob\n"
                        + "condition: a or b")
                + rule("e3", "sel:\n  EventID: 4624\ncondition: not sel")
                + rule("e4", "sel:\n  User: bob\ncondition: sel"));
    String events =
        """
        {"EventID":4624,"User":"bob"}
        {"EventID":4688,"User":"bob"}
        {"EventID":4625,"User":"eve"}
        {"EventID":"4624","User":"eve"}
        {"User":"bob"}
        """;
    assertThat(matchedIds(p, events))
        .containsExactly(
            "1:e1", "1:e2", "1:e4", "2:e2", "2:e3", "2:e4", "3:e2", "3:e3", "4:e2", "5:e3", "5:e4");
  }

  @Test
  void keywordsAreFoundInTheRawTextWithJsonEscapesAndWithoutJsonPunctuation() {
    SigmaProgram p =
        compile(
            rule("k1", "keywords:\n  - '\\mimilib.dll'\n  - 'sekurlsa::'\ncondition: keywords")
                + rule("k2", "keywords:\n  - ':4624'\ncondition: keywords"));
    assertThat(p.capture().allFor("ndjson")).as("k2 needs every value decoded").isTrue();
    String events =
        """
        {"CommandLine":"rundll32 C:\\\\x\\\\MIMILIB.DLL"}
        {"EventID":4624,"Message":"SEKURLSA::logonpasswords"}
        {"Message":"port :4624 open"}
        {"Message":"mimilib.dll without a backslash"}
        """;
    assertThat(matchedIds(p, events)).containsExactly("1:k1", "2:k1", "3:k2");
  }

  @Test
  void aKeywordMatchSaysWhichKeywordItFound() {
    SigmaProgram p =
        compile(
            rule("k1", "keywords:\n  - '\\mimilib.dll'\n  - 'sekurlsa::'\ncondition: keywords")
                + rule("k2", "keywords:\n  - ':4624'\ncondition: keywords")
                + rule("f1", "sel:\n  Message|contains: 'open'\ncondition: sel"));
    String events =
        """
        {"CommandLine":"rundll32 C:\\\\x\\\\MIMILIB.DLL"}
        {"EventID":4624,"Message":"SEKURLSA::logonpasswords"}
        {"Message":"port :4624 open"}
        """;
    assertThat(
            ProgramHarness.run(p, events, EventFormat.NDJSON, "events.json").stream()
                .map(m -> m.line() + ":" + m.rule().id() + " " + m.keywords())
                .toList())
        .containsExactly("1:k1 [\\mimilib.dll]", "2:k1 [sekurlsa::]", "3:k2 [:4624]", "3:f1 []");
  }

  @Test
  void rulesWhosePlaceholdersHaveNoValuesAreSetAsideNotRejected() {
    var parsed =
        SigmaParser.parse(
            rule("w1", "sel:\n  A|expand: '%hosts%'\ncondition: sel")
                + rule(
                    "w2",
                    "sel:\n"
                        + "  A: x\n"
                        + "f:\n"
                        + "  B|expand: '%hosts%'\n"
                        + "  C|expand: '%users%'\n"
                        + "condition: sel and not f")
                + rule("bad", "sel:\n  A|expand: '%hosts%'\n  B|re: '(?=x)'\ncondition: sel")
                + rule("ok", "sel:\n  A: x\ncondition: sel"),
            "test.yml");
    List<SigmaRule> rules = parsed.documents().stream().map(SigmaRule.class::cast).toList();
    SigmaProgram p =
        SigmaProgram.compile(
            new RuleSet(rules, List.of(), List.of(), List.of(), 1, 0),
            LogSourceMap.defaults(),
            Placeholders.NONE,
            r -> Set.of());
    assertThat(p.rules()).extracting(r -> r.id()).containsExactly("ok");
    assertThat(p.setAside()).extracting(r -> r.rule().id()).containsExactly("w1", "w2");
    assertThat(p.setAside().get(1).placeholders())
        .extracting(RuleProblemText::of)
        .containsExactly(
            "unknown-placeholder: placeholder %hosts% in '%hosts%' has no values",
            "unknown-placeholder: placeholder %users% in '%users%' has no values");
    assertThat(p.problems())
        .as("a rule with a real problem is rejected, its placeholders listed with it")
        .extracting(RuleProblemText::of)
        .containsExactly(
            "unsupported-regex: regular expression '(?=x)' uses the lookahead (?= at offset 0",
            "unknown-placeholder: placeholder %hosts% in '%hosts%' has no values");
    assertThat(p.problems()).allMatch(x -> "bad".equals(Problems.rule(x)));

    SigmaProgram given =
        SigmaProgram.compile(
            new RuleSet(rules, List.of(), List.of(), List.of(), 1, 0),
            LogSourceMap.defaults(),
            new Placeholders(java.util.Map.of("hosts", List.of("h1"), "users", List.of("u1"))),
            r -> Set.of());
    assertThat(given.setAside()).isEmpty();
    assertThat(given.rules()).extracting(r -> r.id()).containsExactly("w1", "w2", "ok");
  }

  private static final class RuleProblemText {
    static String of(Problem p) {
      return p.code().label() + ": " + p.message();
    }
  }
}
