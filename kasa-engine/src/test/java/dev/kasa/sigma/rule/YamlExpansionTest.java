package dev.kasa.sigma.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.kasa.Problems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A YAML alias of a scalar costs a few bytes and stands for the whole scalar: repeated, it expands
 * a small file into gigabytes. The expanded size of every document is bounded.
 */
class YamlExpansionTest {
  @TempDir Path dir;

  /** A rule whose value list repeats a 1,000-char scalar through {@code aliases} aliases. */
  static String bomb(String id, int aliases) {
    StringBuilder s =
        new StringBuilder("title: bomb\nid: ")
            .append(id)
            .append("\nlogsource:\n  product: windows\ndetection:\n  sel:\n")
            .append("    CommandLine|contains: [&a '")
            .append("x".repeat(1000))
            .append("'");
    s.append(", *a".repeat(aliases));
    return s.append("]\n  condition: sel\n").toString();
  }

  @Test
  void aScalarAliasRepeatedAHundredThousandTimesIsRejectedWithItsPosition() {
    String text = bomb("bomb", 100_000);
    assertThat(text.length()).isLessThan(SigmaParser.MAX_CHARS);
    ParseResult r = SigmaParser.parse(text, "bomb.yml");
    // Sizes, not the documents: a document here prints as 100 MB.
    assertThat(r.documents().size()).as("documents read").isZero();
    assertThat(r.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.code().label()).isEqualTo("too-large");
              assertThat(Problems.position(p).toString()).startsWith("bomb.yml:7:");
              assertThat(p.message()).contains("aliases", "1,048,576 characters");
            });
  }

  @Test
  void aFewAliasesAreFine() {
    ParseResult r = SigmaParser.parse(bomb("few", 100), "few.yml");
    assertThat(r.problems()).isEmpty();
    assertThat(r.documents()).hasSize(1);
  }

  @Test
  void theRestOfTheRuleSetStillLoads() throws IOException {
    Files.writeString(dir.resolve("a_bomb.yml"), bomb("bomb", 100_000));
    Files.writeString(
        dir.resolve("b_good.yml"),
        "title: good\nid: good\nlogsource:\n  product: windows\ndetection:\n  sel: x\n"
            + "  condition: sel\n");
    RuleSet set = RuleLoader.load(List.of(dir));
    assertThat(set.rules()).extracting(r -> r.info().id()).containsExactly("good");
    assertThat(set.problems()).extracting(p -> p.code().label()).containsExactly("too-large");
  }

  @Test
  void aRecursiveAliasIsRejected() {
    ParseResult r =
        SigmaParser.parse(
            "title: loop\nid: loop\nlogsource:\n  product: windows\ndetection:\n"
                + "  sel:\n    CommandLine|contains: &a [x, *a]\n  condition: sel\n",
            "loop.yml");
    assertThat(r.documents().size()).isZero();
    assertThat(r.problems()).singleElement().asString().startsWith("loop.yml:7:");
  }

  /** A merge key over the mapping that holds it: snakeyaml-engine's composer never returned. */
  @Test
  void aRecursiveMergeKeyIsRejectedBeforeTheComposerSeesIt() {
    for (String detection :
        List.of(
            "  sel: &a\n    CommandLine: x\n    <<: *a\n",
            "  sel: &a\n    CommandLine: x\n    inner:\n      <<: *a\n",
            "  sel: &a\n    CommandLine: x\n    inner:\n      <<: [*a]\n")) {
      ParseResult r =
          assertTimeoutPreemptively(
              Duration.ofSeconds(30),
              () ->
                  SigmaParser.parse(
                      "title: loop\nid: loop\nlogsource:\n  product: windows\ndetection:\n"
                          + detection
                          + "  condition: sel\n",
                      "merge.yml"));
      assertThat(r.documents().size()).as(detection).isZero();
      assertThat(r.problems())
          .as(detection)
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.code().label()).isEqualTo("yaml-syntax");
                assertThat(Problems.position(p).toString()).startsWith("merge.yml:");
                assertThat(p.message()).contains("*a", "contains it");
              });
    }
  }

  @Test
  void aMergeKeyOverAnotherMappingStillReads() {
    ParseResult r =
        SigmaParser.parse(
            "title: merged\nid: merged\nlogsource:\n  product: windows\ndetection:\n"
                + "  base: &b\n    Image: x.exe\n  sel:\n    <<: *b\n    CommandLine: y\n"
                + "  condition: sel\n",
            "merged.yml");
    assertThat(r.problems()).isEmpty();
    assertThat(r.documents()).hasSize(1);
  }
}
