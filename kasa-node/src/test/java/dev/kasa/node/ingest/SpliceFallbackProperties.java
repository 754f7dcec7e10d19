package dev.kasa.node.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.event.EventSource;
import dev.kasa.node.NodeConfig;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * A MSG spliced into its event unchecked ({@link MessageScreen#SPLICE}) and sorted out by the
 * decoder and {@link SpliceFallback} decodes to the same records as the event the JSON object check
 * gives ({@link SyslogEvents}): an object stays an object, anything else becomes the plain-line
 * event with the text as {@code message}, nothing is malformed that was not, and no message runs
 * into the next one in the batch.
 */
class SpliceFallbackProperties {
  private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  // The source as the node configures it (field map zeek, as the benchmark's).
  private static final EventSource SOURCE =
      new SyslogSource(
              "s",
              SyslogSource.Protocol.TCP,
              new NodeConfig.Listen("127.0.0.1", 0),
              "zeek",
              SyslogSource.DEFAULT_MAX_MESSAGE_BYTES,
              0,
              SyslogSource.DEFAULT_MAX_CONNECTIONS,
              SyslogSource.DEFAULT_UDP_QUEUE)
          .eventSource();

  private final SyslogEvents events = new SyslogEvents();
  private final PlainRfc5424 plain = new PlainRfc5424(events.objects());

  @Property(tries = 3000)
  void decodesAsTheCheckedEventsDo(@ForAll("batches") List<String> msgs) {
    var unchecked = new EventBytes(256);
    var checked = new EventBytes(256);
    for (String m : msgs) {
      byte[] b = ("<134>1 2026-03-10T12:00:00Z h zeek - - - " + m).getBytes(StandardCharsets.UTF_8);
      int screened = MessageScreen.of(b, b.length - m.length(), b.length);
      Statistics.label("screen").collect(screened);
      Statistics.label("object")
          .collect(new JsonObjectShape("_syslog", 64).of(b, b.length - m.length(), b.length));
      assertThat(plain.write(b.clone(), 0, b.length, "192.0.2.7", unchecked)).as(m).isTrue();
      byte[] e = events.event(SyslogParser.parse(b, 0, b.length, NOW), "192.0.2.7");
      checked.write(e, 0, e.length);
    }
    List<String> expected = DecodedLines.of(SOURCE, checked.array(), checked.size());
    assertThat(DecodedLines.of(SOURCE, unchecked.array(), unchecked.size()))
        .as(String.join("\n", msgs))
        .isEqualTo(expected)
        .hasSize(msgs.size());
    Statistics.label("screen").coverage(c -> c.check(MessageScreen.SPLICE).percentage(p -> p > 10));
  }

  @Example
  void sortsOutTheCasesTheCheckWasFor() {
    List<String> msgs =
        List.of(
            "{\"a\":1}",
            "{\"a\":1}{\"b\":2}",
            "{\"a\":1},{\"b\":2}",
            "{\"a\":\"}{\"}",
            "{\"a\":01}",
            "{\"a\":1.}",
            "{\"a\":-}",
            "{\"a\":[1,]}",
            "{\"a\":\"x\ty\"}",
            "{\"a\":1,}",
            "{\"a\":\"unterminated}",
            "{\"a\":{\"b\":1}",
            "{\"a\":1}}",
            "{}",
            "{ }",
            "{,}",
            "{\"_syslog\":{\"own\":1},\"a\":2}",
            "{\"\\u005fsyslog\":1}",
            "{\"x\":\"\\\"_syslog\\\"\"}",
            "{\"a\":\"\\\\u\"}",
            "{\"a\":\n1}",
            "{\"a\":\"x\ny\"}",
            "{" + "[".repeat(63) + "]".repeat(63) + "}",
            "{\"a\":" + "[".repeat(63) + "]".repeat(63) + "}",
            "{\"a\":" + "[".repeat(64) + "]".repeat(64) + "}",
            "plain text",
            "{plain text}");
    decodesAsTheCheckedEventsDo(msgs);
    decodesAsTheCheckedEventsDo(List.of("{\"a\":\"", "\"}"));
  }

  @Provide
  Arbitrary<List<String>> batches() {
    return messages().list().ofMinSize(1).ofMaxSize(4);
  }

  private static Arbitrary<String> messages() {
    Arbitrary<String> valid = object(3);
    Arbitrary<String> pieces =
        Arbitraries.of(
            "{",
            "}",
            "[",
            "]",
            ":",
            ",",
            " ",
            "\"",
            "0",
            "01",
            "-",
            "1.",
            "1e",
            "x",
            "\t",
            "\u0001",
            "\\q",
            "\\u12",
            "\\u005f",
            "'a'",
            "tru",
            "{}",
            "\"}\"",
            "\"_syslog\"",
            "\n",
            "\r");
    Arbitrary<String> inserted =
        Combinators.combine(Arbitraries.integers().between(0, 1000), valid, pieces)
            .as(
                (at, v, piece) ->
                    v.substring(0, at % (v.length() + 1))
                        + piece
                        + v.substring(at % (v.length() + 1)));
    Arbitrary<String> dropped =
        Combinators.combine(Arbitraries.integers().between(0, 1000), valid)
            .as((at, v) -> v.substring(0, at % v.length()) + v.substring(at % v.length() + 1));
    Arbitrary<String> truncated =
        Combinators.combine(Arbitraries.integers().between(1, 1000), valid)
            .as((at, v) -> v.substring(0, at % v.length()) + "}");
    Arbitrary<String> two =
        Combinators.combine(valid, Arbitraries.of("", ",", " ", "x"), valid)
            .as((a, sep, b) -> a + sep + b);
    Arbitrary<String> trailing =
        Combinators.combine(valid, Arbitraries.of("x}", " }", "]}", "1}", "\"}"))
            .as((v, junk) -> v.substring(0, v.length() - 1) + junk);
    return Arbitraries.frequencyOf(
        Tuple.of(4, valid),
        Tuple.of(3, inserted),
        Tuple.of(2, dropped),
        Tuple.of(1, truncated),
        Tuple.of(1, two),
        Tuple.of(1, trailing));
  }

  private static final JsonTexts JSON =
      new JsonTexts(
          Arbitraries.of("\"a\"", "\"id.orig_h\"", "\"b\\\"c\"", "\"{\"", "\"}\"", "\"_x\""),
          Arbitraries.of("", "", "", " ", "\t"),
          Arbitraries.of(
              "0",
              "-1",
              "1.5",
              "2.5e-3",
              "1E+2",
              "10",
              "true",
              "false",
              "null",
              "\"x\"",
              "\"\"",
              "\"{\\\"a\\\":1}\"",
              "\"}\"",
              "\"{\"",
              "\"\\\\\"",
              "\"a\\nb\\t\\u0041\"",
              "\"10.0.0.1\""),
          6);

  private static Arbitrary<String> object(int depth) {
    return JSON.object(depth);
  }
}
