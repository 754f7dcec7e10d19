package dev.kasa.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Capturing all fields of a flat JSON object gives what Jackson's tree parse gives, in a line or in
 * a pretty-printed stream, also next to a broken record.
 */
class CapturePropertyTest {
  private static final ObjectMapper JACKSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .build();

  /** A JSON value as written, with random escaping choices. */
  record Written(String json) {}

  @Property(tries = 500)
  void allModeMatchesJackson(@ForAll("objects") Map<String, Written> object) throws Exception {
    StringBuilder line = new StringBuilder("{");
    object.forEach(
        (k, v) -> {
          if (line.length() > 1) {
            line.append(',');
          }
          line.append(quote(k, k.hashCode())).append(':').append(v.json());
        });
    line.append("}\n");
    byte[] b = line.toString().getBytes(StandardCharsets.UTF_8);

    List<String> ours = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    new JsonLinesDecoder(
            FieldMaps.defaults().forSource("ndjson"),
            CaptureTable.of(new FieldCapture(List.of(), true), false),
            1 << 20,
            64)
        .decode(
            b,
            0,
            b.length,
            1,
            new RecordSink() {
              @Override
              public void record(DecodedRecord r) {
                for (int i = 0; i < r.capturedCount(); i++) {
                  ours.add(r.capturedId(i) + " " + r.capturedName(i) + "=" + r.capturedValue(i));
                }
              }

              @Override
              public void malformed(long l, String reason) {
                problems.add(reason);
              }
            });

    List<String> theirs = new ArrayList<>();
    JsonNode tree = JACKSON.readTree(b);
    tree.properties()
        .forEach(
            e -> {
              JsonNode v = e.getValue();
              String text = v.isNull() ? null : v.asText();
              theirs.add("-1 " + e.getKey() + "=" + text);
            });
    assertThat(problems).as(line.toString()).isEmpty();
    assertThat(ours).as(line.toString()).isEqualTo(theirs);
  }

  /** {@code object} written as evtx_dump writes objects: braces at column 1, fields indented. */
  private static String pretty(Map<String, Written> object) {
    StringBuilder b = new StringBuilder("{\n");
    int i = 0;
    for (var e : object.entrySet()) {
      b.append("  ").append(quote(e.getKey(), e.getKey().hashCode())).append(": ");
      b.append(e.getValue().json()).append(++i < object.size() ? ",\n" : "\n");
    }
    return b.append("}\n").toString();
  }

  /** The captures of every record decoded from a pretty-printed stream, one list per record. */
  private static List<List<String>> streamCaptures(String text, List<String> problems)
      throws java.io.IOException {
    List<List<String>> records = new ArrayList<>();
    new JsonObjectStreamDecoder(
            FieldMaps.defaults().forSource("ndjson"),
            CaptureTable.of(new FieldCapture(List.of(), true), false),
            1 << 20,
            64)
        .decode(
            new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
            new RecordSink() {
              @Override
              public void record(DecodedRecord r) {
                List<String> one = new ArrayList<>();
                for (int i = 0; i < r.capturedCount(); i++) {
                  one.add(r.capturedId(i) + " " + r.capturedName(i) + "=" + r.capturedValue(i));
                }
                records.add(one);
              }

              @Override
              public void malformed(long l, String reason) {
                problems.add(l + " " + reason);
              }
            },
            n -> {});
    return records;
  }

  private static List<String> jackson(String json) throws Exception {
    List<String> theirs = new ArrayList<>();
    JACKSON
        .readTree(json)
        .properties()
        .forEach(
            e ->
                theirs.add(
                    "-1 "
                        + e.getKey()
                        + "="
                        + (e.getValue().isNull() ? null : e.getValue().asText())));
    return theirs;
  }

  /**
   * Pretty-printed objects around a broken one (never closed, or with a stray quote) capture what
   * Jackson reads from each of them; the broken one is reported.
   */
  @Property(tries = 300)
  void prettyStreamsCaptureLikeJacksonAroundABrokenRecord(
      @ForAll("objects") Map<String, Written> before,
      @ForAll("objects") Map<String, Written> after,
      @ForAll boolean strayQuote)
      throws Exception {
    Map<String, Written> first = new java.util.LinkedHashMap<>(before);
    first.putIfAbsent("n", new Written("1"));
    Map<String, Written> last = new java.util.LinkedHashMap<>(after);
    last.putIfAbsent("n", new Written("2"));
    String broken =
        strayQuote
            ? "{\n  \"broken\": \"abc,\n  \"n\": 3\n}\n"
            : "{\n  \"broken\": {\n    \"x\": \"y\"\n";
    String text = pretty(first) + broken + pretty(last);
    List<String> problems = new ArrayList<>();
    List<List<String>> ours = streamCaptures(text, problems);
    assertThat(ours).as(text).containsExactly(jackson(pretty(first)), jackson(pretty(last)));
    assertThat(problems).as(text).hasSize(1);
  }

  @Provide
  Arbitrary<Map<String, Written>> objects() {
    return Arbitraries.maps(keys(), values()).ofMaxSize(8);
  }

  private static Arbitrary<String> keys() {
    return Arbitraries.oneOf(
        Arbitraries.strings().alpha().numeric().withChars('_', '.', '@', '#').ofMaxLength(12),
        texts());
  }

  private static Arbitrary<String> texts() {
    return Arbitraries.strings()
        .withCharRange('\u0000', '\u00ff')
        .withChars('\u20ac', '\u4e2d', '\ud83d', '\ude00', '"', '\\', '/', '\n', '\t')
        .ofMaxLength(20)
        .filter(CapturePropertyTest::wellFormed);
  }

  private static Arbitrary<Written> values() {
    Arbitrary<Written> strings =
        Combinators.combine(texts(), Arbitraries.integers())
            .as((s, seed) -> new Written(quote(s, seed)));
    Arbitrary<Written> integers =
        Arbitraries.bigIntegers()
            .between(
                new java.math.BigInteger("-99999999999999999999"),
                new java.math.BigInteger("99999999999999999999"))
            .map(i -> new Written(i.toString()));
    Arbitrary<Written> decimals =
        Combinators.combine(
                Arbitraries.longs().between(-1_000_000, 1_000_000),
                Arbitraries.integers().between(1, 99999))
            .as((w, f) -> new Written(w + "." + f));
    Arbitrary<Written> literals = Arbitraries.of("true", "false", "null").map(Written::new);
    return Arbitraries.oneOf(strings, integers, decimals, literals);
  }

  /** True when {@code s} has no lone surrogate (those are not text: UTF-8 cannot carry them). */
  private static boolean wellFormed(String s) {
    return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(s);
  }

  /** {@code s} as a JSON string, escaping optional characters by the bits of {@code seed}. */
  private static String quote(String s, int seed) {
    StringBuilder out = new StringBuilder("\"");
    int bit = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean optional = ((seed >>> (bit++ & 31)) & 1) != 0;
      if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
        // Both halves of a pair escaped, or neither: one raw half alone is not UTF-8.
        char low = s.charAt(++i);
        out.append(optional ? String.format("\\u%04x\\u%04x", (int) c, (int) low) : "" + c + low);
      } else if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c == '\n' && optional) {
        out.append("\\n");
      } else if (c == '/' && optional) {
        out.append("\\/");
      } else if (c < 0x20 || (c >= 0x7f && optional)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
