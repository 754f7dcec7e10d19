package dev.kasa.stix;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StixTimestampTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-01-02T03:04:05Z", "2024-01-02T03:04:05.678Z", "2024-02-29T23:59:59.123456789Z",
        "1969-12-31T23:59:59.5Z", "0001-01-01T00:00:00Z", "2016-05-12T08:17:27.000000Z"
      })
  void agreesWithInstantParse(String s) {
    assertThat(StixTimestamp.parseInstant(s)).isEqualTo(Instant.parse(s));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-01-02T03:04:05",
        "2024-01-02 03:04:05Z",
        "2024-01-02T03:04:05+01:00",
        "2023-02-29T00:00:00Z",
        "2024-13-01T00:00:00Z",
        "2024-01-02T24:00:00Z",
        "2024-01-02T03:04:05.Z",
        "2024-01-02T03:04:5xZ",
        "2024-1-02T03:04:05Z",
        ""
      })
  void rejectsWhatIsNotRfc3339Utc(String s) {
    assertThat(StixTimestamp.parse(s)).isNull();
  }
}
