package dev.kasa.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonScannerTest {

  private static List<String> decode(String source, String text) {
    return decode(FieldMaps.defaults().forSource(source), text, 1 << 20, 64);
  }

  static List<String> decode(FieldMap map, String text, int maxRecord, int maxDepth) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    new JsonLinesDecoder(map, maxRecord, maxDepth).decode(b, 0, b.length, 1, sink(out));
    return out;
  }

  static RecordSink sink(List<String> out) {
    return new RecordSink() {
      @Override
      public void record(DecodedRecord r) {
        StringBuilder s = new StringBuilder(r.line() + ":");
        for (int i = 0; i < r.size(); i++) {
          s.append(' ')
              .append(r.field(i))
              .append('=')
              .append(r.type(i))
              .append(':')
              .append(r.value(i));
        }
        out.add(s.toString());
      }

      @Override
      public void malformed(long line, String reason) {
        out.add(line + ": MALFORMED " + reason);
      }
    };
  }

  @Test
  void malformedLinesAreReportedAndNeighboursSurvive() {
    String text =
        """
        {"a":"10.0.0.1"}
        {"a":"10.0.0.2"
        {"a":"10.0.0.3"}
        not json
        {"a":tru}

        {"a":"10.0.0.4"} trailing
        {"a":"10.0.0.5","b":[1,2,{"c":"::1"}]}
        """;
    assertThat(decode("ndjson", text))
        .satisfiesExactly(
            l -> assertThat(l).isEqualTo("1: a=IPV4:10.0.0.1"),
            l -> assertThat(l).startsWith("2: MALFORMED bad JSON"),
            l -> assertThat(l).isEqualTo("3: a=IPV4:10.0.0.3"),
            l -> assertThat(l).startsWith("4: MALFORMED bad JSON at byte 1"),
            l -> assertThat(l).startsWith("5: MALFORMED bad JSON"),
            l -> assertThat(l).isEqualTo("7: MALFORMED unexpected data after the JSON object"),
            l -> assertThat(l).isEqualTo("8: a=IPV4:10.0.0.5 b.c=IPV6:::1"));
  }

  @Test
  void everyByteOfAStringIsCheckedAfterItsFirstEscapeOrNonAsciiChar() {
    // After an escape or a non-ASCII byte the scan goes on eight bytes at a time: a control
    // character or a bad escape further on must still make the record malformed.
    String text =
        "{\"a\":\"C:\\\\Windows\\\\System32\\\\cmd.exe\",\"b\":\"10.0.0.1\"}\n"
            + "{\"a\":\"C:\\\\Windows\\\\Sys\u0001tem32\"}\n"
            + "{\"a\":\"x\\\\12345678901234567\\q\"}\n"
            + "{\"a\":\"caf\u00e9 au lait, tr\u00e8s \u0007chaud\"}\n"
            + "{\"a\":\"caf\u00e9 \\u00e9\\u20AC 12345678\",\"b\":\"10.0.0.2\"}\n"
            + "{\"a\":\"\\\"quoted\\\" 12345678 \\uZZZZ\"}\n";
    assertThat(decode("ndjson", text))
        .satisfiesExactly(
            l -> assertThat(l).isEqualTo("1: b=IPV4:10.0.0.1"),
            l -> assertThat(l).startsWith("2: MALFORMED").contains("control character"),
            l -> assertThat(l).startsWith("3: MALFORMED").contains("bad escape"),
            l -> assertThat(l).startsWith("4: MALFORMED").contains("control character"),
            l -> assertThat(l).isEqualTo("5: b=IPV4:10.0.0.2"),
            l -> assertThat(l).startsWith("6: MALFORMED").contains("bad \\u escape"));
  }

  @Test
  void mappedPathsAreFoundFlatOrNestedPastUnmappedValuesAndLiterals() {
    // Zeek writes "id.orig_h" as one key; the same path may also arrive as nested objects.
    String text =
        """
        {"x":true,"y":false,"z":null,"n":-1.5e3,"id.orig_h":"10.0.0.1","id":{"resp_h":"10.0.0.2"}}
        {"w":[{"q":[1,true]},"s"],"id":{"orig_h":"10.0.0.3"}}
        {"a":fals}
        {"a":falsy}
        {"a":nul}
        {"a":nulL}
        {"a":true
        """;
    assertThat(decode("zeek:conn", text))
        .satisfiesExactly(
            l -> assertThat(l).contains("id.orig_h=IPV4:10.0.0.1", "id.resp_h=IPV4:10.0.0.2"),
            l -> assertThat(l).contains("id.orig_h=IPV4:10.0.0.3"),
            l -> assertThat(l).startsWith("3: MALFORMED bad JSON at byte 6"),
            l -> assertThat(l).startsWith("4: MALFORMED bad JSON"),
            l -> assertThat(l).startsWith("5: MALFORMED bad JSON at byte 6"),
            l -> assertThat(l).startsWith("6: MALFORMED bad JSON at byte 6"),
            l -> assertThat(l).startsWith("7: MALFORMED bad JSON"));
  }

  @Test
  void depthAndSizeLimits() {
    FieldMap map = FieldMaps.defaults().forSource("ndjson");
    String deep = "{\"a\":".repeat(5) + "1" + "}".repeat(5);
    assertThat(decode(map, deep + "\n{\"x\":\"1.2.3.4\"}\n", 1 << 20, 4))
        .containsExactly("1: MALFORMED nesting deeper than 4 levels", "2: x=IPV4:1.2.3.4");
    assertThat(decode(map, deep, 1 << 20, 5)).containsExactly("1:");
    String big = "{\"a\":\"" + "x".repeat(100) + "\"}\n{\"x\":\"1.2.3.4\"}";
    assertThat(decode(map, big, 50, 64))
        .containsExactly("1: MALFORMED record larger than 50 bytes", "2: x=IPV4:1.2.3.4");
  }

  @Test
  void genericRulesCheckIpStringsAndFieldNames() {
    String line =
        "{\"timestamp\":\"2024-01-02T03:04:05Z\",\"src\":{\"addr\":\"192.0.2.1\"},\"note\":\"192.0.2.1"
            + " is bad\",\"v6\":\"2001:DB8::1\",\"num\":\"1.2.3\",\"Host\":\"Evil.Example\",\"query\":\"not"
            + " a domain\",\"url\":\"https://x.example:8443/p\",\"sha256\":\""
            + "a".repeat(64)
            + "\",\"md5\":\"short\","
            + "\"Hashes\":\"MD5="
            + "b".repeat(32)
            + ",IMPHASH="
            + "c".repeat(32)
            + "\","
            + "\"to\":\"\\\"Doe, John\\\" <john@corp.example>, jane@corp.example\","
            + "\"sender\":\"nobody\",\"list\":[\"198.51.100.7\",\"x\"]}";
    assertThat(decode("ndjson", line))
        .containsExactly(
            "1: src.addr=IPV4:192.0.2.1 v6=IPV6:2001:DB8::1 Host=DOMAIN:Evil.Example"
                + " url=URL:https://x.example:8443/p url=DOMAIN:x.example"
                + " sha256=SHA256:"
                + "a".repeat(64)
                + " Hashes=MD5:"
                + "b".repeat(32)
                + " to=EMAIL:john@corp.example to=EMAIL:jane@corp.example"
                + " list=IPV4:198.51.100.7");
  }

  @Test
  void urlHostThatIsAnAddressIsCheckedAsOne() {
    assertThat(
            decode(
                "ndjson",
                "{\"uri\":\"http://[2001:db8::5]:80/x\",\"url\":\"http://203.0.113.5/\"}"))
        .containsExactly(
            "1: uri=URL:http://[2001:db8::5]:80/x uri=IPV6:2001:db8::5"
                + " url=URL:http://203.0.113.5/ url=IPV4:203.0.113.5");
  }

  @Test
  void escapedAndUnicodeValuesAreDecoded() {
    assertThat(decode("ndjson", "{\"host\":\"a\\u002eexample\",\"domain\":\"b.example\\/\"}"))
        .containsExactly("1: host=DOMAIN:a.example");
    assertThat(decode("ndjson", "{\"k\\\"ey\":{\"url\":\"http://\\u00e9.example/\"}}"))
        .containsExactly("1: k\\\"ey.url=URL:http://é.example/ k\\\"ey.url=DOMAIN:xn--9ca.example");
  }

  @Test
  void timeFieldsFollowDeclarationOrder() {
    FieldMap map = FieldMaps.defaults().forSource("windows-json");
    byte[] b =
        "{\"EventTime\":\"2024-01-02 00:00:00\",\"@timestamp\":\"2024-01-02T00:00:01Z\"}"
            .getBytes(StandardCharsets.UTF_8);
    long[] time = new long[1];
    new JsonLinesDecoder(map, 1 << 20, 64)
        .decode(
            b,
            0,
            b.length,
            1,
            new RecordSink() {
              @Override
              public void record(DecodedRecord r) {
                time[0] = r.timeMillis();
              }

              @Override
              public void malformed(long line, String reason) {}
            });
    assertThat(time[0]).isEqualTo(1704153601000L);
  }
}
