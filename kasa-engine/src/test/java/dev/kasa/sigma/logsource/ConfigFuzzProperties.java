package dev.kasa.sigma.logsource;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.sigma.match.Placeholders;
import dev.kasa.sigma.rule.LogSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The map and placeholder parsers on arbitrary YAML-ish text: KasaException or a result. */
class ConfigFuzzProperties {
  private static final String[] PIECES = {
    "\n",
    "\n  ",
    "\n    ",
    "\n      - ",
    " ",
    ":",
    ": ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "'",
    "\"",
    "#",
    "&a ",
    "*a",
    "&a 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'",
    ", *a, *a, *a, *a, *a, *a, *a, *a",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    "!!str ",
    "!!map ",
    "~",
    "null",
    "true",
    "false",
    "1",
    "0x1F",
    "---\n",
    "...\n",
    "|\n",
    ">-\n",
    "\t",
    "%",
    "\uD83D\uDE00",
    "\uD83D",
    "version",
    "1",
    "aliases",
    "windows-json",
    "Computer",
    "logsources",
    "entry",
    "logsource",
    "category",
    "product",
    "service",
    "windows",
    "process_creation",
    "sources",
    "evtx-json",
    "conditions",
    "EventID",
    "Channel",
    "fields",
    "Image",
    "enabled",
    "note",
    "Workstations",
    "WS-*"
  };

  @Provide
  Arbitrary<String> yamlish() {
    Arbitrary<String> piece = Arbitraries.of(PIECES);
    Arbitrary<String> noise = Arbitraries.strings().ofMaxLength(4);
    return Arbitraries.oneOf(piece, piece, piece, noise)
        .list()
        .ofMaxSize(60)
        .map(parts -> String.join("", parts));
  }

  @Property(tries = 3000)
  void logSourceMapParseThrowsOnlyKasaException(@ForAll("yamlish") String text) {
    try {
      LogSourceMap map = LogSourceMap.parse(text, "fuzz.yml");
      assertThat(map.variants(new LogSource("process_creation", "windows", null))).isNotNull();
      assertThat(map.variants(LogSource.ANY)).hasSize(map.size());
    } catch (KasaException expected) {
      assertThat(expected.getMessage()).contains("fuzz.yml");
    }
  }

  @Property(tries = 3000)
  void placeholderParseThrowsOnlyKasaException(@ForAll("yamlish") String text) {
    try {
      assertThat(PlaceholderConfig.parse(text, "fuzz.yml").values()).isNotNull();
    } catch (KasaException expected) {
      assertThat(expected.getMessage()).contains("fuzz.yml");
    }
  }

  /**
   * A scalar aliased many times, at any depth, in either file kind: read when within the bounds,
   * else a LIMIT_EXCEEDED naming the file and position; never an expansion.
   */
  @Property(tries = 200)
  void aliasesAndNestingAreBoundedExactly(
      @ForAll @IntRange(max = 20_000) int scalarLength,
      @ForAll @IntRange(max = 1_500) int aliases,
      @ForAll @IntRange(max = 70) int depth) {
    String list = "[&a '" + "v".repeat(scalarLength) + "'" + ", *a".repeat(aliases) + "]";
    String text = "deep: " + "[".repeat(depth) + "]".repeat(depth) + "\nhosts: " + list + "\n";
    long added = (long) aliases * (scalarLength + 1);
    try {
      Placeholders p = PlaceholderConfig.parse(text, "fuzz.yml");
      assertThat(depth + 1).isLessThanOrEqualTo(YamlTree.MAX_DEPTH); // the top map is a level
      assertThat(added).isLessThanOrEqualTo(YamlTree.MAX_CHARS);
      assertThat(p).isNotNull();
    } catch (KasaException e) {
      if (depth + 1 > YamlTree.MAX_DEPTH) {
        assertThat(e.getMessage()).startsWith("fuzz.yml:1:").contains("nested deeper");
      } else if (added > YamlTree.MAX_CHARS) {
        assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
        assertThat(e.getMessage()).startsWith("fuzz.yml:2:").contains("aliases");
      } else {
        // within bounds: only the content may be wrong (deep is not a placeholder list)
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
      }
    }
  }
}
