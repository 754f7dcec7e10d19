package dev.kasa.node.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.KasaException;
import dev.kasa.node.NodeConfig;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
 * A TCP connection's batches (the shortcut, MSGs spliced unchecked, the first-only {@code _syslog}
 * and events decoded on their own), decoded where they lie as the node's sink decodes them, give
 * exactly the records of the general way's events (each MSG checked first, decoded as a stream
 * without a first-only member): the same raw text, event time, observables and every captured field
 * (names and values), nothing malformed that was not; and, capturing nothing (where the decoder
 * passes over our trusted header unchecked), the same raw text, time and observables.
 */
class SyslogBatchProperties {
  private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  private static final SyslogSource CONFIG =
      new SyslogSource(
          "s",
          SyslogSource.Protocol.TCP,
          new NodeConfig.Listen("127.0.0.1", 0),
          "zeek",
          SyslogSource.DEFAULT_MAX_MESSAGE_BYTES,
          0,
          SyslogSource.DEFAULT_MAX_CONNECTIONS,
          SyslogSource.DEFAULT_UDP_QUEUE);

  private final SyslogEvents events = new SyslogEvents();
  private final SyslogDecoding decoding =
      new SyslogDecoding(
          new SourceCounters("s", "test", "test", Clock.systemUTC()),
          Clock.fixed(NOW, ZoneOffset.UTC));

  @Property(tries = 3000)
  void decodesAsTheGeneralWaysEventsDo(@ForAll("batches") List<String> msgs) {
    var chunks = new ArrayList<TelemetryChunk>();
    TelemetrySink sink =
        c -> chunks.add(new TelemetryChunk(c.sourceName(), c.source(), c.bytes(), c.count()));
    var batch =
        new EventBatch("s", CONFIG.eventSource(), CONFIG.checkedEventSource(), counters(), null);
    var checked = new EventBytes(256);
    int expectedCount = 0;
    for (String m : msgs) {
      byte[] b = m.getBytes(StandardCharsets.UTF_8);
      try {
        events.write(SyslogParser.parse(b, 0, b.length, NOW), "192.0.2.7", checked);
        expectedCount++;
      } catch (KasaException e) {
        Statistics.label("malformed").collect(true);
      }
      batch.add(decoding, b.clone(), 0, b.length, "192.0.2.7");
      if (batch.full()) {
        deliver(batch, sink);
      }
    }
    deliver(batch, sink);
    var got = new ArrayList<String>();
    var shown = new ArrayList<String>();
    int count = 0;
    for (TelemetryChunk c : chunks) {
      Statistics.label("alone").collect(c.source().fallback() == SpliceFallback.CHECKED);
      got.addAll(DecodedLines.everyFieldInPlace(c.source(), c.records(), c.length()));
      shown.addAll(DecodedLines.ofInPlace(c.source(), c.records(), c.length()));
      count += c.count();
    }
    List<String> expected =
        DecodedLines.everyField(CONFIG.checkedEventSource(), checked.array(), checked.size());
    assertThat(got).as(String.join("\n", msgs)).isEqualTo(expected);
    // Capturing nothing, the decoder passes over our header unchecked (SpliceFallback trusts it).
    assertThat(shown)
        .as(String.join("\n", msgs))
        .isEqualTo(DecodedLines.of(CONFIG.checkedEventSource(), checked.array(), checked.size()));
    assertThat(count).isEqualTo(expectedCount).isEqualTo(expected.size());
  }

  @Example
  void sortsOutOwnHeadersEscapesAndDuplicates() {
    String plain = "<134>1 2026-03-10T12:00:00Z h zeek - - - ";
    String general = "<134>1 2026-03-10T12:00:00+01:00 h zeek - - [x@1 k=\"v\"] ";
    List<String> msgs = new ArrayList<>();
    for (String h : List.of(plain, general)) {
      for (String m :
          List.of(
              "{\"a\":1}",
              "{\"_syslog\":{\"own\":1},\"a\":2}",
              "{\"a\":2,\"_syslog\":{\"own\":1}}",
              "{\"_syslog\":1,\"a\":2,\"_syslog\":3}",
              "{\"_syslog\":{\"rfc\":\"5424\"},\"_syslog\":{\"own\":1}}",
              "{\"_syslog\":{\"rfc\":\"5424\"},\"\\u005fsyslog\":{\"own\":1}}",
              "{\"_syslog\":{\"rfc\":\"5424\"},\"\u00e9\":1}",
              "{\"\\u005fsyslog\":1,\"a\":2}",
              "{\"a\\\"b\":1,\"c\":\"\\\\\"}",
              "{\"\u00e9\":\"\u00fc\",\"a\":2}",
              "{\"a\":\"\\u00e9\\ud83d\\ude00\"}",
              "{\n  \"_syslog\": {\"own\": 1},\n  \"a\": 2\n}",
              "{\n  \"a\": 2\n}",
              "{\"a\":1,}",
              "{}",
              "",
              "plain text",
              "{\"a\":01}",
              "{\"a\":\"\u001f\"}",
              "{\"a\":\"\u007f\"}")) {
        msgs.add(h + m);
      }
      // Around both depth limits (the MSG screen's and the decoder's).
      for (int depth = 62; depth <= 66; depth++) {
        msgs.add(h + "{\"a\":" + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}");
        msgs.add(h + "{\"a\":" + "{\"b\":".repeat(depth - 1) + "1" + "}".repeat(depth));
      }
    }
    decodesAsTheGeneralWaysEventsDo(msgs);
  }

