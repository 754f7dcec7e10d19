package dev.kasa.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A source's {@link LineFallback}: what a line that is not one JSON object becomes. */
class LineFallbackTest {
  // Replaces a line that starts with "x" by an object holding its length; leaves others malformed.
  private static final LineFallback FALLBACK =
      (b, from, to) ->
          b[from] == 'x'
              ? ("{\"a\":\"10.0.0." + (to - from) + "\"}").getBytes(StandardCharsets.US_ASCII)
              : null;

  private static List<String> decode(String text, LineFallback fallback) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    var raws = new ArrayList<String>();
    RecordSink shown = JsonScannerTest.sink(out);
    new JsonLinesDecoder(
            FieldMaps.defaults().forSource("ndjson"),
            DecoderConfig.NONE,
            CaptureTable.NONE,
            null,
            1 << 20,
            64,
            fallback)
        .decode(
            b,
            0,
            b.length,
            1,
            new RecordSink() {
              @Override
              public void record(DecodedRecord r) {
                shown.record(r);
                raws.add(r.rawText());
              }

              @Override
              public void malformed(long line, String reason) {
                shown.malformed(line, reason);
              }
            });
    out.addAll(raws);
    return out;
  }

  @Test
  void aLineThatIsNotOneObjectBecomesTheFallbacksRecordInItsPlace() {
    String text =
        """
        {"a":"10.0.0.1"}
        xyz
        {"a":"10.0.0.2"} trailing
        x{"a":"10.0.0.3"}
        {"a":"10.0.0.4"}
        """;
    assertThat(decode(text, FALLBACK))
        .containsExactly(
            "1: a=IPV4:10.0.0.1",
            "2: a=IPV4:10.0.0.3",
            "3: MALFORMED unexpected data after the JSON object",
            "4: a=IPV4:10.0.0.17",
            "5: a=IPV4:10.0.0.4",
            "{\"a\":\"10.0.0.1\"}",
            "{\"a\":\"10.0.0.3\"}",
            "{\"a\":\"10.0.0.17\"}",
            "{\"a\":\"10.0.0.4\"}");
  }

  @Test
  void withAFallbackNumbersAreHeldToRfc8259() {
    String text =
        """
        {"n":01}
        {"n":1.}
        {"n":-}
        {"n":1e}
        {"n":1.2.3}
        {"n":-0.5e+10,"m":[0,10,2E-3]}
        """;
    assertThat(decode(text, (b, from, to) -> null))
        .startsWith(
            "1: MALFORMED bad JSON at byte 7 of the record: expected ',' or '}'",
            "2: MALFORMED bad JSON at byte 8 of the record: bad number",
            "3: MALFORMED bad JSON at byte 7 of the record: bad number",
            "4: MALFORMED bad JSON at byte 8 of the record: bad number",
            "5: MALFORMED bad JSON at byte 9 of the record: expected ',' or '}'")
        .hasSize(7);
    // Without one, any run of number characters passes, as before.
    assertThat(decode(text, null)).noneMatch(s -> s.contains("MALFORMED"));
  }

  @Test
  void aFirstOnlyMemberAfterTheFirstSendsTheLineToTheFallbackWhoseRecordIsNotChecked() {
    // Gives the line as it is, but for one that starts with "{\"h\":0," (its first member dropped).
    LineFallback fallback =
        new LineFallback() {
          @Override
          public byte[] instead(byte[] b, int from, int to) {
            String line = new String(b, from, to - from, StandardCharsets.UTF_8);
            return (line.startsWith("{\"h\":0,") ? "{" + line.substring(7) : line)
                .getBytes(StandardCharsets.UTF_8);
          }

          @Override
          public String firstOnly() {
            return "h";
          }
        };
    String text =
        """
        {"h":1,"a":"10.0.0.1"}
        {"h":0,"a":"10.0.0.2","h":2}
        {"a":"10.0.0.3","h":3}
        {"h":0,"\\u0068":4,"a":"10.0.0.4"}
        {"h":0,"\u00e9":5,"a":"10.0.0.5"}
        {"h":0,"a":{"h":6},"b":"\\u0068"}
        """;
    assertThat(decode(text, fallback))
        .containsExactly(
            "1: a=IPV4:10.0.0.1",
            "2: a=IPV4:10.0.0.2",
            "3: a=IPV4:10.0.0.3",
            "4: a=IPV4:10.0.0.4",
            "5: a=IPV4:10.0.0.5",
            "6:",
            "{\"h\":1,\"a\":\"10.0.0.1\"}",
            "{\"a\":\"10.0.0.2\",\"h\":2}",
            "{\"a\":\"10.0.0.3\",\"h\":3}",
            "{\"\\u0068\":4,\"a\":\"10.0.0.4\"}",
            // rawText reads each byte as one char: é is two.
            "{\"\u00c3\u00a9\":5,\"a\":\"10.0.0.5\"}",
            "{\"h\":0,\"a\":{\"h\":6},\"b\":\"\\u0068\"}");
  }
}
