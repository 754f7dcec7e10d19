package dev.kasa.node.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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
 * A connection's messages written with its {@link HeaderMemo} against each written on its own: the
 * same bytes, taken or declined alike, whatever came before (headers that repeat, differ in one
 * field or byte, are a prefix of the last one's, or come from another sender).
 */
class HeaderMemoProperties {
  private final PlainRfc5424 plain = new PlainRfc5424(new SyslogEvents().objects());

  @Property(tries = 2000)
  void aConnectionWritesWhatEachMessageWritesAlone(@ForAll("connections") List<Sent> sent) {
    var memo = new HeaderMemo();
    var withMemo = new EventBytes(16);
    for (Sent m : sent) {
      byte[] b = m.bytes();
      var alone = new EventBytes(16);
      boolean expected = plain.write(b.clone(), 0, b.length, m.sender(), alone);
      // Within a larger frame buffer, as the connection hands it over.
      byte[] framed = new byte[b.length + 6];
      System.arraycopy(b, 0, framed, 3, b.length);
      int before = withMemo.size();
      boolean taken = plain.write(framed, 3, b.length, m.sender(), withMemo, memo);
      String text = new String(b, StandardCharsets.ISO_8859_1);
      Statistics.collect(taken ? "taken" : "declined");
      assertThat(taken).as(text).isEqualTo(expected);
      byte[] written = java.util.Arrays.copyOfRange(withMemo.array(), before, withMemo.size());
      assertThat(new String(written, StandardCharsets.UTF_8))
          .as(text)
          .isEqualTo(new String(alone.toByteArray(), StandardCharsets.UTF_8));
    }
    Statistics.coverage(c -> c.check("taken").percentage(p -> p > 40));
  }

  @Example
  void aPrefixOfTheLastHeaderIsReadAgain() {
    var memo = new HeaderMemo();
    var out = new EventBytes(16);
    for (String m :
        List.of(
            "<134>1 2025-06-02T00:00:00Z sensor zeek - - - {\"a\":1}",
            "<134>1 2025-06-02T00:00:00Z sensor zeek - - -x {\"a\":1}",
            "<134>1 2025-06-02T00:00:00Z sensor zeek - - -",
            "<134>1 2025-06-02T00:00:00Z sensor zeek - - - {\"a\":2}")) {
      byte[] b = m.getBytes(StandardCharsets.UTF_8);
      var alone = new EventBytes(16);
      boolean expected = plain.write(b.clone(), 0, b.length, "::1", alone);
      int before = out.size();
      assertThat(plain.write(b, 0, b.length, "::1", out, memo)).as(m).isEqualTo(expected);
      assertThat(java.util.Arrays.copyOfRange(out.array(), before, out.size()))
          .as(m)
          .isEqualTo(alone.toByteArray());
    }
  }

  record Sent(byte[] bytes, String sender) {}

  @Provide
  Arbitrary<List<Sent>> connections() {
    // Mostly well-formed, so that most messages are taken and their headers remembered.
    Arbitrary<String> time =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(
                6, Arbitraries.of("2025-06-02T00:00:00Z", "2025-06-02T00:00:01Z", "-")),
            net.jqwik.api.Tuple.of(
                1,
                Arbitraries.of(
                    "2025-06-02T00:00:00.123Z",
                    "2025-06-02T00:00:00.12Z",
                    "2025-02-29T00:00:00Z",
                    "2025-06-02T00:00:00Z-",
                    "2025-06-02T00:00:00")));
    Arbitrary<String> field =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(12, Arbitraries.of("-", "sensor", "sensor2", "zeek")),
            net.jqwik.api.Tuple.of(1, Arbitraries.of("sensor ", "a\"b", "c\\d", "")),
            net.jqwik.api.Tuple.of(
                2, Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(6)));
    Arbitrary<String> sd =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(8, Arbitraries.just("-")),
            net.jqwik.api.Tuple.of(1, Arbitraries.of("-x", "[x@1 k=\"v\"]", "")));
    Arbitrary<String> after =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(8, Arbitraries.just(" ")),
            net.jqwik.api.Tuple.of(1, Arbitraries.of("", "  ", "x")));
    Arbitrary<String> header =
        Combinators.combine(
                Arbitraries.integers().between(0, 191), time, field, field, field, field, sd, after)
            .as(
                (p, t, h, app, proc, id, d, a) ->
                    "<%d>1 %s %s %s %s %s %s%s".formatted(p, t, h, app, proc, id, d, a));
    Arbitrary<String> msg =
        Arbitraries.of(
            "{\"ts\":1.5,\"id.orig_h\":\"10.0.0.1\"}",
            "{\"_syslog\":{\"mine\":1},\"a\":2}",
            "{\n\"a\":1}",
            "plain text",
            "\u00e9",
            "");
    Arbitrary<String> sender = Arbitraries.of("127.0.0.1", "::1", null);
    // A few headers, senders and MSGs per connection, so that most messages repeat a header.
    return Combinators.combine(
            header.list().ofMinSize(1).ofMaxSize(3),
            sender.list().ofMinSize(1).ofMaxSize(2),
            Arbitraries.integers().between(0, 1000).list().ofMinSize(1).ofMaxSize(12),
            msg)
        .as(
            (headers, senders, picks, m) ->
                picks.stream()
                    .map(
                        i ->
                            new Sent(
                                (headers.get(i % headers.size()) + (i % 3 == 0 ? m : "{}"))
                                    .getBytes(StandardCharsets.UTF_8),
                                senders.get(i % senders.size())))
                    .toList());
  }
}
