package dev.kasa.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventTimesTest {

  private static long parse(String s) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    return EventTimes.parse(b, 0, b.length);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1704164645.123456|2024-01-02T03:04:05.123Z",
        "1704164645|2024-01-02T03:04:05Z",
        "1704164645123|2024-01-02T03:04:05.123Z",
        "1704164645.5|2024-01-02T03:04:05.500Z",
        "2024-01-02T03:04:05.123456+0000|2024-01-02T03:04:05.123Z",
        "2024-01-02T03:04:05.123456+0100|2024-01-02T02:04:05.123Z",
        "2024-01-02T03:04:05-05:30|2024-01-02T08:34:05Z",
        "2024-01-02T03:04:05Z|2024-01-02T03:04:05Z",
        "2024-01-02 03:04:05.123|2024-01-02T03:04:05.123Z",
        "2024-01-02 03:04:05|2024-01-02T03:04:05Z",
        "1969-12-31T23:59:59Z|1969-12-31T23:59:59Z",
        "2000-02-29T00:00:00.1Z|2000-02-29T00:00:00.100Z"
      })
  void parsesSupportedForms(String text, String expected) {
    assertThat(parse(text)).isEqualTo(Instant.parse(expected).toEpochMilli());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "XXXXXXXXXX.XXXXXX",
        "-",
        "''",
        "2024-13-02T03:04:05Z",
        "2024-01-02T03:04:05+1",
        "2024-01-02T03:04:05Zjunk",
        "12ab",
        "1.2.3",
        "2024-01-02X03:04:05Z"
      })
  void rejectsEverythingElse(String text) {
    assertThat(parse(text)).isEqualTo(DecodedRecord.NO_TIME);
  }
}
