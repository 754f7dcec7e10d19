package dev.kasa.sigma.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.ErrorCode;
import dev.kasa.Problem;
import dev.kasa.sigma.rule.ParseResult;
import dev.kasa.sigma.rule.RuleLoader;
import dev.kasa.sigma.rule.RuleSet;
import dev.kasa.sigma.rule.SigmaCorrelation;
import dev.kasa.sigma.rule.SigmaParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A correlation cycle is one condition: loading a rule set and building a correlation engine from
 * the same correlations report it with the same code, location and message.
 */
class CycleCheckTest {
  private static final String RULES =
      correlation("c1", "c2")
          + "---\n"
          + correlation("c2", "c1", "r1")
          + "---\n"
          + correlation("c3", "c3")
          + "---\n"
          + correlation("c4", "r1")
          + "---\n"
          + "title: R\nid: r1\nlogsource:\n  product: windows\n"
          + "detection:\n  sel: x\n  condition: sel\n";

  @TempDir Path dir;

  private static String correlation(String id, String... rules) {
    return "title: C "
        + id
        + "\nid: "
        + id
        + "\ncorrelation:\n  type: temporal\n  rules: ["
        + String.join(", ", rules)
        + "]\n  timespan: 5m\n";
  }

  @Test
  void loadingAndTheEngineReportTheSameCycles() throws IOException {
    Path file = Files.writeString(dir.resolve("c.yml"), RULES);
    RuleSet loaded = RuleLoader.load(List.of(file));

    ParseResult parsed = SigmaParser.parse(RULES, file.toString());
    List<SigmaCorrelation> all =
        parsed.documents().stream()
            .filter(SigmaCorrelation.class::isInstance)
            .map(SigmaCorrelation.class::cast)
            .toList();
    CorrelationEngine engine = CorrelationEngine.create(all, CorrelationEngine.Limits.defaults());

    assertThat(loaded.problems())
        .extracting(Problem::code)
        .containsOnly(ErrorCode.CORRELATION_CYCLE);
    assertThat(loaded.problems()).hasSize(3);
    assertThat(engine.problems()).containsExactlyElementsOf(loaded.problems());
    assertThat(loaded.problems().get(0).text())
        .isEqualTo(file + ":1:1: rule c1: correlation refers to itself through its rules");
    assertThat(loaded.correlations()).extracting(c -> c.info().id()).containsExactly("c4");
    assertThat(engine.isReferenced("r1")).as("c4 still runs").isTrue();
  }
}
