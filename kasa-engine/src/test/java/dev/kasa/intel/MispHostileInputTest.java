package dev.kasa.intel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.ErrorCode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One hostile MISP event is one problem: the events around it are still read. */
class MispHostileInputTest {
  static IntelLoaderCollector read(String json) {
    var sink = new IntelLoaderCollector();
    new MispImporter()
        .read(
            new ByteArrayInputStream(json.replace('`', '"').getBytes(StandardCharsets.UTF_8)),
            "m.json",
            sink);
    return sink;
  }

  static String event(String value, String extra) {
    return "{`Event`:{`info`:`x`,`Attribute`:[{`type`:`ip-dst`,`to_ids`:true,`value`:`"
        + value
        + "`"
        + extra
        + "}]}}";
  }

  @ParameterizedTest
  @ValueSource(ints = {100, 1_000, 100_000})
  void anEventNestedDeeperThanTheLimitIsOneProblemAndTheNextEventIsRead(int depth) {
    String deep = event("192.0.2.1", ",`x`:" + "[".repeat(depth) + "]".repeat(depth));
    var sink = read("[" + deep + ",\n" + event("192.0.2.2", "") + "]");
    assertThat(sink.values()).containsExactly("192.0.2.2");
    assertThat(sink.problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.code()).isEqualTo(ErrorCode.INVALID_INPUT);
              assertThat(p.where().toString()).isEqualTo("m.json#[0]");
              assertThat(p.message()).contains("nesting deeper than 100");
            });
  }

  @Test
  void nestingUpToTheLimitIsRead() {
    // [ {Event {Attribute [ {x ...: the attribute's own property starts at depth 5.
    String ok = event("192.0.2.1", ",`x`:" + "[".repeat(95) + "]".repeat(95));
    assertThat(read("[" + ok + "]").values()).containsExactly("192.0.2.1");
  }

  @Test
  void aDeepBareEventIsOneProblem() {
    String json = "{`info`:`x`,`x`:" + "{`a`:".repeat(3_000) + "1" + "}".repeat(3_000) + "}";
    var sink = read(json);
    assertThat(sink.indicators).isEmpty();
    assertThat(sink.problems)
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("nesting deeper than 100"));
  }

  @Test
  void aLongPropertyNameDoesNotEndTheFile() {
    String named = event("192.0.2.1", ",`x_" + "n".repeat(60_000) + "`:1");
    var sink = read("[" + named + "," + event("192.0.2.2", "") + "]");
    assertThat(sink.values()).containsExactly("192.0.2.1", "192.0.2.2");
    assertThat(sink.problems).isEmpty();
  }
}
