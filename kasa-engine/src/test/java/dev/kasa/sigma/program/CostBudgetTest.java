package dev.kasa.sigma.program;

import static dev.kasa.sigma.program.SigmaProgramTest.compile;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.event.EventFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The deterministic cost budget of regex tests: instructions × value chars, at most 10^8. */
class CostBudgetTest {
  private static final String RULES =
      rule("slow", "sel:\n  CommandLine|re: '(.*a){1000}'\ncondition: sel")
          + rule("fast", "sel:\n  Image|endswith: '\\\\evil.exe'\ncondition: sel")
          + rule("small", "sel:\n  CommandLine|re: 'b+a'\ncondition: sel");

  private static String rule(String id, String detection) {
    return "title: rule "
        + id
        + "\nid: "
        + id
        + "\nlogsource:\n  product: kasatest\ndetection:\n"
        + detection.indent(2)
        + "---\n";
  }

  private static String event(String image, String commandLine) {
    return "{\"Image\":\"" + image + "\",\"CommandLine\":\"" + commandLine + "\"}\n";
  }

  @Test
  void aTestAboveTheBudgetIsNotRunAndIsReportedWhileTheOtherRulesStillMatch() {
    SigmaProgram p = compile(RULES);
    // (.*a){1000} compiles to 5,002 instructions: 19,992 chars is the most it may search.
    String within = "ab".repeat(9_996);
    String above = "ab".repeat(9_997);
    String events =
        event("C:\\\\evil.exe", above) + event("C:\\\\good.exe", within) + event("x", above);
    List<SigmaMatch> m = ProgramHarness.run(p, events, EventFormat.NDJSON, "big.json");
    assertThat(m)
        .extracting(x -> x.line() + ":" + x.rule().id())
        .containsExactly("1:fast", "1:small", "2:slow", "2:small", "3:small");
    assertThat(p.stopped()).hasSize(1);
    BudgetStop stop = p.stopped().get(0);
    assertThat(stop.rule().id()).isEqualTo("slow");
    assertThat(stop.test()).isEqualTo("re:(.*a){1000}");
    assertThat(stop.input()).endsWith("big.json");
    assertThat(stop.line()).isEqualTo(1);
    assertThat(stop.field()).isEqualTo("CommandLine");
    assertThat(stop.chars()).isEqualTo(19_994);
    assertThat(stop.instructions()).isEqualTo(5_002);
    assertThat(stop.values()).isEqualTo(2);
  }

  @Test
  void nothingIsStoppedWhenEveryTestIsWithinTheBudget() {
    SigmaProgram p = compile(RULES);
    ProgramHarness.run(p, event("x", "ab".repeat(100)), EventFormat.NDJSON, "small.json");
    assertThat(p.stopped()).isEmpty();
  }
}
