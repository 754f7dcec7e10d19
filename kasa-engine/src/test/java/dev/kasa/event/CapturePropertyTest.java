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

/** Capturing all fields of a flat JSON object gives what Jackson's tree parse gives. */
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
      if (c == '"' || c == '\\') {
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
