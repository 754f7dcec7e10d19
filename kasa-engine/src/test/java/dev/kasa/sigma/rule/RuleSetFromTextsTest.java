package dev.kasa.sigma.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kasa.Problems;
import dev.kasa.stix.StixEntry;
import dev.kasa.stix.StixIndicator;
import dev.kasa.stix.StixReader;
import dev.kasa.stix.StixReaderLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rule set from named texts has every check a directory of files has. */
class RuleSetFromTextsTest {
  @TempDir Path dir;

  static String rule(String id) {
    return "title: R "
        + id
        + "\nid: "
        + id
        + "\nlogsource:\n  product: windows\ndetection:\n  sel: x\n  condition: sel\n";
  }

  static String correlation(String id, String... rules) {
    return "title: C "
        + id
        + "\nid: "
        + id
        + "\ncorrelation:\n  type: temporal\n  rules: ["
        + String.join(", ", rules)
        + "]\n  timespan: 5m\n";
  }

  @Test
  void documentsOfEveryTextInOrderWithPositionsNamedByTheText() {
    RuleSet set =
        RuleSet.fromTexts(
            List.of(
                new NamedText("row-7", rule("r1") + "---\n" + rule("r2")),
                new NamedText("row-3", rule("r3"))));
    assertThat(set.problems()).isEmpty();
    assertThat(set.files()).isEqualTo(2);
    assertThat(set.rules()).extracting(r -> r.info().id()).containsExactly("r1", "r2", "r3");
    assertThat(set.rules())
        .extracting(r -> r.info().position().toString())
        .containsExactly("row-7:1:1", "row-7:9:1", "row-3:1:1");
  }

  @Test
  void aBadDocumentIsReportedWhereItIsAndLosesNoOtherDocument() {
    RuleSet set =
        RuleSet.fromTexts(
            List.of(
                new NamedText(
                    "row-1", rule("r1") + "---\ntitle: broken\ndetection: [\n---\n" + rule("r2"))));
    assertThat(set.rules()).extracting(r -> r.info().id()).containsExactly("r1", "r2");
    assertThat(set.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(Problems.position(p).file()).isEqualTo("row-1");
              assertThat(Problems.position(p).line()).isBetween(9L, 11L);
            });
  }

  @Test
  void duplicateIdsAcrossTextsKeepTheFirst() {
    RuleSet set =
        RuleSet.fromTexts(
            List.of(new NamedText("a", rule("same")), new NamedText("b", rule("same"))));
    assertThat(set.rules()).hasSize(1);
    assertThat(set.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.code().label()).isEqualTo("duplicate-id");
              assertThat(Problems.position(p).file()).isEqualTo("b");
              assertThat(p.message()).contains("a:1:1");
            });
  }

  @Test
  void correlationsResolveAcrossTextsAndUnknownOrCyclicReferencesAreRejected() {
    RuleSet set =
        RuleSet.fromTexts(
            List.of(
                new NamedText("c", correlation("c1", "r1") + "---\n" + correlation("c2", "ghost")),
                new NamedText("r", rule("r1")),
                new NamedText(
                    "loop", correlation("c3", "c4") + "---\n" + correlation("c4", "c3"))));
    assertThat(set.correlations()).extracting(c -> c.info().id()).containsExactly("c1");
    assertThat(set.problems())
        .extracting(p -> p.code().label())
        .containsExactlyInAnyOrder(
            "unknown-rule-reference", "correlation-cycle", "correlation-cycle");
  }

  @Test
  void filtersCountReferencesToRulesOfNoText() {
    RuleSet set =
        RuleSet.fromTexts(
            List.of(
                new NamedText(
                    "f",
                    "title: F\nlogsource:\n  product: windows\nfilter:\n  rules: [r1, elsewhere]\n"
                        + "  sel: x\n  condition: not sel\n"),
                new NamedText("r", rule("r1"))));
    assertThat(set.problems()).isEmpty();
    assertThat(set.filters()).hasSize(1);
    assertThat(set.unresolvedFilterReferences()).isEqualTo(1);
  }

  @Test
  void aTextOverTheLimitIsAProblemOfThatTextOnly() {
    RuleSet set =
        RuleSet.fromTexts(
            List.of(
                new NamedText("big", "#".repeat(SigmaParser.MAX_CHARS + 1)),
                new NamedText("r", rule("r1"))));
    assertThat(set.rules()).hasSize(1);
    assertThat(set.problems()).extracting(p -> p.code().label()).containsExactly("too-large");
    assertThat(Problems.position(set.problems().get(0)).file()).isEqualTo("big");
  }

  @Test
  void aTextNeedsAName() {
    assertThatThrownBy(() -> new NamedText(" ", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name");
    assertThatThrownBy(() -> new NamedText("n", null)).hasMessageContaining("n");
  }

  /** The directory loader is a front end: files give what their texts give. */
  @Test
  void filesAndTheSameTextsGiveTheSameRuleSet() throws IOException {
    List<NamedText> texts =
        List.of(
            new NamedText("a.yml", correlation("c1", "r1", "r2") + "---\n" + rule("r1")),
            new NamedText("b.yml", rule("r2") + "---\n" + rule("r1") + "---\ntitle: [\n"),
            new NamedText("c.yml", correlation("c2", "nosuch")));
    List<NamedText> named = new ArrayList<>();
    for (NamedText t : texts) {
      Path p = dir.resolve(t.name());
      Files.writeString(p, t.text());
      named.add(new NamedText(p.toString(), t.text()));
    }
    RuleSet fromFiles = RuleLoader.load(List.of(dir));
    RuleSet fromTexts = RuleSet.fromTexts(named);
    assertThat(fromTexts).isEqualTo(fromFiles);
    assertThat(fromTexts.problems())
        .extracting(p -> p.code().label())
        .contains("duplicate-id", "unknown-rule-reference");
  }

  /**
   * A partner shares a rule as a STIX indicator with {@code pattern_type: sigma}: its pattern is
   * the text and its id names it, so a problem points into the shared object.
   */
  @Test
  void aSharedStixIndicatorBecomesARuleNamedByItsId() {
    String id = "indicator--2f5b7c1e-8a4d-4e6f-9b0c-1d2e3f4a5b6c";
    String bundle =
        "{\"type\":\"bundle\",\"id\":\"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\","
            + "\"objects\":[{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\""
            + id
            + "\",\"created\":\"2024-01-01T00:00:00Z\",\"modified\":\"2024-01-01T00:00:00Z\","
            + "\"pattern_type\":\"sigma\",\"valid_from\":\"2024-01-01T00:00:00Z\",\"pattern\":"
            + quoted(rule("shared-1") + "---\n" + rule("shared-2").replace("sel: x", "sel: [x"))
            + "}]}";
    List<NamedText> texts = new ArrayList<>();
    try (var reader =
        new StixReader(
            new ByteArrayInputStream(bundle.getBytes(StandardCharsets.UTF_8)),
            "feed",
            StixReaderLimits.DEFAULT)) {
      for (StixEntry e = reader.next(); e != null; e = reader.next()) {
        if (e.object() instanceof StixIndicator i && "sigma".equals(i.patternType())) {
          texts.add(new NamedText(i.id(), i.pattern()));
        }
      }
    }
    RuleSet set = RuleSet.fromTexts(texts);
    assertThat(set.rules()).extracting(r -> r.info().id()).containsExactly("shared-1");
    assertThat(set.rules().get(0).info().position().file()).isEqualTo(id);
    assertThat(set.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.toString()).startsWith(id + ":1"));
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
