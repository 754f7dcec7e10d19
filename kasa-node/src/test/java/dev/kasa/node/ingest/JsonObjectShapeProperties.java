package dev.kasa.node.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The syslog path's allocation-free readers against the library readers they replace: {@link
 * JsonObjectShape} against Jackson (one object? a top-level {@code _syslog}?), and {@link
 * SyslogParser#rfc3339} against {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}.
 */
class JsonObjectShapeProperties {
  private static final JsonFactory JACKSON =
      JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
          .build();
  private final JsonObjectShape shape = new JsonObjectShape("_syslog", 64);

  @Property(tries = 5000)
  void agreesWithJacksonOnArbitraryJsonLikeText(@ForAll("jsonish") String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    int answer = jackson(text);
    assertThat(shape.of(b, 0, b.length)).as(text).isEqualTo(answer);
    net.jqwik.api.statistics.Statistics.collect(answer);
    // Not vacuous: every answer is drawn often enough to mean something.
    net.jqwik.api.statistics.Statistics.coverage(
        c -> {
          c.check(JsonObjectShape.NOT_AN_OBJECT).percentage(p -> p > 5);
          c.check(JsonObjectShape.WITHOUT_MEMBER).percentage(p -> p > 2);
          c.check(JsonObjectShape.WITH_MEMBER).percentage(p -> p > 2);
        });
  }

  @Example
  void digitRunsOfEveryLengthEndWhereJacksonEndsThem() {
    // The digits are read eight at a time: runs shorter and longer than eight, and every kind of
    // byte after them (the run's end found inside a word or after it).
    String[] after = {
      "", "}", ",\"b\":1}", ".5}", "e3}", "E+3}", " }", "x}", "/}", ":}", "\u00e9}"
    };
    for (int n = 1; n <= 24; n++) {
      String run = "1234567890".repeat(3).substring(0, n);
      for (String rest : after) {
        for (String text : new String[] {"{\"a\":" + run + rest, "{\"a\":-0." + run + rest}) {
          assertThat(of(text)).as(text).isEqualTo(jackson(text));
        }
      }
    }
  }

  @Example
  void scanFlagsRawLineBreaksBetweenTokensOnly() {
    assertThat(scan("{\"a\":1}")).isEqualTo(JsonObjectShape.WITHOUT_MEMBER);
    assertThat(scan("{\"a\":\n1}"))
        .isEqualTo(JsonObjectShape.WITHOUT_MEMBER | JsonObjectShape.LINE_BREAKS);
    assertThat(scan("{\"_syslog\":1\r}"))
        .isEqualTo(JsonObjectShape.WITH_MEMBER | JsonObjectShape.LINE_BREAKS);
    assertThat(scan("{\"a\":\"\\n\"}")).isEqualTo(JsonObjectShape.WITHOUT_MEMBER);
    assertThat(scan("{\"a\":\"x\ny\"}")).isEqualTo(JsonObjectShape.NOT_AN_OBJECT);
  }

  private int scan(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return shape.scan(b, 0, b.length);
  }

  @Example
  void namesTheAnswerForTypicalInputs() {
    assertThat(of("{\"a\":1}")).isEqualTo(JsonObjectShape.WITHOUT_MEMBER);
    assertThat(of(" {\"_syslog\":{\"x\":[1,2.5e3,true,null]}}\n")).isEqualTo(1);
    assertThat(of("{\"\\u005fsyslog\":0}")).isEqualTo(JsonObjectShape.WITH_MEMBER);
    assertThat(of("{\"a\":{\"_syslog\":0}}")).isEqualTo(JsonObjectShape.WITHOUT_MEMBER);
    assertThat(of("{\"a\":01}")).isEqualTo(JsonObjectShape.NOT_AN_OBJECT);
    assertThat(of("{\"a\":1,}")).isEqualTo(JsonObjectShape.NOT_AN_OBJECT);
    assertThat(of("{\"a\":\"x\ny\"}")).isEqualTo(JsonObjectShape.NOT_AN_OBJECT);
    assertThat(of("{} {}")).isEqualTo(JsonObjectShape.NOT_AN_OBJECT);
    assertThat(of("{" + "\"a\":[".repeat(63) + "]".repeat(63) + "}"))
        .isEqualTo(jackson("{" + "\"a\":[".repeat(63) + "]".repeat(63) + "}"));
    assertThat(of("{\"a\":" + "[".repeat(64) + "]".repeat(64) + "}"))
        .isEqualTo(JsonObjectShape.NOT_AN_OBJECT);
  }

  @Example
  void aQuoteBackslashOrControlCharacterIsSeenAtAnyPlaceOfALongString() {
    // The string scan takes eight bytes at a time: put each special byte at every offset.
    for (String special : new String[] {"\"", "\\", "\u0001", "\n", "\u001f", "\\n", "\u00e9"}) {
      for (int i = 0; i < 20; i++) {
        String text = "{\"k\":\"" + "a".repeat(i) + special + "b".repeat(20 - i) + "\"}";
        assertThat(of(text)).as(text).isEqualTo(jackson(text));
      }
    }
  }

  @Property(tries = 3000)
  void fastTimestampsAgreeWithTheFormatter(@ForAll("timestamps") String t) {
    String expected;
    try {
      expected =
          OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toString();
    } catch (DateTimeException e) {
      expected = "error";
    }
    String actual;
    try {
      Instant fast = SyslogParser.rfc3339(t);
      actual = fast == null ? expected : fast.toString();
    } catch (DateTimeException e) {
      actual = "error";
    }
    assertThat(actual).as(t).isEqualTo(expected);
  }

  @Example
  void theCommonShapeTakesTheFastPath() {
    assertThat(SyslogParser.rfc3339("2026-11-20T08:00:22.530+01:00"))
        .isEqualTo(Instant.parse("2026-11-20T07:00:22.530Z"));
    assertThat(SyslogParser.rfc3339("2026-11-20T08:00:22Z")).isNotNull();
    assertThat(SyslogParser.rfc3339("2026-11-20t08:00:22z")).isNull();
  }

  private int of(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return shape.of(b, 0, b.length);
  }

  /** The reader SyslogEvents used before: Jackson, one object, a top-level _syslog. */
  private static int jackson(String text) {
    try (JsonParser p = JACKSON.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return JsonObjectShape.NOT_AN_OBJECT;
      }
      boolean own = false;
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        own |= "_syslog".equals(p.currentName());
        p.nextToken();
        p.skipChildren();
      }
      if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
        return JsonObjectShape.NOT_AN_OBJECT;
      }
      return own ? JsonObjectShape.WITH_MEMBER : JsonObjectShape.WITHOUT_MEMBER;
    } catch (Exception e) {
      return JsonObjectShape.NOT_AN_OBJECT;
    }
  }

  @Provide
  Arbitrary<String> jsonish() {
    Arbitrary<String> valid = object(3);
    // Mutants of valid objects: one piece inserted, or one character dropped.
    Arbitrary<String> pieces =
        Arbitraries.of(
            "{", "}", "[", "]", ":", ",", " ", "\n", "\"", "0", "01", "-", "1.", "x", "\u0001",
            "\\q", "\\u12", "//", "'a'", "tru", "{} {}");
    Arbitrary<String> inserted =
        Arbitraries.integers()
            .between(0, 1000)
            .flatMap(
                at ->
                    Arbitraries.oneOf(valid)
                        .flatMap(
                            v ->
                                pieces.map(
                                    piece -> {
                                      int i = at % (v.length() + 1);
                                      return v.substring(0, i) + piece + v.substring(i);
                                    })));
    Arbitrary<String> dropped =
        Arbitraries.integers()
            .between(0, 1000)
            .flatMap(
                at ->
                    valid.map(
                        v -> {
                          int i = at % v.length();
                          return v.substring(0, i) + v.substring(i + 1);
                        }));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, valid),
        net.jqwik.api.Tuple.of(3, inserted),
        net.jqwik.api.Tuple.of(3, dropped));
  }

  private static final JsonTexts JSON =
      new JsonTexts(
          Arbitraries.of("\"a\"", "\"_syslog\"", "\"\\u005fsyslog\"", "\"b\\\"c\"", "\"é\""),
          Arbitraries.of("", "", " ", "\n", "\t "),
          Arbitraries.of(
              "0",
              "-1",
              "1.5",
              "2.5e-3",
              "1E+2",
              "true",
              "false",
              "null",
              "\"x\"",
              "\"\\n\\u00e9\"",
              "\"é\"",
              "\"\""),
          1);

  private static Arbitrary<String> object(int depth) {
    return JSON.object(depth);
  }

  @Provide
  Arbitrary<String> timestamps() {
    Arbitrary<String> d2 = Arbitraries.integers().between(0, 99).map(i -> String.format("%02d", i));
    Arbitrary<String> year =
        Arbitraries.integers().between(0, 9999).map(i -> String.format("%04d", i));
    Arbitrary<String> frac =
        Arbitraries.strings()
            .numeric()
            .ofMinLength(0)
            .ofMaxLength(11)
            .map(s -> s.isEmpty() ? "" : "." + s);
    Arbitrary<String> offset =
        Arbitraries.oneOf(
            Arbitraries.of(
                "Z", "z", "+00:00", "-00:30", "+05:30", "+18:00", "+18:01", "-23:59", "+0530",
                "+05", ""),
            d2.map(h -> "+" + h + ":00"));
    Arbitrary<String> sep = Arbitraries.of("T", "T", "T", "t", " ");
    return net.jqwik.api.Combinators.combine(year, d2, d2, sep, d2, d2, d2, frac)
        .as((y, mo, d, s, h, mi, se, f) -> y + "-" + mo + "-" + d + s + h + ":" + mi + ":" + se + f)
        .flatMap(t -> offset.map(o -> t + o));
  }
}
