package dev.kasa.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * A trusted first member ({@link LineFallback#firstTrusted()}) passed over unchecked gives exactly
 * the records of the full walk: for well-formed values of every shape (nested to past the depth
 * limit, strings with escapes, braces and non-ASCII), under field maps and captures that read from
 * under the member or not, the same raw text, time, fields, captures and malformed lines.
 */
class FirstTrustedProperties {
  private static final int MAX_DEPTH = 6;
  private static final Decoders DECODERS =
      new Decoders(
          new ScanOptions(
              1, null, FieldMaps.defaults(), 1 << 20, MAX_DEPTH, 4 << 20, Integer.MAX_VALUE));

  @Property(tries = 2000)
  void passingOverTheTrustedMemberGivesTheWalksRecords(
      @ForAll("lines") List<String> lines,
      @ForAll("fieldMaps") String fieldMap,
      @ForAll("captures") List<String> captured) {
    byte[] text = String.join("\n", lines).concat("\n").getBytes(StandardCharsets.UTF_8);
    var config = DecoderConfig.of(new FieldCapture(captured, false));
    assertThat(decoded(text, fieldMap, config, true))
        .as(String.join("\n", lines))
        .isEqualTo(decoded(text, fieldMap, config, false));
  }

  /**
   * Lines whose first members repeat (the pass remembers the last value it passed over): the same
   * value again, a value that the last one is a prefix of or that is a prefix of it, one cut by the
   * line's end: the same records as the walk.
   */
  @Property(tries = 2000)
  void aRepeatedTrustedMemberGivesTheWalksRecords(
      @ForAll("repeatedLines") List<String> lines, @ForAll("fieldMaps") String fieldMap) {
    byte[] text = String.join("\n", lines).concat("\n").getBytes(StandardCharsets.UTF_8);
    var config = DecoderConfig.of(new FieldCapture(List.of("query"), false));
    assertThat(decoded(text, fieldMap, config, true))
        .as(String.join("\n", lines))
        .isEqualTo(decoded(text, fieldMap, config, false));
  }

  @Provide
  Arbitrary<List<String>> repeatedLines() {
    Arbitrary<String> value = value(3).filter(v -> v.startsWith("{") || v.startsWith("["));
    Arbitrary<String> rest =
        Arbitraries.of("", ",\"query\":\"example.com\"", ",\"h\":1", "]", " ,\"a\":{}");
    return Combinators.combine(value, value)
        .flatAs(
            (a, b) -> {
              int last = a.length() - 1;
              // Well-formed values (as the producer vouches) or the line cut inside one.
              Arbitrary<String> whole =
                  Arbitraries.of(
                      a, a, b, "[" + a + "]", a.substring(0, last) + " " + a.substring(last));
              Arbitrary<String> line =
                  Combinators.combine(whole, rest).as((v, r) -> "{\"h\":" + v + r + "}");
              Arbitrary<String> cut =
                  Arbitraries.integers().between(1, last).map(k -> "{\"h\":" + a.substring(0, k));
              return Arbitraries.frequencyOf(Tuple.of(5, line), Tuple.of(1, cut))
                  .list()
                  .ofMinSize(2)
                  .ofMaxSize(6);
            });
  }

  /**
   * Lines whose first members differ from the last one's in a byte or two, as the producer writes
   * them (well-formed; the pass takes a value that differs only inside plain strings of the same
   * length): a character of a string changed to another, to an escape or to a non-ASCII one, a
   * digit of a number changed, a string closed early (the line is then malformed after the value):
   * the same records as the walk.
   */
  @Property(tries = 2000)
  void aTrustedMemberChangedInAByteOrTwoGivesTheWalksRecords(
      @ForAll("changedLines") List<String> lines, @ForAll("fieldMaps") String fieldMap) {
    byte[] text = String.join("\n", lines).concat("\n").getBytes(StandardCharsets.UTF_8);
    var config = DecoderConfig.of(new FieldCapture(List.of("query"), false));
    assertThat(decoded(text, fieldMap, config, true))
        .as(String.join("\n", lines))
        .isEqualTo(decoded(text, fieldMap, config, false));
  }

  private static final String HEADER =
      "{\"rfc\":\"5424\",\"facility\":16,\"timestamp\":\"2025-06-02T00:00:00.000001Z\","
          + "\"hostname\":\"sensor\",\"sender\":\"127.0.0.1\"}";

  @Provide
  Arbitrary<List<String>> changedLines() {
    Arbitrary<String> value =
        Arbitraries.frequencyOf(
            Tuple.of(2, Arbitraries.just(HEADER)),
            Tuple.of(1, Arbitraries.just("[\"a\\\"b\",{\"k\":\"caf\u00e9\"},\"x1\",-12]")),
            Tuple.of(
                2,
                value(3)
                    .filter(v -> (v.startsWith("{") || v.startsWith("[")) && v.contains("\""))));
    Arbitrary<String> rest = Arbitraries.of("", ",\"query\":\"example.com\"", ",\"h\":1");
    return value.flatMap(
        a -> {
          List<Integer> inside = contentPositions(a);
          List<Integer> digits = new ArrayList<>();
          for (int i = 0; i < a.length(); i++) {
            if (Character.isDigit(a.charAt(i)) && !inside.contains(i)) {
              digits.add(i);
            }
          }
          var changes = new ArrayList<Tuple.Tuple2<Integer, Arbitrary<String>>>();
          changes.add(Tuple.of(2, Arbitraries.just(a)));
          if (!inside.isEmpty()) {
            Arbitrary<Integer> at = Arbitraries.of(inside);
            changes.add(
                Tuple.of(
                    6,
                    Combinators.combine(at, Arbitraries.of("x", "7", " ", "\u00e9", "\u4e2d"))
                        .as((k, c) -> a.substring(0, k) + c + a.substring(k + 1))));
            List<Integer> pairs = inside.stream().filter(k -> inside.contains(k + 1)).toList();
            if (!pairs.isEmpty()) {
              changes.add(
                  Tuple.of(
                      2,
                      Arbitraries.of(pairs)
                          .map(k -> a.substring(0, k) + "\\\"" + a.substring(k + 2))));
            }
          }
          if (!digits.isEmpty()) {
            changes.add(
                Tuple.of(
                    1,
                    Combinators.combine(Arbitraries.of(digits), Arbitraries.of("5", "9"))
                        .as((k, c) -> a.substring(0, k) + c + a.substring(k + 1))));
          }
          if (a.equals(HEADER)) {
            // The timestamp closed early, the same length: the value ends there.
            changes.add(
                Tuple.of(2, Arbitraries.just(a.replace("00:00.000001Z", "00\"},\"x\":\"01Z"))));
          }
          Arbitrary<String> v = Arbitraries.frequencyOf(changes);
          return Combinators.combine(v, rest)
              .as((x, r) -> "{\"h\":" + x + r + "}")
              .list()
              .ofMinSize(2)
              .ofMaxSize(6);
        });
  }

  /**
   * The indices of {@code v}'s string characters that are not part of an escape ({@code \\uXXXX}
   * too).
   */
  private static List<Integer> contentPositions(String v) {
    var at = new ArrayList<Integer>();
    boolean in = false;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (!in) {
        in = c == '"';
      } else if (c == '\\') {
        i += v.charAt(i + 1) == 'u' ? 5 : 1;
      } else if (c == '"') {
        in = false;
      } else {
        at.add(i);
      }
    }
    return at;
  }

  @Provide
  Arbitrary<String> fieldMaps() {
    // zeek: no generic names (the pass applies); ndjson: the generic rules (it does not).
    return Arbitraries.of("zeek", "ndjson");
  }

  @Provide
  Arbitrary<List<String>> captures() {
    return Arbitraries.of(
        List.of(),
        List.of("query"),
        List.of("h.host"),
        List.of("h"),
        List.of("h.a.b", "query"),
        List.of("hx"));
  }

  @Provide
  Arbitrary<List<String>> lines() {
    Arbitrary<String> first =
        Arbitraries.frequencyOf(
            Tuple.of(6, value(MAX_DEPTH + 1)),
            Tuple.of(1, scalar()),
            Tuple.of(1, nested(MAX_DEPTH - 2)),
            Tuple.of(1, nested(MAX_DEPTH - 1)),
            Tuple.of(1, nested(MAX_DEPTH)));
    Arbitrary<String> rest =
        Arbitraries.of(
            "",
            ",\"query\":\"example.com\"",
            ",\"id.orig_h\":\"10.0.0.1\",\"ts\":1748822400.5",
            ",\"h\":1",
            ",\"a\":{\"h\":2},\"query\":\"x\\u0041.example\"",
            ",\"h\\u0078\":\"10.0.0.9\"");
    Arbitrary<String> blank = Arbitraries.of("", " ", "\t", " \r ");
    Arbitrary<String> line =
        Combinators.combine(blank, blank, first, rest)
            .as((w1, w2, v, r) -> "{\"h\"" + w1 + ":" + w2 + v + r + "}");
    Arbitrary<String> other = Arbitraries.of("{\"query\":\"a.example\"}", "", "{\"h\":[1]");
    return Arbitraries.frequencyOf(Tuple.of(5, line), Tuple.of(1, other)).list().ofSize(3);
  }

  /** An object or array {@code depth} levels deep (the value at depth 2 of its line). */
  private static Arbitrary<String> nested(int depth) {
    return Arbitraries.of("{\"a\":", "[").list().ofSize(depth).map(FirstTrustedProperties::closed);
  }

  private static String closed(List<String> opens) {
    var s = new StringBuilder();
    opens.forEach(s::append);
    s.append("\"}\"");
    for (int i = opens.size() - 1; i >= 0; i--) {
      s.append(opens.get(i).equals("[") ? "]" : "}");
    }
    return s.toString();
  }

  private static Arbitrary<String> value(int depth) {
    if (depth == 0) {
      return scalar();
    }
    Arbitrary<String> keys = Arbitraries.of("\"host\"", "\"a\"", "\"b\"", "\"h\"", "\"k\\\"}\"");
    Arbitrary<String> blank = Arbitraries.of("", " ", "\t");
    Arbitrary<String> member =
        Combinators.combine(blank, keys, blank, Arbitraries.lazy(() -> value(depth - 1)))
            .as((w1, k, w2, v) -> w1 + k + w2 + ":" + w2 + v + w1);
    Arbitrary<String> object = member.list().ofMaxSize(3).map(m -> "{" + String.join(",", m) + "}");
    Arbitrary<String> array =
        Arbitraries.lazy(() -> value(depth - 1))
            .list()
            .ofMaxSize(3)
            .map(l -> "[" + String.join(", ", l) + "]");
    return Arbitraries.frequencyOf(Tuple.of(3, scalar()), Tuple.of(2, object), Tuple.of(1, array));
  }

  private static Arbitrary<String> scalar() {
    return Arbitraries.of(
        "\"10.0.0.7\"",
        "\"sensor\"",
        "\"\"",
        "\"a\\\"b\"",
        "\"back\\\\\"",
        "\"}]{[\"",
        "\"\\u00e9t\\u00E9\"",
        "\"caf\u00e9 \u4e2d\"",
        "\"2025-06-02T00:00:00Z\"",
        "16",
        "-0.5e+10",
        "true",
        "false",
        "null");
  }

  private static List<String> decoded(
      byte[] text, String fieldMap, DecoderConfig config, boolean trusted) {
    LineFallback fallback =
        new LineFallback() {
          @Override
          public byte[] instead(byte[] b, int from, int to) {
            return null;
          }

          @Override
          public String firstOnly() {
            return "h";
          }

          @Override
          public boolean firstTrusted() {
            return trusted;
          }
        };
    var seen = new ArrayList<String>();
    DECODERS.decode(
        new EventSource("t", EventFormat.NDJSON, fieldMap, fallback),
        text,
        0,
        text.length,
        input ->
            new ChunkTask<Void>() {
              @Override
              public DecoderConfig decoderConfig() {
                return config;
              }

              @Override
              public void record(DecodedRecord r) {
                var s = new StringBuilder(r.line() + ": " + r.rawText() + " @" + r.timeMillis());
                for (int i = 0; i < r.size(); i++) {
                  s.append(" | ").append(r.field(i)).append('=').append(r.type(i));
                  s.append(':').append(r.value(i));
                }
                for (int i = 0; i < r.capturedCount(); i++) {
                  s.append(" || ").append(r.capturedId(i)).append(' ').append(r.capturedName(i));
                  s.append('=').append(r.capturedValue(i));
                }
                seen.add(s.toString());
              }

              @Override
              public void malformed(long line, String reason) {
                seen.add(line + ": malformed " + reason);
              }

              @Override
              public Void finish() {
                return null;
              }
            });
    return seen;
  }
}
