package dev.kasa.observable;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The shortcuts for already canonical values give exactly what the full normalisation gives, on
 * random values near the canonical shapes (where a wrong shortcut would show).
 */
class CanonicalShortcutProperties {
  private static final String[] PIECES = {
    "0",
    "1",
    "00",
    "01",
    "10",
    "127",
    "192",
    "255",
    "256",
    "999",
    "0000",
    ".",
    ".",
    ".",
    "/",
    "/",
    "/0",
    "/8",
    "/08",
    "/24",
    "/32",
    "/33",
    ":",
    "::",
    ":80",
    ":443",
    ":21",
    ":",
    "@",
    "user@",
    "a",
    "b",
    "z",
    "A",
    "Z",
    "é",
    "-",
    "_",
    "xn--",
    "com",
    "Example",
    "example",
    "org",
    "1a",
    "http://",
    "https://",
    "HTTP://",
    "ftp://",
    "ws://",
    "h+x-1.y://",
    "1h://",
    "://",
    "?",
    "#",
    "[2001:db8::1]",
    "[",
    "]",
    " ",
    "\t",
    "%",
    "ab",
    "cd",
    "ef",
    "AB",
    "f",
    "g",
    "x.php",
    "~u",
    "\u00a0",
    "\u2028",
    "١"
  };

  @Provide
  Arbitrary<String> nearCanonical() {
    return Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(14).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<String> hostish() {
    var label = Arbitraries.strings().withChars("abcz09-_A.").ofMinLength(0).ofMaxLength(70);
    return label.list().ofMinSize(1).ofMaxSize(5).map(l -> String.join(".", l));
  }

  @Property(tries = 3000)
  void ipv4ShortcutMatchesTheRebuiltForm(@ForAll("nearCanonical") String v) {
    assertThat(Observables.ipv4(v)).isEqualTo(Observables.rebuiltIpv4(v));
  }

  @Property(tries = 3000)
  void domainShortcutMatchesTheRebuiltForm(@ForAll("hostish") String v) {
    assertThat(Observables.domain(v)).isEqualTo(Observables.rebuiltDomain(v));
  }

  @Property(tries = 3000)
  void domainShortcutMatchesOnPieces(@ForAll("nearCanonical") String v) {
    assertThat(Observables.domain(v)).isEqualTo(Observables.rebuiltDomain(v));
  }

  @Property(tries = 5000)
  void urlShortcutMatchesTheRebuiltForm(@ForAll("nearCanonical") String tail) {
    for (String v : new String[] {tail, "http://" + tail, "https://a.b" + tail, "ftp://" + tail}) {
      assertThat(Observables.url(v)).as(v).isEqualTo(Observables.rebuiltUrl(v));
    }
  }

  @Property(tries = 3000)
  void urlShortcutMatchesOnHosts(
      @ForAll("hostish") String host, @ForAll("nearCanonical") String t) {
    for (String v : new String[] {"http://" + host + "/", "https://" + host + t, "x://" + host}) {
      assertThat(Observables.url(v)).as(v).isEqualTo(Observables.rebuiltUrl(v));
    }
  }

  @Property(tries = 3000)
  void inferNormalizedAgreesWithInferThenNormalize(@ForAll("nearCanonical") String raw) {
    Observables.Typed typed = Observables.inferNormalized(raw);
    Optional<ObservableType> type = Observables.infer(raw);
    assertThat(Optional.ofNullable(typed).map(Observables.Typed::type)).isEqualTo(type);
    if (typed != null) {
      assertThat(Observables.tryNormalize(typed.type(), raw)).contains(typed.value());
      assertThat(Observables.isCanonical(typed.type(), typed.value())).isTrue();
      assertThat(Observables.normalize(typed.type(), typed.value())).isEqualTo(typed.value());
    }
  }

  @Property(tries = 3000)
  void isCanonicalMeansNormalizeKeepsTheValue(@ForAll("nearCanonical") String v) {
    for (ObservableType type : ObservableType.values()) {
      Optional<String> normalized = Observables.tryNormalize(type, v);
      assertThat(Observables.isCanonical(type, v))
          .as("%s %s", type, v)
          .isEqualTo(normalized.isPresent() && normalized.get().equals(v));
    }
  }

  @Test
  void canonicalValuesComeBackAsTheSameInstance() {
    String[][] cases = {
      {"IPV4", "203.0.113.7"},
      {"IPV4", "198.51.100.0/24"},
      {"IPV4", "0.0.0.0/0"},
      {"DOMAIN", "evil.example"},
      {"URL", "http://evil.example/a?b#c"},
      {"URL", "https://u:p@203.0.113.7:8443/x"},
      {"SHA256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
    };
    for (String[] c : cases) {
      String value = new String(c[1]);
      assertThat(Observables.normalize(ObservableType.valueOf(c[0]), value))
          .as(c[1])
          .isSameAs(value);
    }
  }

  @Test
  void nonCanonicalValuesAreRebuilt() {
    assertThat(Observables.normalize(ObservableType.IPV4, "198.51.100.9/24"))
        .isEqualTo("198.51.100.0/24");
    assertThat(Observables.normalize(ObservableType.IPV4, "10.0.0.0/08")).isEqualTo("10.0.0.0/8");
    assertThat(Observables.normalize(ObservableType.IPV4, "10.0.0.1/32")).isEqualTo("10.0.0.1");
    assertThat(Observables.normalize(ObservableType.DOMAIN, "Evil.Example."))
        .isEqualTo("evil.example");
    assertThat(Observables.normalize(ObservableType.URL, "HTTP://Evil.Example:80?q"))
        .isEqualTo("http://evil.example/?q");
    assertThat(Observables.normalize(ObservableType.URL, "http://evil.example:/x"))
        .isEqualTo("http://evil.example/x");
    assertThat(Observables.isCanonical(ObservableType.DOMAIN, "1.2.3")).isFalse();
  }
}
