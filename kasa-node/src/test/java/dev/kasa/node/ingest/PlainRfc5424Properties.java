package dev.kasa.node.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.KasaException;
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
import net.jqwik.api.statistics.Statistics;

/**
 * The shortcut for plain RFC 5424 messages against the general way (parse, then write): what it
 * takes it writes byte for byte as the general way does (or, for a MSG spliced unchecked, so that
 * it decodes to the same record), and what it declines leaves nothing behind.
 */
class PlainRfc5424Properties {
  private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  private static final dev.kasa.event.EventSource SOURCE =
      SyslogSource.of(
              "s", SyslogSource.Protocol.TCP, new dev.kasa.node.NodeConfig.Listen("127.0.0.1", 0))
          .eventSource();
  private final SyslogEvents events = new SyslogEvents();
  private final PlainRfc5424 plain = new PlainRfc5424(events.objects());

  @Property(tries = 5000)
  void writesWhatTheGeneralWayWritesOrNothing(
      @ForAll("messages") byte[] b, @ForAll("senders") String sender) {
    byte[] general;
    try {
      general = events.event(SyslogParser.parse(b, 0, b.length, NOW), sender);
    } catch (KasaException e) {
      general = null;
    }
    var out = new EventBytes(16);
    out.write('x'); // what the batch held before
    boolean taken = plain.write(b.clone(), 0, b.length, sender, out);
    String text = new String(b, StandardCharsets.ISO_8859_1);
    Statistics.collect(taken ? "taken" : general == null ? "malformed" : "declined");
    Statistics.coverage(c -> c.check("taken").percentage(p -> p > 10));
    if (taken) {
      assertThat(general).as(text).isNotNull();
      String written = new String(out.toByteArray(), StandardCharsets.UTF_8).substring(1);
      String expected = new String(general, StandardCharsets.UTF_8);
      if (!written.equals(expected)) {
        // A MSG spliced unchecked that was not one object: the decoder's fallback makes the same
        // event of it (SpliceFallbackProperties holds that for generated JSON).
        byte[] w = written.getBytes(StandardCharsets.UTF_8);
        assertThat(DecodedLines.of(SOURCE, w, w.length))
            .as(text)
            .isEqualTo(DecodedLines.of(SOURCE, general, general.length));
      }
    } else {
      assertThat(out.size()).as(text).isEqualTo(1);
    }
  }

  @Example
  void takesTheCommonMessages() {
    for (String m :
        List.of(
            "<134>1 2025-06-02T00:00:00Z sensor zeek - - - {\"ts\":1.5,\"id.orig_h\":\"10.0.0.1\"}",
            "<13>1 - - - - - -",
            "<0>1 2024-02-29T23:59:59.123456Z h\"\\ a 1 m - plain text",
            "<191>1 2025-06-02T00:00:00.000001Z h a p m - {\"_syslog\":1}")) {
      byte[] b = m.getBytes(StandardCharsets.UTF_8);
      assertThat(plain.write(b, 0, b.length, "192.0.2.7", new EventBytes(16))).as(m).isTrue();
    }
    for (String m :
        List.of(
            "<134>1 2025-06-02T00:00:00+01:00 h a - - - {}",
            "<134>1 2025-06-02T00:00:00.000Z h a - - - {}",
            "<134>1 2025-02-29T00:00:00Z h a - - - {}",
            "<134>1 - h a - - [x@1 k=\"v\"] {}",
            "<134>1 - h a - - - {\"k\":\"\u00e9\"}",
            "<34>Oct 11 22:14:15 mymachine su[231]: x")) {
      byte[] b = m.getBytes(StandardCharsets.UTF_8);
      assertThat(plain.write(b, 0, b.length, "192.0.2.7", new EventBytes(16))).as(m).isFalse();
    }
  }

  @Provide
  Arbitrary<String> senders() {
    return Arbitraries.of("127.0.0.1", "::1", null);
  }

