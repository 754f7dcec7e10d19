package dev.kasa.node.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * SyslogParser and SyslogEvents: any bytes give a message or MALFORMED_RECORD, and every message
 * becomes exactly one line of valid JSON carrying the header and the message.
 */
class SyslogParserProperties {
  private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SyslogEvents events = new SyslogEvents();

  @Property(tries = 2000)
  void onlyTheDocumentedErrorEscapesAndEveryEventIsOneJsonLine(@ForAll("messages") byte[] b)
      throws Exception {
    SyslogMessage m;
    try {
      m = SyslogParser.parse(b, 0, b.length, NOW);
    } catch (KasaException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_RECORD);
      return;
    }
    byte[] line = events.event(m, "127.0.0.1");
    String text = new String(line, StandardCharsets.UTF_8);
    assertThat(text).endsWith("\n");
    assertThat(text.substring(0, text.length() - 1)).doesNotContain("\n");
    JsonNode event = JSON.readTree(text);
    assertThat(event.isObject()).isTrue();
    if (!m.message().strip().startsWith("{")) {
      assertThat(event.get("message").asText()).isEqualTo(m.message());
      assertThat(event.get("_syslog").get("severity").asInt()).isEqualTo(m.severity());
    }
  }

  @Property(tries = 500)
  void wellFormedRfc5424MessagesKeepEveryField(
      @ForAll("pri") int pri,
      @ForAll("token") String host,
      @ForAll("token") String app,
      @ForAll("token") String msgId,
      @ForAll("value") String value,
      @ForAll("text") String msg)
      throws Exception {
    String escaped = value.replace("\\", "\\\\").replace("\"", "\\\"").replace("]", "\\]");
    String text =
        "<%d>1 2026-03-10T11:59:58.123+01:00 %s %s 42 %s [ex@1 k=\"%s\"] %s"
            .formatted(pri, host, app, msgId, escaped, msg);
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    SyslogMessage m = SyslogParser.parse(b, 0, b.length, NOW);
    assertThat(m.rfc()).isEqualTo(5424);
    assertThat(m.facility() * 8 + m.severity()).isEqualTo(pri);
    assertThat(m.timestamp()).isEqualTo("2026-03-10T10:59:58.123Z");
    assertThat(m.hostname()).isEqualTo(host);
    assertThat(m.appName()).isEqualTo(app);
    assertThat(m.procId()).isEqualTo("42");
    assertThat(m.msgId()).isEqualTo(msgId);
    assertThat(m.structuredData().get(0).params()).containsEntry("k", value);
    assertThat(m.message()).isEqualTo(msg);
    JsonNode e = JSON.readTree(events.event(m, null));
    assertThat(e.at("/_syslog/structured_data/ex@1/k").asText()).isEqualTo(value);
  }

  @Example
  void rfc3164WithTagAndPid() {
    byte[] b = "<34>Oct 11 22:14:15 mymachine su[231]: 'su root' failed".getBytes();
    SyslogMessage m = SyslogParser.parse(b, 0, b.length, NOW);
    assertThat(m.rfc()).isEqualTo(3164);
    assertThat(m.facility()).isEqualTo(4);
    assertThat(m.severity()).isEqualTo(2);
    assertThat(m.timestamp()).isEqualTo("2025-10-11T22:14:15Z");
    assertThat(m.hostname()).isEqualTo("mymachine");
    assertThat(m.appName()).isEqualTo("su");
    assertThat(m.procId()).isEqualTo("231");
    assertThat(m.message()).isEqualTo("'su root' failed");
  }

  @Example
  void rfc3164WithAnRfc3339TimeAsRsyslogForwardsIt() {
    byte[] b = "<30>2026-03-10T11:59:58.123456+01:00 web01 sshd[77]: Accepted publickey".getBytes();
    SyslogMessage m = SyslogParser.parse(b, 0, b.length, NOW);
    assertThat(m.rfc()).isEqualTo(3164);
    assertThat(m.timestamp()).isEqualTo("2026-03-10T10:59:58.123456Z");
    assertThat(m.hostname()).isEqualTo("web01");
    assertThat(m.appName()).isEqualTo("sshd");
    assertThat(m.procId()).isEqualTo("77");
    assertThat(m.message()).isEqualTo("Accepted publickey");
    byte[] utc = "<30>2026-03-10T11:59:58Z web01 kernel: up".getBytes();
    SyslogMessage n = SyslogParser.parse(utc, 0, utc.length, NOW);
    assertThat(n.timestamp()).isEqualTo("2026-03-10T11:59:58Z");
    assertThat(n.hostname()).isEqualTo("web01");
    assertThat(n.appName()).isEqualTo("kernel");
    byte[] notATime = "<30>2026-99-10T11:59:58Z web01 kernel: up".getBytes();
    SyslogMessage o = SyslogParser.parse(notATime, 0, notATime.length, NOW);
    assertThat(o.timestamp()).isNull();
    assertThat(o.hostname()).isNull();
  }

  @Example
  void aJsonMessageIsTheEventWithTheHeaderAlongside() throws Exception {
    byte[] b =
        "<14>1 - web01 app - - - {\"src_ip\":\"10.0.0.1\",\n \"n\": {\"x\": [1,2]}}".getBytes();
    JsonNode e = JSON.readTree(events.event(SyslogParser.parse(b, 0, b.length, NOW), "192.0.2.7"));
    assertThat(e.get("src_ip").asText()).isEqualTo("10.0.0.1");
    assertThat(e.at("/n/x/1").asInt()).isEqualTo(2);
    assertThat(e.at("/_syslog/hostname").asText()).isEqualTo("web01");
    assertThat(e.at("/_syslog/sender").asText()).isEqualTo("192.0.2.7");
    assertThat(e.has("message")).isFalse();
  }

  @Example
  void malformedHeadersAreRefused() {
    for (String bad :
        new String[] {
          "no pri",
          "<192>x",
          "<1x>",
          "<01>x",
          "<13>1 2026-99-99T00:00:00Z h a p m - x",
          "<13>1 - h a p m [unclosed",
          "<13>1 - h a p m [id k=\"v]",
          "<13>1 - h"
        }) {
      byte[] b = bad.getBytes();
      assertThatThrownBy(() -> SyslogParser.parse(b, 0, b.length, NOW))
          .as(bad)
          .isInstanceOf(KasaException.class)
          .extracting(e -> ((KasaException) e).code())
          .isEqualTo(ErrorCode.MALFORMED_RECORD);
    }
  }

  @Property(tries = 2000)
  void eventsAreWhatJacksonWroteBefore(@ForAll("messages") byte[] b) throws Exception {
    SyslogMessage m;
    try {
      m = SyslogParser.parse(b, 0, b.length, NOW);
    } catch (KasaException e) {
      return;
    }
    byte[] expected = JacksonSyslogEvent.of(m, "192.0.2.7");
    assertThat(new String(events.event(m, "192.0.2.7"), StandardCharsets.UTF_8))
        .isEqualTo(new String(expected, StandardCharsets.UTF_8));
  }

  @Property(tries = 1000)
  void timestampsAreWrittenAsInstantWritesThem(
      @ForAll("instants") Instant at, @ForAll("fractions") int digits, @ForAll boolean utc) {
    String time = time(at, digits, utc);
    byte[] b = ("<13>1 " + time + " host app - - - x").getBytes(StandardCharsets.UTF_8);
    SyslogMessage m = SyslogParser.parse(b, 0, b.length, NOW);
    assertThat(m.timestamp())
        .isEqualTo(
            java.time.OffsetDateTime.parse(
                    time, java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                .toInstant()
                .toString());
  }

  /** {@code at} with {@code digits} of fraction (0: none), in UTC as Z or as +02:00. */
  private static String time(Instant at, int digits, boolean utc) {
    var t = at.atOffset(utc ? java.time.ZoneOffset.UTC : java.time.ZoneOffset.ofHours(2));
    String base = t.toLocalDateTime().withNano(0).toString();
    if (base.length() == 16) {
      base += ":00";
    }
    String nanos = String.format("%09d", t.getNano());
    return base + (digits == 0 ? "" : "." + nanos.substring(0, digits)) + (utc ? "Z" : "+02:00");
  }

  @Provide
  Arbitrary<Instant> instants() {
    Arbitrary<Long> seconds = Arbitraries.longs().between(0, 4_102_444_800L);
    Arbitrary<Integer> nanos =
        Arbitraries.oneOf(
            Arbitraries.just(0),
            Arbitraries.integers().between(0, 999).map(ms -> ms * 1_000_000),
            Arbitraries.integers().between(0, 999_999).map(us -> us * 1000),
            Arbitraries.integers().between(0, 999_999_999));
    return Combinators.combine(seconds, nanos).as(Instant::ofEpochSecond);
  }

  @Provide
  Arbitrary<Integer> fractions() {
    return Arbitraries.oneOf(Arbitraries.of(0, 3, 6, 9), Arbitraries.integers().between(1, 9));
  }

  @Provide
  Arbitrary<byte[]> messages() {
    Arbitrary<String> pieces =
        Arbitraries.of(
            "<13>",
            "<191>",
            "<0>",
            "1 ",
            "- ",
            "[",
            "]",
            "=",
            "\"",
            "\\",
            "{",
            "}",
            ":",
            " ",
            "2026-01-01T00:00:00Z ",
            "Jan  1 00:00:00 ",
            "host ",
            "tag[1]: ",
            "\"a\":1",
            ",",
            "\n",
            "\u00e9",
            "\u0000",
            "\t",
            "\u001f",
            "\u007f",
            "\uD83D\uDE00",
            "x");
    Arbitrary<byte[]> structured =
        pieces.list().ofMaxSize(30).map(l -> String.join("", l).getBytes(StandardCharsets.UTF_8));
    return Arbitraries.oneOf(structured, Arbitraries.bytes().array(byte[].class).ofMaxSize(200));
  }

  @Provide
  Arbitrary<Integer> pri() {
    return Arbitraries.integers().between(0, 191);
  }

  @Provide
  Arbitrary<String> token() {
    return Arbitraries.strings()
        .withCharRange('!', '~')
        .ofMinLength(2)
        .ofMaxLength(30)
        .filter(s -> !s.equals("-"));
  }

  @Provide
  Arbitrary<String> value() {
    return Arbitraries.strings()
        .withCharRange(' ', '~')
        .withChars('\u00e9', '\u4e2d')
        .ofMaxLength(20);
  }

  @Provide
  Arbitrary<String> text() {
    return Combinators.combine(
            Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(5),
            Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40))
        .as((a, b) -> a + b.strip());
  }
}
