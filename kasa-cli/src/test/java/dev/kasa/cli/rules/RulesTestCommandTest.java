package dev.kasa.cli.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.cli.CliRun;
import dev.kasa.cli.evtx.EvtxFiles;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  /** The fixture repository with a .evtx beside each JSON sample: 3 whoami runs, 1 in pass. */
  private static Path withEvtx(Path dir) throws IOException {
    Path root = dir.resolve("repo");
    try (var walk = Files.walk(repo())) {
      for (Path p : walk.toList()) {
        Path to = root.resolve(repo().relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    String sample = "7c5f1a52-0000-4000-8000-000000000020.evtx";
    Path whoami = root.resolve("regression_data/rules/windows/whoami");
    EvtxFiles.write(whoami.resolve("fail").resolve(sample), 40, 10, List.of(3, 17, 33));
    EvtxFiles.write(whoami.resolve("pass").resolve(sample), 5, 10, List.of(2));
    return root;
  }

  @Test
  void theEvtxThatInfoYmlNamesIsWhatIsRead(@TempDir Path dir) throws IOException {
    Path root = withEvtx(dir);
    CliRun run = CliRun.kasa("rules", "test", root.toString());
    assertThat(run.out())
        .contains(
            "PASS  " + RULE + "  Whoami Run by a Service Account  3 match(es), expected at least 3")
        .contains("2 of 2 regression tests passed; 0 failed");
    assertThat(run.status()).isZero();
  }

  @Test
  void withJsonTheEvtxDumpJsonBesideItIsRead(@TempDir Path dir) throws IOException {
    Path root = withEvtx(dir);
    CliRun run = CliRun.kasa("rules", "test", "--json", root.toString());
    assertThat(run.out()).contains("1 of 2 regression tests passed; 1 failed");
    assertThat(run.status()).isEqualTo(1);
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