  @Provide
  Arbitrary<byte[]> messages() {
    Arbitrary<String> pri =
        Arbitraries.oneOf(
            Arbitraries.integers().between(0, 191).map(i -> "<" + i + ">"),
            Arbitraries.of("<192>", "<01>", "<1234>", "<>", "<13", "13>", ""));
    Arbitrary<String> version = Arbitraries.of("1 ", "1 ", "1 ", "2 ", "1", "");
    Arbitrary<String> time =
        Arbitraries.oneOf(
            Arbitraries.of(
                "-",
                "2025-06-02T00:00:00Z",
                "2024-02-29T23:59:59.999Z",
                "2023-02-29T00:00:00Z",
                "2025-04-31T00:00:00Z",
                "2025-13-01T00:00:00Z",
                "2025-06-02T24:00:00Z",
                "2025-06-02T00:60:00Z",
                "2025-06-02T00:00:60Z",
                "2025-06-02T00:00:00.000Z",
                "2025-06-02T00:00:00.100Z",
                "2025-06-02T00:00:00.12Z",
                "2025-06-02T00:00:00.1234567890Z",
                "2025-06-02T00:00:00+00:00",
                "2025-06-02t00:00:00z",
                "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z",
                "2025-06-02T00:00:00.12a456Z",
                "--"),
            Arbitraries.integers()
                .between(0, 9)
                .flatMap(
                    d ->
                        Arbitraries.longs()
                            .between(0, 253_402_300_799L)
                            .map(
                                s -> {
                                  String t = Instant.ofEpochSecond(s, 123_456_789).toString();
                                  // Cut the fraction to d digits (0: none).
                                  return t.substring(0, 19)
                                      + (d == 0 ? "" : t.substring(19, 20 + d))
                                      + "Z";
                                })));
    Arbitrary<String> field =
        Arbitraries.oneOf(
            Arbitraries.of("-", "sensor", "zeek", "a\"b", "c\\d", "x".repeat(49), ""),
            Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(40),
            Arbitraries.strings().withChars(' ', '\t', '\u00e9', 'a').ofMaxLength(3));
    Arbitrary<String> sd = Arbitraries.of("-", "-", "-", "[x@1 k=\"v\"]", "-x", "");
    Arbitrary<String> msg =
        Arbitraries.oneOf(
            Arbitraries.of(
                "{\"ts\":1.5,\"id.orig_h\":\"10.0.0.1\",\"n\":[1,true,null]}",
                "{\"_syslog\":{\"mine\":1},\"a\":2}",
                "{\n\"a\":\r\n1}\n",
                " {} ",
                "{}{}",
                "{\"a\":01}",
                "{\"a\":\"\u00e9\"}",
                "\uFEFF{\"a\":1}",
                "plain \"text\" with \\ and \t tab",
                "",
                "\u0000\u001f\u007f"),
            Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40));
    Arbitrary<String> sp = Arbitraries.of(" ", " ", " ", " ", "", "  ");
    Arbitrary<String> header =
        Combinators.combine(pri, version, time, sp, field, sp, field)
            .as((a, v, t, s1, h, s2, app) -> a + v + t + s1 + h + s2 + app);
    Arbitrary<String> whole =
        Combinators.combine(header, sp, field, sp, field, sp, sd, Arbitraries.of(" ", "", "x"))
            .as((h, s1, proc, s2, id, s3, d, s4) -> h + s1 + proc + s2 + id + s3 + d + s4);
    Arbitrary<String> plainField =
        Arbitraries.oneOf(
            Arbitraries.of("-", "sensor", "a\"b", "c\\d"),
            Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(20));
    // Mostly well-formed, so that the shortcut is taken often enough to mean something.
    Arbitrary<String> good =
        Combinators.combine(
                Arbitraries.integers().between(0, 191),
                time,
                plainField,
                plainField,
                plainField,
                plainField)
            .as(
                (p, t, h, app, proc, id) ->
                    "<%d>1 %s %s %s %s %s - ".formatted(p, t, h, app, proc, id));
    return Combinators.combine(Arbitraries.oneOf(whole, good), msg)
        .as((w, m) -> (w + m).getBytes(StandardCharsets.UTF_8));
  }
}
