package dev.kasa.sigma.logsource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.sigma.rule.LogSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The map file format: a good file, every kind of problem located, extension semantics. */
class LogSourceMapParseTest {
  private static final LogSource EDR_PROCESS = new LogSource("process_creation", "windows", null);

  private static String fixture(String name) throws IOException {
    try (InputStream in = LogSourceMapParseTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> rejects(String yaml) {
    return assertThatThrownBy(() -> LogSourceMap.parse(yaml, "user.yml"))
        .isInstanceOf(KasaException.class)
        .satisfies(e -> assertThat(((KasaException) e).code()).isEqualTo(ErrorCode.INVALID_INPUT));
  }

  @Test
  void readsAGoodFileWithEveryKindOfValue() throws IOException {
    LogSourceMap map = LogSourceMap.parse(fixture("good-map.yml"), "good-map.yml");

    assertThat(map.size()).isEqualTo(3);
    SourceVariant edr = map.variants(EDR_PROCESS).get(0);
    assertThat(edr.name()).isEqualTo("process_creation-edr");
    assertThat(edr.sources()).containsExactly("ndjson");
    assertThat(edr.conditions())
        .containsExactly(
            Map.entry("event.kind", List.of("process")),
            Map.entry("event.code", List.of("1", "4688")));
    assertThat(edr.fields()).containsExactly(Map.entry("Image", "process.executable"));
    assertThat(map.variants(new LogSource(null, "acme", "vpn")).get(0).sources())
        .containsExactly("ndjson", "eve");
    assertThat(map.eventField("ndjson", "Computer")).isEqualTo("host.name");
  }

  @Test
  void anEmptyTextIsAnEmptyMap() {
    LogSourceMap map = LogSourceMap.parse("# nothing yet\n", "empty.yml");

    assertThat(map.size()).isZero();
    assertThat(map.variants(EDR_PROCESS)).isEmpty();
  }

  @Test
  void yamlSyntaxErrorsNameLineAndColumn() {
    rejects("logsources:\n  a: [b\n").hasMessageStartingWith("user.yml:3:1: not valid YAML");
    rejects("logsources:\n\t- x\n").hasMessageContaining("user.yml:2:1");
  }

  @Test
  void severalDocumentsAreRejected() {
    rejects("version: 1\n---\nversion: 1\n").hasMessageContaining("user.yml:");
  }

  @Test
  void theTopMustBeAMapWithKnownKeys() {
    rejects("- a\n- b\n").hasMessageContaining("user.yml:1:1: a logsource map must be a map");
    rejects("version: 2\nlogsorces: {}\n")
        .hasMessageContaining("2 problems in logsource map user.yml")
        .hasMessageContaining("user.yml:1:10: unsupported version '2'")
        .hasMessageContaining("user.yml:2:1: unknown key 'logsorces'");
  }

  @Test
  void entryProblemsAreAllReportedTogetherWithTheirPositions() {
    String yaml =
        """
        logsources:
          no-logsource:
            sources: [ndjson]
          no-sources:
            logsource: {product: acme}
          empty-sources:
            logsource: {product: acme}
            sources: []
          bad-logsource:
            logsource: {vendor: acme}
            sources: ndjson
          nested-condition:
            logsource: {product: acme}
            sources: ndjson
            conditions: {EventID: {a: 1}, Channel: [], Level: ~}
          bad-field:
            logsource: {product: acme}
            sources: ndjson
            fields: {Image: [a, b]}
            colour: blue
          bad-flag:
            logsource: {product: acme}
            sources: ndjson
            enabled: maybe
          dup:
            logsource: {product: acme}
            sources: ndjson
          dup:
            logsource: {product: acme}
            sources: ndjson
        """;
    rejects(yaml)
        .hasMessageContaining("user.yml:3:5: entry 'no-logsource' has no 'logsource'")
        .hasMessageContaining("user.yml:5:5: entry 'no-sources' has no 'sources'")
        .hasMessageContaining("user.yml:8:14: 'sources' of entry 'empty-sources' is empty")
        .hasMessageContaining("user.yml:10:17: unknown key 'vendor'")
        .hasMessageContaining("user.yml:10:16: 'logsource' must give at least one of")
        .hasMessageContaining("user.yml:15:27: condition 'EventID' must be a non-empty text")
        .hasMessageContaining("user.yml:15:44: condition 'Channel' has no value")
        .hasMessageContaining("user.yml:15:55: condition 'Level' must be a non-empty text")
        .hasMessageContaining(
            "user.yml:19:21: the event field for 'Image' must be a non-empty text")
        .hasMessageContaining("user.yml:20:5: unknown key 'colour' in entry 'bad-field'")
        .hasMessageContaining("user.yml:24:14: 'enabled' of entry 'bad-flag' must be true or false")
        .hasMessageContaining("user.yml:28:3: duplicate key 'dup'");
  }

  @Test
  void aliasesMustBeMapsOfTexts() {
    rejects("aliases:\n  ndjson: [a]\n")
        .hasMessageContaining("user.yml:2:11: the aliases of source 'ndjson' must be a map");
    rejects("aliases:\n  ndjson: {Computer: {a: b}}\n")
        .hasMessageContaining("user.yml:2:22: the alias of 'Computer' must be a non-empty text");
  }

  @Test
  void nonBmpCharactersAcrossTheReadBufferBoundaryAreRead() {
    // snakeyaml-engine 2.10 failed when a surrogate pair straddled its 1024-char buffer
    for (int pad = 900; pad < 1000; pad++) {
      String yaml =
          "logsources:\n  e:\n    logsource: {product: acme}\n    sources: ndjson\n    note: '"
              + "x".repeat(pad)
              + "\uD83D\uDE00\uD83D\uDE00'\n";

      assertThat(LogSourceMap.parse(yaml, "emoji.yml").size()).isEqualTo(1);
    }
  }

  @Test
  void hugeOrDeepInputHitsALimit() {
    assertThatThrownBy(() -> LogSourceMap.parse("#".repeat(YamlTree.MAX_CHARS + 1), "big.yml"))
        .isInstanceOf(KasaException.class)
        .extracting(e -> ((KasaException) e).code())
        .isEqualTo(ErrorCode.LIMIT_EXCEEDED);
    assertThatThrownBy(() -> LogSourceMap.parse("[".repeat(100) + "]".repeat(100), "deep.yml"))
        .isInstanceOf(KasaException.class)
        .hasMessageContaining("deep.yml:1:65: nested deeper than 64 levels");
  }

  @Test
  void aScalarAliasRepeatedAHundredThousandTimesHitsTheLimitWithItsPosition() {
    String bomb =
        "logsources:\n  e:\n    logsource: {product: windows}\n    sources: [evtx-json]\n"
            + "    conditions:\n      EventID: [&a '"
            + "1".repeat(1000)
            + "'"
            + ", *a".repeat(100_000)
            + "]\n";
    assertThatThrownBy(() -> LogSourceMap.parse(bomb, "bomb.yml"))
        .isInstanceOf(KasaException.class)
        .hasMessageStartingWith("bomb.yml:6:")
        .hasMessageContaining("aliases")
        .extracting(e -> ((KasaException) e).code())
        .isEqualTo(ErrorCode.LIMIT_EXCEEDED);
  }

  @Test
  void loadReadsAFileAndNamesItInProblems(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("map.yml");
    Files.writeString(file, "logsources:\n  x: 1\n");

    assertThatThrownBy(() -> LogSourceMap.load(file)).hasMessageContaining(file + ":2:6:");
    assertThatThrownBy(() -> LogSourceMap.load(dir.resolve("missing.yml")))
        .isInstanceOf(KasaException.class)
        .extracting(e -> ((KasaException) e).code())
        .isEqualTo(ErrorCode.UNREADABLE_INPUT);
  }

  @Test
  void userEntriesReplaceByNameAddNewOnesAndRemoveDisabledOnes() throws IOException {
    LogSourceMap defaults = LogSourceMap.defaults();
    LogSourceMap user = LogSourceMap.parse(fixture("user-map.yml"), "user-map.yml");
    LogSourceMap merged = defaults.extendedBy(user);

    List<SourceVariant> process = merged.variants(EDR_PROCESS);
    assertThat(process)
        .extracting(SourceVariant::name)
        .containsExactly("process_creation-security", "process_creation-edr");
    assertThat(process.get(0).fieldFor("User")).isEqualTo("TargetUserName");
    assertThat(process.get(0).fieldFor("ParentImage")).isEqualTo("ParentImage");
    assertThat(merged.size()).isEqualTo(defaults.size());
    // the defaults are unchanged
    assertThat(defaults.variants(EDR_PROCESS)).hasSize(2);
    assertThat(defaults.variants(EDR_PROCESS).get(1).fieldFor("User")).isEqualTo("SubjectUserName");
  }

  @Test
  void userAliasesReplaceTheSameFieldAndKeepTheOthers() throws IOException {
    LogSourceMap merged =
        LogSourceMap.defaults()
            .extendedBy(LogSourceMap.parse(fixture("user-map.yml"), "user-map.yml"));

    assertThat(merged.eventField("windows-json", "Computer")).isEqualTo("ComputerName");
    assertThat(merged.eventField("windows-json", "Provider_Name")).isEqualTo("SourceName");
    assertThat(merged.eventField("ndjson", "Computer")).isEqualTo("host.name");
  }
}
