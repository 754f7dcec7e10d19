package dev.kasa.sigma.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.Problem;
import dev.kasa.Problems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleLoaderTest {
  @TempDir Path dir;

  private static String rule(String id, String name) {
    return "title: R "
        + id
        + "\nid: "
        + id
        + (name == null ? "" : "\nname: " + name)
        + "\nlogsource:\n  product: windows\ndetection:\n  sel: x\n  condition: sel\n";
  }

  private static String correlation(String id, String... rules) {
    return "title: C "
        + id
        + "\nid: "
        + id
        + "\ncorrelation:\n  type: temporal\n  rules: ["
        + String.join(", ", rules)
        + "]\n  timespan: 5m\n";
  }

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  @Test
  void walksDirectoriesForYamlInSortedOrder() throws IOException {
    write("b/two.yaml", rule("r2", null));
    write("a/one.yml", rule("r1", null));
    write("a/readme.txt", "not yaml");
    write("c/three.YML", rule("r3", null));
    // A directory with a YAML name is walked, not read.
    write("d.yml/four.yml", rule("r4", null));
    RuleSet set = RuleLoader.load(List.of(dir));
    assertThat(set.files()).isEqualTo(4);
    assertThat(set.rules()).extracting(r -> r.info().id()).containsExactly("r1", "r2", "r3", "r4");
    assertThat(set.problems()).isEmpty();
  }

  @Test
  void explicitFilesAreReadWhateverTheirName() throws IOException {
    Path p = write("rule.txt", rule("r1", null));
    assertThat(RuleLoader.load(List.of(p)).rules()).hasSize(1);
  }

  @Test
  void duplicateIdsKeepTheFirst() throws IOException {
    write("a.yml", rule("same", null));
    write("b.yml", rule("same", null).replace("title: R same", "title: Second"));
    RuleSet set = RuleLoader.load(List.of(dir));
    assertThat(set.rules()).extracting(r -> r.info().title()).containsExactly("R same");
    assertThat(set.problems()).extracting(p -> p.code().label()).containsExactly("duplicate-id");
    assertThat(Problems.position(set.problems().get(0)).file()).endsWith("b.yml");
    assertThat(set.problems().get(0).message()).contains("a.yml:1:1");
  }

  @Test
  void correlationReferencesResolveByIdOrName() throws IOException {
    write(
        "c.yml",
        correlation("c1", "r1", "second")
            + "---\n"
            + rule("r1", null)
            + "---\n"
            + rule("r2", "second"));
    RuleSet set = RuleLoader.load(List.of(dir));
    assertThat(set.problems()).isEmpty();
    assertThat(set.correlations()).hasSize(1);
    assertThat(set.rules()).hasSize(2);
  }

  @Test
  void unknownReferencesRejectTheCorrelationAndThoseBuiltOnIt() throws IOException {
    write("c.yml", correlation("c1", "nosuch") + "---\n" + correlation("c2", "c1"));
    RuleSet set = RuleLoader.load(List.of(dir));
    assertThat(set.correlations()).isEmpty();
    assertThat(set.problems())
        .extracting(p -> p.code().label())
        .containsExactly("unknown-rule-reference", "unknown-rule-reference");
    assertThat(set.problems().get(0).message()).contains("'nosuch'");
    assertThat(set.problems().get(1).message()).contains("'c1', a correlation that was rejected");
  }

  @Test
  void aliasesNamingUnknownRulesAreUnknownReferences() throws IOException {
    write(
        "c.yml",
        correlation("c1", "r1")
            + "  aliases:\n    ip:\n      r1: src\n      ghost: dst\n---\n"
            + rule("r1", null));
    RuleSet set = RuleLoader.load(List.of(dir));
    assertThat(set.problems())
        .extracting(Problem::message)
        .containsExactly("refers to 'ghost', which names no loaded rule or correlation");
  }

  @Test
  void cyclesAreRejected() throws IOException {
    write(
        "c.yml",
        correlation("c1", "c2")
            + "---\n"
            + correlation("c2", "c1", "r1")
            + "---\n"
            + correlation("c3", "c3")
            + "---\n"
            + rule("r1", null));
    RuleSet set = RuleLoader.load(List.of(dir));
    assertThat(set.correlations()).isEmpty();
    assertThat(set.problems())
        .extracting(p -> p.code().label())
        .containsExactly("correlation-cycle", "correlation-cycle", "correlation-cycle");
  }

  @Test
  void filtersNamingUnknownRulesAreCountedNotProblems() throws IOException {
    write(
        "f.yml",
        "title: F\nlogsource:\n  product: windows\nfilter:\n  rules: [r1, elsewhere]\n"
            + "  sel: x\n  condition: not sel\n---\n"
            + rule("r1", null));
    RuleSet set = RuleLoader.load(List.of(dir));
    assertThat(set.problems()).isEmpty();
    assertThat(set.filters()).hasSize(1);
    assertThat(set.unresolvedFilterReferences()).isEqualTo(1);
  }

  @Test
  void missingTooLargeAndNonUtf8FilesAreProblems() throws IOException {
    Path big = write("big.yml", "#".repeat((int) RuleLoader.MAX_FILE_BYTES + 1));
    Path bin = dir.resolve("bin.yml");
    Files.write(bin, new byte[] {(byte) 0xff, (byte) 0xfe, 0x41});
    RuleSet set = RuleLoader.load(List.of(dir.resolve("nope"), big, bin));
    assertThat(set.problems())
        .extracting(p -> p.code().label())
        .containsExactly("unreadable", "too-large", "unreadable");
    assertThat(set.files()).isEqualTo(2);
  }
}