  private static SourceCounters counters() {
    return new SourceCounters("s", "test", "test", Clock.systemUTC());
  }

  private static void deliver(EventBatch batch, TelemetrySink sink) {
    try {
      batch.deliver(sink);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Provide
  Arbitrary<List<String>> batches() {
    return Combinators.combine(headers(), messages())
        .as((h, m) -> h + m)
        .list()
        .ofMinSize(1)
        .ofMaxSize(5);
  }

  private static Arbitrary<String> headers() {
    return Arbitraries.frequencyOf(
        Tuple.of(
            6,
            Arbitraries.of(
                "<134>1 2026-03-10T12:00:00Z h zeek - - - ",
                "<13>1 - - - - - - ",
                "<0>1 2024-02-29T23:59:59.123456Z h\"\\ a 1 m - ")),
        Tuple.of(
            3,
            Arbitraries.of(
                "<134>1 2026-03-10T12:00:00+01:00 h zeek - - - ",
                "<134>1 2026-03-10T12:00:00Z h zeek - - [x@1 k=\"v\\\"q\" n=\"\u00e9\"] ",
                "<134>1 2026-03-10T12:00:00Z h zeek - - [a@1][b@2 k=\"\"] \uFEFF",
                "<34>Oct 11 22:14:15 mymachine su[231]: ")),
        Tuple.of(1, Arbitraries.of("<13", "<134>1 2026-13-10T12:00:00Z h a - - - ")));
  }

  private static Arbitrary<String> messages() {
    Arbitrary<String> valid = JSON.object(3);
    Arbitrary<String> pretty = valid.map(v -> v.replace(",", ",\n  ").replace("{", "{\r\n "));
    Arbitrary<String> pieces =
        Arbitraries.of(
            "{",
            "}",
            ",",
            " ",
            "\"",
            "01",
            "x",
            "\t",
            "\\q",
            "\\u005f",
            "\"_syslog\"",
            "\n",
            "\"_syslog\":1,",
            "\u00e9");
    Arbitrary<String> inserted =
        Combinators.combine(Arbitraries.integers().between(0, 1000), valid, pieces)
            .as(
                (at, v, piece) ->
                    v.substring(0, at % (v.length() + 1))
                        + piece
                        + v.substring(at % (v.length() + 1)));
    Arbitrary<String> text =
        Arbitraries.oneOf(
            Arbitraries.of("", "plain text", "{plain}", "{\"a\":1}{\"b\":2}", " {\"a\":1} "),
            Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(30));
    return Arbitraries.frequencyOf(
        Tuple.of(6, valid), Tuple.of(1, pretty), Tuple.of(3, inserted), Tuple.of(1, text));
  }

  private static final JsonTexts JSON =
      new JsonTexts(
          Arbitraries.of(
              "\"a\"",
              "\"id.orig_h\"",
              "\"_syslog\"",
              "\"_syslog\"",
              "\"\\u005fsyslog\"",
              "\"_sys\\u006cog\"",
              "\"b\\\"c\"",
              "\"\u00e9t\u00e9\"",
              "\"message\"",
              "\"ts\""),
          Arbitraries.of("", "", "", " "),
          Arbitraries.of(
              "0",
              "-1",
              "1.5",
              "1741608000.5",
              "true",
              "null",
              "\"x\"",
              "\"\"",
              "\"2026-03-10T11:00:00Z\"",
              "\"a\\nb\\t\\u0041\"",
              "\"\u00e9\u4e2d\ud83d\ude00\"",
              "\"\\ud83d\\ude00\"",
              "\"10.0.0.1\"",
              "\"evil.example\""),
          4);
}
