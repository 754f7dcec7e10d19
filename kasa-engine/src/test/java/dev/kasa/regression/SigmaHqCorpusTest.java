package dev.kasa.regression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.TestCorpora;
import dev.kasa.detect.RuleCompilation;
import dev.kasa.regex.CheckedRegex;
import dev.kasa.regex.RegexFlags;
import dev.kasa.sigma.logsource.LogSourceMap;
import dev.kasa.sigma.logsource.PlaceholderConfig;
import dev.kasa.sigma.match.Placeholders;
import dev.kasa.sigma.program.SigmaProgram;
import dev.kasa.sigma.rule.FieldTest;
import dev.kasa.sigma.rule.Modifier;
import dev.kasa.sigma.rule.RuleLoader;
import dev.kasa.sigma.rule.RuleSet;
import dev.kasa.sigma.rule.Search;
import dev.kasa.sigma.rule.SigmaRule;
import dev.kasa.sigma.rule.SigmaValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
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
  private static RuleCompilation compiled;
  private static SigmaProgram program;

  /** Compiles the corpus once; each test skips (with the reason) when it is absent. */
  private static synchronized void compileTheCorpus() {
    sigma = TestCorpora.dir("sigma");
    if (program != null) {
      return;
    }
    Path root = Path.of(System.getProperty("kasa.root", ".."));
    List<Path> folders = FOLDERS.stream().map(sigma::resolve).filter(Files::isDirectory).toList();
    set = RuleLoader.load(folders);
    compiled =
        RuleCompilation.of(
            set,
            LogSourceMap.defaults(),
            PlaceholderConfig.load(root.resolve("docs/examples/placeholders.yml")));
    program = compiled.program();
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

  /** The compiled-size bound leaves room: every SigmaHQ regex is far below it. */
  @Test
  void everyRegexIsFarBelowTheCompiledSizeBound() {
    compileTheCorpus();
    List<FieldTest> regexes = new ArrayList<>();
    for (SigmaRule rule : set.rules()) {
      for (Search search : rule.detection().searches().values()) {
        switch (search) {
          case Search.FieldGroups g -> g.alternatives().forEach(a -> regexes.addAll(a.tests()));
          case Search.Keywords k -> regexes.add(k.test());
        }
      }
    }
    regexes.removeIf(t -> !t.has(Modifier.RE));
    long largest = 0;
    for (FieldTest t : regexes) {
      RegexFlags flags =
          new RegexFlags(t.has(Modifier.RE_I), t.has(Modifier.RE_S), t.has(Modifier.RE_M));
      for (SigmaValue v : t.values()) {
        String re = ((SigmaValue.Text) v).raw();
        largest = Math.max(largest, CheckedRegex.compile(re, flags).instructions());
      }
    }
    assertThat(regexes).hasSizeGreaterThan(150);
    // .{1000,} in proc_creation_win_powershell_abnormal_commandline_size.yml
    assertThat(largest).isEqualTo(1003).isLessThan(CheckedRegex.MAX_INSTRUCTIONS / 5);
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
        RegressionRun.run(compiled, found.cases()).stream().filter(r -> !r.passed()).toList();
    assertThat(failed).as("failed regression tests").isEmpty();
  }

  @Test
  void everyRegressionTestPasses() {
    compileTheCorpus();
    RegressionCases.Found found = RegressionCases.discover(sigma.resolve("regression_data"));
    assertThat(found.problems()).isEmpty();
    assertThat(found.cases()).isNotEmpty();
    List<RegressionRun.Result> failed =
        RegressionRun.run(compiled, found.cases()).stream().filter(r -> !r.passed()).toList();
    assertThat(failed).as("failed regression tests").isEmpty();
  }

  @Test
  void withoutPlaceholderValuesNoEmergingThreatRuleIsAProblem() {
    compileTheCorpus();
    RuleSet emerging = RuleLoader.load(List.of(sigma.resolve("rules-emerging-threats")));
    SigmaProgram withoutValues =
        SigmaProgram.compile(
            emerging, LogSourceMap.defaults(), Placeholders.NONE, info -> Set.of());
    assertThat(emerging.problems()).isEmpty();
    assertThat(withoutValues.problems())
        .as("a rule whose expand placeholders have no values is valid: it waits, it is not wrong")
        .isEmpty();
    assertThat(withoutValues.setAside())
        .extracting(r -> r.rule().id())
        .containsExactlyInAnyOrder(
            "c4a1f389-2e6b-4d9a-8f0c-b73e5a12d947", "8b7e2c54-1f93-4a6d-b8e0-3c9d7f25a168");
    assertThat(withoutValues.rules().size() + withoutValues.setAside().size())
        .isEqualTo(emerging.rules().size());
  }
}
