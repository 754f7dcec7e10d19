package dev.kasa.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.EventContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Context extraction reads untrusted bytes: whatever they are, it returns a context (never throws)
 * whose values are bounded, and only fields the map names fill it.
 */
class ContextReaderPropertyTest {
  private static final ContextMap MAP =
      new ContextMap(
          Map.of(
              "@host", List.of("h", "a.h"),
              "@source.ip", List.of("s"),
              "@source.port", List.of("p"),
              "@context.x", List.of("a.x")));

  private static final ZeekHeader HEADER =
      new ZeekHeader(
          (byte) '\t', (byte) ',', "(empty)", "-", "conn", List.of("h", "s", "p"), List.of());

  @Provide
  Arbitrary<byte[]> jsonish() {
    Arbitrary<String> piece =
        Arbitraries.of(
            "{",
            "}",
            "[",
            "]",
            ":",
            ",",
            "\"h\"",
            "\"s\"",
            "\"p\"",
            "\"a\"",
            "\"x\"",
            "\"\\u00",
            "1",
            "65536",
            "-1",
            "\"10.0.0.1\"",
            "true",
            "null",
            "\"",
            "\\",
            " ",
            "\u00ff",
            "\t");
    return piece
        .list()
        .ofMaxSize(60)
        .map(l -> String.join("", l).getBytes(StandardCharsets.UTF_8))
        .injectDuplicates(0.01);
  }

  @Property(tries = 2000)
  void jsonExtractionOfJsonLikeBytesNeverThrows(@ForAll("jsonish") byte[] b) {
    check(ContextReader.json(MAP, b, 0, b.length));
  }

  @Property(tries = 1000)
  void jsonAndTsvExtractionOfArbitraryBytesNeverThrow(@ForAll byte[] b) {
    check(ContextReader.json(MAP, b, 0, b.length));
    check(ContextReader.tsv(MAP, HEADER, b, 0, b.length));
  }

  private static void check(EventContext c) {
    assertThat(c).isNotNull();
    assertThat(c.fields().keySet()).isSubsetOf("x");
    if (c.host() != null) {
      assertThat(c.host().length()).isBetween(1, ContextReader.MAX_VALUE);
    }
    if (c.source() != null) {
      assertThat(c.source().port()).isBetween(-1, 65535);
    }
    assertThat(c.destination()).isNull();
  }
}
