package dev.kasa.observable;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ObservablesTest {
  @Test
  void anAddressWithABadPrefixIsNotInferredAsAUrl() {
    assertThat(Observables.infer("203.0.113.7/33")).isEmpty();
    assertThat(Observables.infer("2001:db8::/129")).isEmpty();
    assertThat(Observables.infer("203.0.113.0/24")).contains(ObservableType.IPV4);
    assertThat(Observables.infer("http://203.0.113.7/33")).contains(ObservableType.URL);
    assertThat(Observables.infer("evil.example/33")).contains(ObservableType.URL);
  }

  @Test
  void dottedNumbersThatAreNotAddressesAreNotDomains() {
    assertThat(Observables.infer("256.1.1.1")).isEmpty();
    assertThat(Observables.infer("010.1.1.1")).isEmpty();
    assertThat(Observables.infer("1.2.3")).isEmpty();
    assertThat(Observables.tryNormalize(ObservableType.DOMAIN, "256.1.1.1")).isEmpty();
    assertThat(Observables.tryNormalize(ObservableType.DOMAIN, "1.example")).contains("1.example");
    assertThat(Observables.tryNormalize(ObservableType.URL, "http://256.1.1.1/")).isEmpty();
  }

  @Test
  void infersTypesOfPlainListValues() {
    assertThat(Observables.infer("FE80::1%eth0")).contains(ObservableType.IPV6);
    assertThat(Observables.infer("Bücher.Example")).contains(ObservableType.DOMAIN);
    assertThat(Observables.infer("user@EXAMPLE.COM")).contains(ObservableType.EMAIL);
    assertThat(Observables.infer("deadbeef")).isEqualTo(Optional.empty());
    assertThat(Observables.infer("localhost")).isEmpty();
    assertThat(Observables.infer("evil.example:443")).isEmpty();
  }

  @Test
  void normalisesToCanonicalForms() {
    assertThat(Observables.normalize(ObservableType.DOMAIN, "Bücher.Example."))
        .isEqualTo("xn--bcher-kva.example");
    assertThat(Observables.normalize(ObservableType.IPV6, "2001:DB8:0:0:0:0:0:1/128"))
        .isEqualTo("2001:db8::1");
    assertThat(Observables.normalize(ObservableType.IPV4, "198.51.100.77/24"))
        .isEqualTo("198.51.100.0/24");
    assertThat(Observables.normalize(ObservableType.URL, "HTTP://[::1]:80"))
        .isEqualTo("http://[::1]/");
  }
}
