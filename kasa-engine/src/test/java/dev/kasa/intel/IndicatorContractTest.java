package dev.kasa.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kasa.KasaException;
import dev.kasa.observable.ObservableType;
import dev.kasa.stix.Tlp;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The checks of the Indicator record, which the import hot path made cheaper. */
class IndicatorContractTest {
  private static final String ID = "indicator--a932fcc6-e032-476c-826f-cb970a5a1ade";

  private static Indicator of(String id, ObservableType type, String value) {
    return new Indicator(
        id,
        type,
        value,
        Instant.EPOCH,
        null,
        false,
        -1,
        Tlp.NONE,
        Attribution.NONE,
        Origin.file("test"),
        Provenance.of("test"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "indicator--A932fcc6-e032-476c-826f-cb970a5a1ade",
        "indicator--g932fcc6-e032-476c-826f-cb970a5a1ade",
        "indicator--a932fcc6e-032-476c-826f-cb970a5a1ade",
        "indicator--a932fcc6-e032-476c-826f-cb970a5a1ad",
        "indicator--a932fcc6-e032-476c-826f-cb970a5a1ade0",
        "indicator--a932fcc6-e032-476c-826f-cb970a5a1ad-",
        "indicator--a932fcc6-e032-476c-826f-cb970a5a1ad/",
        "indicator--a932fcc6-e032-476c-826f-cb970a5a1ad:",
        "indicator--a932fcc6-e032-476c-826f-cb970a5a1ad`",
        "indicatorx-a932fcc6-e032-476c-826f-cb970a5a1ade",
        "malware--a932fcc6-e032-476c-826f-cb970a5a1ade",
      })
  void rejectsIdsThatAreNotIndicatorUuids(String id) {
    assertThatThrownBy(() -> of(id, ObservableType.IPV4, "203.0.113.7"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(id);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "IPV4 203.0.113.7",
        "IPV4 198.51.100.0/24",
        "DOMAIN evil.example",
        "URL http://evil.example/x",
        "MD5 d41d8cd98f00b204e9800998ecf8427e",
      })
  void acceptsCanonicalValues(String typeAndValue) {
    String[] p = typeAndValue.split(" ");
    assertThat(of(ID, ObservableType.valueOf(p[0]), p[1]).value()).isEqualTo(p[1]);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "IPV4 198.51.100.1/24",
        "IPV4 198.51.100.1/32",
        "DOMAIN Evil.example",
        "DOMAIN evil.example.",
        "URL http://evil.example",
        "URL HTTP://evil.example/",
        "URL http://evil.example:80/",
        "MD5 D41D8CD98F00B204E9800998ECF8427E",
      })
  void rejectsValuesNotInCanonicalForm(String typeAndValue) {
    String[] p = typeAndValue.split(" ");
    assertThatThrownBy(() -> of(ID, ObservableType.valueOf(p[0]), p[1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("canonical");
  }

  @ParameterizedTest
  @ValueSource(strings = {"IPV4 198.51.100.256", "DOMAIN evil..example", "MD5 xyz"})
  void rejectsInvalidValues(String typeAndValue) {
    String[] p = typeAndValue.split(" ");
    assertThatThrownBy(() -> of(ID, ObservableType.valueOf(p[0]), p[1]))
        .isInstanceOf(KasaException.class);
  }
}
