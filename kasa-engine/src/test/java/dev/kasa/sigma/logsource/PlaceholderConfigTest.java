package dev.kasa.sigma.logsource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.TestCorpora;
import dev.kasa.sigma.match.Placeholders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Placeholder files: values, name forms, located problems, and the documented example. */
class PlaceholderConfigTest {
  private static final Path EXAMPLE = Path.of("../docs/examples/placeholders.yml");

  @Test
  void readsListsSingleValuesNumbersAndNamesWithPercentSigns() {
    Placeholders p =
        PlaceholderConfig.parse(
            """
            Workstations: [WS-*, LAPTOP-*]
            '%HomeTenantID%': 1111-2222
            port: 3389
            nobody: []
            """,
            "p.yml");

    assertThat(p.valuesOf("Workstations")).contains(List.of("WS-*", "LAPTOP-*"));
    assertThat(p.valuesOf("HomeTenantID")).contains(List.of("1111-2222"));
    assertThat(p.valuesOf("port")).contains(List.of("3389"));
    assertThat(p.valuesOf("nobody")).contains(List.of());
    assertThat(p.valuesOf("missing")).isEmpty();
  }

  @Test
  void aScalarAliasRepeatedAHundredThousandTimesHitsTheLimitWithItsPosition() {
    String bomb = "hosts: [&a '" + "x".repeat(1000) + "'" + ", *a".repeat(100_000) + "]\n";
    assertThatThrownBy(() -> PlaceholderConfig.parse(bomb, "bomb.yml"))
        .isInstanceOf(KasaException.class)
        .hasMessageStartingWith("bomb.yml:1:")
        .hasMessageContaining("aliases")
        .extracting(e -> ((KasaException) e).code())
        .isEqualTo(ErrorCode.LIMIT_EXCEEDED);
  }

  @Test
  void anEmptyFileHasNoPlaceholders() {
    assertThat(PlaceholderConfig.parse("", "p.yml")).isSameAs(Placeholders.NONE);
    assertThat(PlaceholderConfig.parse("# just a comment\n", "p.yml")).isSameAs(Placeholders.NONE);
  }

  @Test
  void everyProblemIsReportedWithItsPosition() {
    String yaml =
        """
        empty:
        nested: {a: b}
        'bad name': x
        list: [a, [b]]
        dup: x
        '%dup%': y
        """;
    assertThatThrownBy(() -> PlaceholderConfig.parse(yaml, "p.yml"))
        .isInstanceOf(KasaException.class)
        .hasMessageContaining("5 problems in placeholder file p.yml")
        .hasMessageContaining(
            "p.yml:1:7: the value of placeholder 'empty' must be a non-empty text")
        .hasMessageContaining(
            "p.yml:2:9: the value of placeholder 'nested' must be a non-empty text")
        .hasMessageContaining("p.yml:3:13: placeholder name 'bad name' must be")
        .hasMessageContaining("p.yml:4:11: each element of the value of placeholder 'list'")
        .hasMessageContaining("p.yml:6:10: placeholder 'dup' is given twice");
  }

  @Test
  void theTopMustBeAMap() {
    assertThatThrownBy(() -> PlaceholderConfig.parse("- a\n", "p.yml"))
        .hasMessageContaining("p.yml:1:1: a placeholder file must be a map");
    assertThatThrownBy(() -> PlaceholderConfig.parse("a: [b\n", "p.yml"))
        .isInstanceOf(KasaException.class)
        .hasMessageContaining("p.yml:2:1: not valid YAML");
  }

  @Test
  void loadNamesTheFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("p.yml");
    Files.writeString(file, "a: b\n");

    assertThat(PlaceholderConfig.load(file).valuesOf("a")).contains(List.of("b"));
    assertThatThrownBy(() -> PlaceholderConfig.load(dir.resolve("none.yml")))
        .isInstanceOf(KasaException.class)
        .extracting(e -> ((KasaException) e).code())
        .isEqualTo(ErrorCode.UNREADABLE_INPUT);
  }

  @Test
  void theDocumentedExampleParses() {
    Placeholders p = PlaceholderConfig.load(EXAMPLE);

    assertThat(p.valuesOf("Admins_Workstations").orElseThrow()).isNotEmpty();
    assertThat(p.valuesOf("dc_ip_addresses").orElseThrow()).contains("10.10.0.10");
  }

  @Test
  void theExampleGivesAValueToEveryPlaceholderOfTheRulesPlaceholderFolder() throws IOException {
    Path dir = TestCorpora.dir("sigma/rules-placeholder");
    Placeholders example = PlaceholderConfig.load(EXAMPLE);
    Pattern expand = Pattern.compile("\\|expand[^:]*:(.*(?:\\n\\s+- .*)*)");
    Pattern name = Pattern.compile("%([A-Za-z_]+)%");
    TreeMap<String, Integer> used = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
        Matcher m = expand.matcher(Files.readString(file));
        while (m.find()) {
          Matcher n = name.matcher(m.group(1));
          while (n.find()) {
            used.merge(n.group(1), 1, Integer::sum);
          }
        }
      }
    }
    System.out.println("placeholders used by rules-placeholder: " + used);

    assertThat(used).isNotEmpty();
    assertThat(used.keySet())
        .allSatisfy(placeholder -> assertThat(example.valuesOf(placeholder)).isPresent());
    assertThat(example.values().keySet()).containsAll(Set.copyOf(used.keySet()));
  }
}
