package dev.kasa.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.kasa.EventContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link ContextReader#json} reads the text of only the scalars its map names: it must give the
 * context a reading of every scalar gives (the oracle below reads each one and offers it under its
 * path, as the reader did before), on JSON objects with nested objects, arrays, rendered EVTX's
 * {@code #text}, escapes and non-ASCII text, and on JSON-like bytes that are no JSON at all.
 */
class ContextReaderOracleProperties {
  private static final ContextMap MAP =
      new ContextMap(
          Map.of(
              "@host", List.of("h", "a.h", "a"),
              "@source.ip", List.of("s", "a.b.s"),
              "@source.port", List.of("p"),
              "@destination.ip", List.of("a.#text"),
              "@context.x", List.of("a.x", "x"),
              "@context.t", List.of("a.b")));

  private static final JsonFactory JSON = new JsonFactory();

  @Provide
  Arbitrary<String> objects() {
    return value(3).list().ofMaxSize(6).map(ContextReaderOracleProperties::object);
  }

  private static Arbitrary<String> value(int depth) {
    Arbitrary<String> name = Arbitraries.of("h", "s", "p", "a", "b", "x", "#text", "y", "");
    Arbitrary<String> scalar =
        Arbitraries.oneOf(
            Arbitraries.of(
                "\"\"",
                "\"10.0.0.1\"",
                "\"h\\u00e9\\\"st\\\\\"",
                "\"caf\u00e9 \u4e2d\"",
                "\"8080\"",
                "443",
                "-1.5e3",
                "true",
                "false",
                "null"),
            Arbitraries.strings().alpha().numeric().ofMaxLength(300).map(t -> "\"" + t + "\""));
    if (depth == 0) {
      return Arbitraries.entries(name, scalar).map(e -> "\"" + e.getKey() + "\":" + e.getValue());
    }
    Arbitrary<String> nested =
        Arbitraries.lazy(() -> value(depth - 1))
            .list()
            .ofMaxSize(4)
            .map(ContextReaderOracleProperties::object);
    Arbitrary<String> array =
        Arbitraries.oneOf(scalar, nested)
            .list()
            .ofMaxSize(3)
            .map(l -> "[" + String.join(",", l) + "]");
    return Arbitraries.entries(name, Arbitraries.oneOf(scalar, scalar, nested, array))
        .map(e -> "\"" + e.getKey() + "\":" + e.getValue());
  }

  private static String object(List<String> members) {
    return "{" + String.join(",", members) + "}";
  }

  @Property(tries = 1500)
  void readsWhatReadingEveryScalarReads(@ForAll("objects") String json) {
    byte[] b = (" " + json + " ").getBytes(StandardCharsets.UTF_8);
    assertThat(ContextReader.json(MAP, b, 1, b.length - 1))
        .isEqualTo(everyScalar(MAP, b, 1, b.length - 1));
  }

  @Property(tries = 1000)
  void readsWhatReadingEveryScalarReadsOfBrokenJson(@ForAll("objects") String json) {
    // Cut anywhere: what was read before the fault is kept by both.
    byte[] whole = json.getBytes(StandardCharsets.UTF_8);
    for (int to = 1; to < whole.length; to += Math.max(1, whole.length / 7)) {
      assertThat(ContextReader.json(MAP, whole, 0, to)).isEqualTo(everyScalar(MAP, whole, 0, to));
    }
  }

  /** The oracle: every scalar's text read, and offered under its path (and #text's element). */
  private static EventContext everyScalar(ContextMap map, byte[] b, int from, int to) {
    String[] values = new String[map.slots()];
    int[] ranks = new int[map.slots()];
    java.util.Arrays.fill(ranks, Integer.MAX_VALUE);
    List<String> path = new ArrayList<>();
    try (JsonParser p = JSON.createParser(b, from, to - from)) {
      if (p.nextToken() == JsonToken.START_OBJECT) {
        String name = null;
        JsonToken t;
        read:
        while ((t = p.nextToken()) != null) {
          switch (t) {
            case FIELD_NAME -> name = p.currentName();
            case START_OBJECT -> {
              path.add(name == null ? "" : name);
              name = null;
            }
            case END_OBJECT -> {
              if (path.isEmpty()) {
                break read;
              }
              path.remove(path.size() - 1);
            }
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> {
              if (name != null) {
                String value = p.getText();
                StringBuilder sb = new StringBuilder();
                for (String s : path) {
                  sb.append(s).append('.');
                }
                String full = sb.append(name).toString();
                offer(map, full, value, values, ranks);
                if (name.equals("#text") && !path.isEmpty()) {
                  offer(
                      map,
                      full.substring(0, full.length() - ".#text".length()),
                      value,
                      values,
                      ranks);
                }
              }
            }
            default -> {}
          }
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      // What was read before the fault is kept.
    }
    java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
    for (int s = 5; s < values.length; s++) {
      if (values[s] != null) {
        fields.put(map.fieldName(s), values[s]);
      }
    }
    return new EventContext(
        values[0], endpoint(values[1], values[2]), endpoint(values[3], values[4]), fields);
  }

  private static void offer(
      ContextMap map, String path, String value, String[] values, int[] ranks) {
    int[] targets = map.targets(path);
    if (targets == null || value.isEmpty()) {
      return;
    }
    for (int i = 0; i < targets.length; i += 2) {
      int slot = targets[i];
      if (targets[i + 1] < ranks[slot]) {
        ranks[slot] = targets[i + 1];
        values[slot] =
            value.length() > ContextReader.MAX_VALUE
                ? value.substring(0, ContextReader.MAX_VALUE)
                : value;
      }
    }
  }

  private static EventContext.Endpoint endpoint(String ip, String port) {
    int p = -1;
    if (port != null
        && !port.isEmpty()
        && port.length() <= 5
        && port.chars().allMatch(Character::isDigit)) {
      p = Integer.parseInt(port);
      p = p <= 65535 ? p : -1;
    }
    return ip == null && p < 0 ? null : new EventContext.Endpoint(ip, p);
  }
}
