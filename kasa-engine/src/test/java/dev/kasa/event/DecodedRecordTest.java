package dev.kasa.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kasa.observable.ObservableType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class DecodedRecordTest {

  @Test
  void keepsParsedAndNormalisedFormsPerObservableUntilReset() {
    DecodedRecord r = new DecodedRecord();
    r.reset(7);
    r.add("a", ObservableType.DOMAIN, "Evil.Example");
    r.addIpv4("b", "10.0.0.1", 0x0a000001L);
    r.addNormalized("c", ObservableType.URL, "HTTP://Evil.Example:80/x", "http://evil.example/x");
    for (int i = 0; i < 20; i++) {
      r.add("d", ObservableType.MD5, "0".repeat(32)); // grows the columns
    }
    assertThat(r.ipv4(0)).isEqualTo(-1);
    assertThat(r.normalized(0)).isNull();
    assertThat(r.type(1)).isEqualTo(ObservableType.IPV4);
    assertThat(r.ipv4(1)).isEqualTo(0x0a000001L);
    assertThat(r.value(1)).isEqualTo("10.0.0.1");
    assertThat(r.ipv4(2)).isEqualTo(-1);
    assertThat(r.normalized(2)).isEqualTo("http://evil.example/x");
    assertThat(r.value(2)).isEqualTo("HTTP://Evil.Example:80/x");
    assertThat(r.ipv4(22)).isEqualTo(-1);

    r.reset(8);
    r.add("a", ObservableType.URL, "http://x.example/");
    assertThat(r.normalized(0)).isNull();
    assertThat(r.ipv4(0)).isEqualTo(-1);
  }

  @Test
  void rejectsAddressesOutsideIpv4AndMissingNormalisedForms() {
    DecodedRecord r = new DecodedRecord();
    assertThatThrownBy(() -> r.addIpv4("a", "x", -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> r.addIpv4("a", "x", 1L << 32))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> r.addNormalized("a", ObservableType.URL, "x", null))
        .isInstanceOf(NullPointerException.class);
    assertThat(r.size()).isZero();
  }

  @Test
  void aSyslogEventTakesTheHeadersTimeOnlyWhenItHasNoneOfItsOwn() {
    String plain =
        "{\"_syslog\":{\"rfc\":\"5424\",\"timestamp\":\"2025-03-04T05:06:07.250Z\"},"
            + "\"message\":\"deny 203.0.113.7\"}\n";
    String own =
        "{\"timestamp\":\"2025-01-01T00:00:00Z\",\"_syslog\":{\"timestamp\":"
            + "\"2025-03-04T05:06:07Z\"},\"message\":\"x\"}\n";
    assertThat(syslogTimes(plain + own + "{\"message\":\"no time\"}\n"))
        .containsExactly(
            Instant.parse("2025-03-04T05:06:07.250Z").toEpochMilli(),
            Instant.parse("2025-01-01T00:00:00Z").toEpochMilli(),
            DecodedRecord.NO_TIME);
  }

  private static List<Long> syslogTimes(String lines) {
    List<Long> times = new ArrayList<>();
    decode("syslog", lines, r -> times.add(r.timeMillis()), malformed -> times.add(null));
    return times;
  }

  /** Decodes JSON lines with the field map of {@code source}, each record or problem to its own. */
  private static void decode(
      String source, String lines, Consumer<DecodedRecord> records, Consumer<String> malformed) {
    byte[] b = lines.getBytes(StandardCharsets.UTF_8);
    new JsonLinesDecoder(FieldMaps.defaults().forSource(source), 1 << 20, 64)
        .decode(
            b,
            0,
            b.length,
            1,
            new RecordSink() {
              @Override
              public void record(DecodedRecord r) {
                records.accept(r);
              }

              @Override
              public void malformed(long l, String reason) {
                malformed.accept(reason);
              }
            });
  }

  @Test
  void zeekDecoderHandsOverParsedAddressesAndNormalisedUrls() {
    String line =
        "{\"ts\":1.5,\"id.orig_h\":\"10.0.0.1\",\"id.resp_h\":\"2001:db8::1\","
            + "\"host\":\"Evil.Example:80\",\"uri\":\"/a\"}\n";
    List<String> out = new ArrayList<>();
    decode(
        "zeek:http",
        line,
        r -> {
          for (int i = 0; i < r.size(); i++) {
            out.add(r.field(i) + " " + r.type(i) + " " + r.ipv4(i) + " " + r.normalized(i));
          }
        },
        reason -> out.add("MALFORMED " + reason));
    assertThat(out)
        .containsExactly(
            "id.orig_h IPV4 167772161 null",
            "id.resp_h IPV6 -1 null",
            "host DOMAIN -1 null",
            "host+uri URL -1 http://evil.example/a");
  }
}
