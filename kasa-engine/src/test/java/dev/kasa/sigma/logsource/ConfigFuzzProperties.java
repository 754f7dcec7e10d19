package dev.kasa.sigma.logsource;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.KasaException;
import dev.kasa.sigma.rule.LogSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

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
}
