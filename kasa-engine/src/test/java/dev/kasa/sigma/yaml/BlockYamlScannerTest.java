package dev.kasa.sigma.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.TestCorpora;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The block scanner gives exactly snakeyaml-engine's events for every text it accepts, accepts the
 * block style rule files are written in, and leaves the rest of YAML to snakeyaml-engine.
 */
class BlockYamlScannerTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "a: 1",
        "a: 1\n",
        "a: 1\nb: two words  \n",
        "title: x # comment\n# full line\n\nid: 'q''s'  # c\nname: \"d\\\"q\\\\ \\x41\\u00e9\"\n",
        "a:\n  b:\n    c: d\n  e: f\ng: h\n",
        "a:\n",
        "a:\nb:\n",
        "a:\n  b:\n",
        "a:   \n  # c\nb: x",
        "tags:\n- x\n- y\nnext: z\n",
        "tags:\n  - x\n  - 'y'\nnext: z\n",
        "a:\n  list:\n  - k: v\n    k2: v2\n  - k: w\n  other: 1\n",
        "a:\n  - k: v\n    sub:\n      - 1\n      - 2\n  - plain\n",
        "a:\n- b:\n  - c\n  - d\n- e\n",
        "'quoted key': v\n\"dq\": w\nplain key : x\n",
        "k: -x\nl: ?y\nm: :z\nn: a:b\no: a#b\np: 50%\n",
        "description: |\n  line one\n    indented\n\n  line three\nnext: x\n",
        "description: |-\n  strip\n\n\nnext: x\n",
        "description: |+\n  keep\n\n\nnext: x\n",
        "description: >\n  folded one\n  folded two\n\n  para\n    more\n  back\nnext: x\n",
        "description: >-\n  a\n  b\n",
        "d: |2\n    two more\n  base\nx: y\n",
        "d: |1-\n  a\ne: 1\n",
        "d: | # comment\n  text\n",
        "d: |\n\n \n  after blanks\n",
        "d: |\n  text at end",
        "d: |",
        "d: >\n",
        "a:\n  d: |\n    deep\n  # lower comment\n  e: 1\n",
        "---\na: 1\n",
        "--- # start\na: 1\n",
        "# lead\n\n  a: 1\n  b: 2\n",
        "a: 1\n\n\n",
        "k: v \u00e9\u4e2d\n",
        "a: [x, 'y', \"z\", -w]\nb: {k: v, 'q': [1, 2], e: , f: {}}\nc: []\n",
        "a: &anchor [x, y]\nb: *anchor\nc: {k: &v Two words, l: *v}\n",
        "a: &m\n  k: v\nb: &s\n- 1\nc: &t\n  - 2\nd: &x plain\ne: &y 'q'\nf: &z |\n  t\n",
        "a: [ spaced , list ]  # c\n",
        "detection:\n  sel:\n    Image|endswith:\n      - '\\cmd.exe'\n      - '\\x.exe'\n"
            + "  condition: sel and not 1 of filter_*\n",
      })
  void givesSnakeyamlsEvents(String text) {
    List<String> fast = EventDescriptions.fast(text);
    assertThat(fast).as("accepted: %s", text).isNotNull();
    assertThat(fast).isEqualTo(EventDescriptions.reference(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "- a root list",
        "- [a, b]",
        "a: [1, 2,]",
        "a: {b}",
        "a: [b: 1]",
        "a: [1,\n  2]",
        "a: &x\nb: 1",
        "a: &x *y",
        "a: &x.y 1",
        "a: !!str 1",
        "a: multi\n  line",
        "a: 'multi\n  line'",
        "a:\tb",
        "a: b\r\n",
        "%YAML 1.2\n---\na: 1",
        "a: 1\n---\nb: 2",
        "a: 1\n...\n",
        "? complex\n: value",
        "a: b: c",
        "a:\n  scalar on next line",
        "",
        "# only a comment\n",
        "a: \"\\q\"",
        "a: 'x'y",
        "a: \uD83D\uDE00",
      })
  void leavesTheRestToSnakeyaml(String text) {
    assertThat(EventDescriptions.fast(text)).isNull();
  }

  @Test
  void deepNestingIsLeftToSnakeyaml() {
    assertThat(EventDescriptions.fast("a: " + "[".repeat(500_000))).isNull();
    assertThat(EventDescriptions.fast("a: " + "[".repeat(200) + "]".repeat(200))).isNull();
    StringBuilder deep = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      deep.append(" ".repeat(i)).append("k:\n");
    }
    assertThat(EventDescriptions.fast(deep + " ".repeat(200) + "k: v\n")).isNull();
    StringBuilder shallow = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      shallow.append(" ".repeat(i)).append("k:\n");
    }
    String text = shallow + " ".repeat(50) + "k: [[[v]]]\n";
    assertThat(EventDescriptions.fast(text)).isEqualTo(EventDescriptions.reference(text));
  }

  @Test
  void badTextIsNeverAccepted() {
    for (String text : List.of("a: 1\n b: 2", "a: 1\n- b", "a:\n  - x\n y: 1", "a: 1\n  - b")) {
      assertThat(EventDescriptions.fast(text)).as(text).isNull();
    }
  }

  @Test
  void theBuiltInLogSourceMapGivesTheSameEvents() throws IOException {
    String text;
    try (var in = getClass().getResourceAsStream("/dev/kasa/sigma/logsource/logsources.yml")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> fast = EventDescriptions.fast(text);
    assertThat(fast).as("read by the block scanner").isNotNull();
    assertThat(fast).isEqualTo(EventDescriptions.reference(text));
  }

  /** Every SigmaHQ rule file (skipped without the corpora): accepted ones give the same events. */
  @Test
  void sigmaCorpusFilesGiveTheSameEvents() throws IOException {
    List<Path> files = TestCorpora.files(TestCorpora.dir("sigma"), ".yml");
    int accepted = 0;
    List<String> differ = new ArrayList<>();
    for (Path f : files) {
      String text = Files.readString(f, StandardCharsets.UTF_8);
      List<String> fast = EventDescriptions.fast(text);
      if (fast != null) {
        accepted++;
        if (!fast.equals(EventDescriptions.reference(text))) {
          differ.add(f.toString());
        }
      }
    }
    assertThat(differ).isEmpty();
    assertThat(files).hasSizeGreaterThan(1000);
    assertThat(accepted).as("files read by the block scanner").isGreaterThan(files.size() * 9 / 10);
  }
}
