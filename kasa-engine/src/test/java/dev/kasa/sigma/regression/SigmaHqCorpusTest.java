package dev.kasa.sigma.regression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.sigma.logsource.LogSourceMap;
import dev.kasa.sigma.logsource.PlaceholderConfig;
import dev.kasa.sigma.program.SigmaProgram;
import dev.kasa.sigma.rule.RuleLoader;
import dev.kasa.sigma.rule.RuleSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The corpus targets, on the real SigmaHQ folders: every rule of the six maintained folders
 * compiles (with the example placeholder values), and every regression test passes when its sample
 * is swept by the whole compiled rule set.
 */
class SigmaHqCorpusTest {
  private static final List<String> FOLDERS =
      List.of(
          "rules",
          "rules-emerging-threats",
          "rules-threat-hunting",
          "rules-placeholder",
          "rules-compliance",
          "rules-dfir");
  private static Path sigma;
  private static RuleSet set;
  private static SigmaProgram program;

  /** Compiles the corpus once; each test skips (with the reason) when it is absent. */
  private static synchronized void compileTheCorpus() {
    sigma = Path.of(System.getProperty("kasa.corpora", "../../shared/corpora"), "sigma");
    Assumptions.assumeTrue(
        Files.isDirectory(sigma), "corpus not found at " + sigma + "; set -Dkasa.corpora");
    if (program != null) {
      return;
    }
    Path root = Path.of(System.getProperty("kasa.root", ".."));
    List<Path> folders = FOLDERS.stream().map(sigma::resolve).filter(Files::isDirectory).toList();
    set = RuleLoader.load(folders);
    program =
        SigmaProgram.compile(
            set,
            LogSourceMap.defaults(),
            PlaceholderConfig.load(root.resolve("docs/examples/placeholders.yml")),
            info -> Set.of());
  }

  @Test
  void everyRuleOfTheMaintainedFoldersCompiles() {
    compileTheCorpus();
    assertThat(set.problems()).isEmpty();
    assertThat(program.problems()).isEmpty();
    long files;
    try (Stream<Path> walk =
        FOLDERS.stream()
            .map(sigma::resolve)
            .filter(Files::isDirectory)
            .flatMap(
                d -> {
                  try {
                    return Files.walk(d);
                  } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                })) {
      files = walk.filter(p -> p.toString().endsWith(".yml")).count();
    }
    assertThat(program.rules()).hasSize(set.rules().size());
    assertThat(set.rules().size()).isGreaterThanOrEqualTo((int) files);
  }

  @Test
  void everyRegressionTestPassesOnTheEvtxFilesReadNatively() {
    compileTheCorpus();
    RegressionCases.Found found =
        RegressionCases.discover(sigma.resolve("regression_data"), RegressionCases.Sample.EVTX);
    assertThat(found.problems()).isEmpty();
    assertThat(found.cases()).hasSizeGreaterThanOrEqualTo(129);
    assertThat(found.cases()).allMatch(c -> c.sample().toString().endsWith(".evtx"));
    List<RegressionRun.Result> failed =
        RegressionRun.run(program, found.cases()).stream().filter(r -> !r.passed()).toList();
    assertThat(failed).as("failed regression tests").isEmpty();
  }

  @Test
  void everyRegressionTestPasses() {
    compileTheCorpus();
    RegressionCases.Found found = RegressionCases.discover(sigma.resolve("regression_data"));
    assertThat(found.problems()).isEmpty();
    assertThat(found.cases()).isNotEmpty();
    List<RegressionRun.Result> failed =
        RegressionRun.run(program, found.cases()).stream().filter(r -> !r.passed()).toList();
    assertThat(failed).as("failed regression tests").isEmpty();
  }
}
