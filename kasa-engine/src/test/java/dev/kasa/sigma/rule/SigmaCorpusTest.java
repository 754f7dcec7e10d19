package dev.kasa.sigma.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.Problem;
import dev.kasa.TestCorpora;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Loads the SigmaHQ corpus (when present): every maintained rule folder parses cleanly. */
class SigmaCorpusTest {
  private static final List<String> CLEAN =
      List.of(
          "rules",
          "rules-emerging-threats",
          "rules-threat-hunting",
          "rules-placeholder",
          "rules-compliance",
          "rules-dfir");

  private static Path sigma() {
    return TestCorpora.dir("sigma");
  }

  @Test
  void maintainedRuleFoldersParseWithoutProblems() {
    Path sigma = sigma();
    List<Path> dirs = CLEAN.stream().map(sigma::resolve).filter(Files::isDirectory).toList();
    RuleSet set = RuleLoader.load(dirs);
    System.out.println("[sigma corpus] maintained folders: " + summary(set));
    assertThat(set.problems())
        .as(() -> set.problems().stream().map(Problem::toString).collect(Collectors.joining("\n")))
        .isEmpty();
    assertThat(set.files()).isGreaterThan(3000);
    assertThat(set.rules().size() + set.correlations().size() + set.filters().size())
        .isGreaterThanOrEqualTo(set.files());
  }

  @Test
  void deprecatedAndUnsupportedFoldersAreReportedByReason() {
    Path sigma = sigma();
    for (String folder : List.of("deprecated", "unsupported")) {
      Path dir = sigma.resolve(folder);
      Assumptions.assumeTrue(Files.isDirectory(dir), "no " + dir);
      RuleSet set = RuleLoader.load(List.of(dir));
      System.out.println("[sigma corpus] " + folder + ": " + summary(set));
      assertThat(set.files()).isPositive();
    }
  }

  private static String summary(RuleSet set) {
    Map<String, Long> byReason =
        set.problems().stream()
            .collect(
                Collectors.groupingBy(p -> p.code().label(), TreeMap::new, Collectors.counting()));
    return "files "
        + set.files()
        + ", rules "
        + set.rules().size()
        + ", correlations "
        + set.correlations().size()
        + ", filters "
        + set.filters().size()
        + ", problems "
        + set.problems().size()
        + " "
        + byReason;
  }
}
