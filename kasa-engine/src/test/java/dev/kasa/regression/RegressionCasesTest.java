package dev.kasa.regression;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Regression info files: found in path order, a bad one reported and the others kept. */
class RegressionCasesTest {
  @TempDir Path dir;

  private static String info(String ruleId, String extra) {
    return "id: "
        + ruleId
        + "-info\nrule_metadata:\n  - id: "
        + ruleId
        + "\n    title: T\nregression_tests_info:\n  - name: pass\n    path: x/"
        + ruleId
        + ".evtx\n    match_count: 1\n"
        + extra;
  }

  private void write(String folder, String text) throws IOException {
    Path d = Files.createDirectories(dir.resolve(folder));
    Files.writeString(d.resolve("info.yml"), text);
  }

  @Test
  void aScalarAliasBombIsAProblemAndTheOtherCasesAreFound() throws IOException {
    String bomb = "junk: [&a '" + "x".repeat(1000) + "'" + ", *a".repeat(15_000) + "]\n";
    write("a", info("r-bomb", bomb));
    write("b", info("r-good", ""));
    RegressionCases.Found found = RegressionCases.discover(dir);
    assertThat(found.cases()).extracting(RegressionCase::ruleId).containsExactly("r-good");
    assertThat(found.problems())
        .singleElement()
        .asString()
        .contains("info.yml:9:")
        .contains("aliases");
  }
}
