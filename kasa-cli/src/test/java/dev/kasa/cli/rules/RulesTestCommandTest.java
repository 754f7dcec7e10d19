package dev.kasa.cli.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.cli.CliRun;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code kasa rules test}: regression data in SigmaHQ's layout, one line per test. */
class RulesTestCommandTest {
  private static final String RULE = "7c5f1a52-0000-4000-8000-000000000020";

  private static Path repo() {
    try {
      return Path.of(RulesTestCommandTest.class.getResource("fixtures/regression-repo").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void eachTestPassesOnlyWithAtLeastItsMatchCount() {
    CliRun run = CliRun.kasa("rules", "test", repo().toString());
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0))
        .startsWith("FAIL  " + RULE + "  Whoami Run by a Service Account  expected at least 3")
        .contains("got 1");
    assertThat(lines.get(1))
        .isEqualTo(
            "PASS  "
                + RULE
                + "  Whoami Run by a Service Account  1 match(es), expected at least 1");
    assertThat(run.out()).contains("1 of 2 regression tests passed; 1 failed");
    assertThat(run.status()).isEqualTo(1);
  }

  @Test
  void theRegressionFolderItselfFindsTheRulesBesideIt() {
    CliRun run =
        CliRun.kasa(
            "rules",
            "test",
            repo().resolve("regression_data/rules/windows/whoami/pass").toString(),
            "--rules",
            repo().resolve("rules").toString());
    assertThat(run.out()).contains("1 of 1 regression tests passed");
    assertThat(run.status()).isZero();
  }

  @Test
  void aTestOfAnUnknownRuleFails() {
    CliRun run =
        CliRun.kasa(
            "rules",
            "test",
            repo().resolve("regression_data").toString(),
            "--rules",
            repo().resolve("regression_data").toString());
    assertThat(run.out()).contains("is not among the compiled rules");
    assertThat(run.status()).isEqualTo(1);
  }
}
