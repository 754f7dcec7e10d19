package dev.kasa.detect;

import dev.kasa.observable.ObservableType;
import dev.kasa.observable.Observables;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Observable values drawn from small universes, so that hits, near misses, duplicates and shared
 * prefixes are frequent: the generators of the index properties.
 */
final class IndicatorArbitraries {
  static final String[] LABELS = {"a", "b", "evil", "example", "x-1", "B"};
  static final String[] HEX = {"0", "f", "A", "9"};

  private IndicatorArbitraries() {}

  /** A value looked up as a type at a time. */
  record Lookup(ObservableType type, String value, long time) {}

  /** Indicator values of every type, canonical or not (normalise them for an indicator). */
  static Arbitrary<Tuple.Tuple2<ObservableType, String>> typedValues() {
    return Arbitraries.oneOf(
        ipv4Cidr().map(v -> Tuple.of(ObservableType.IPV4, v)),
        ipv6Cidr().map(v -> Tuple.of(ObservableType.IPV6, v)),
        domain().map(v -> Tuple.of(ObservableType.DOMAIN, v)),
        url().map(v -> Tuple.of(ObservableType.URL, v)),
        email().map(v -> Tuple.of(ObservableType.EMAIL, v)),
        hash(32).map(v -> Tuple.of(ObservableType.MD5, v)),
        hash(40).map(v -> Tuple.of(ObservableType.SHA1, v)),
        hash(64).map(v -> Tuple.of(ObservableType.SHA256, v)),
        hash(128).map(v -> Tuple.of(ObservableType.SHA512, v)));
  }

  /**
   * Lookups of values from the same universes, in other spellings, of other types, and garbage, at
   * times within a few seconds of {@code t0}.
   */
  static Arbitrary<List<Lookup>> lookups(long t0) {
    Arbitrary<Tuple.Tuple2<ObservableType, String>> values =
        Arbitraries.oneOf(
            ipv4().map(v -> Tuple.of(ObservableType.IPV4, v)),
            ipv4().map(v -> Tuple.of(ObservableType.IPV6, "::ffff:" + v)),
            ipv6().map(v -> Tuple.of(ObservableType.IPV6, v)),
            ipv6().map(v -> Tuple.of(ObservableType.IPV4, v)),
            ipv4Cidr().map(v -> Tuple.of(ObservableType.IPV4, v)),
            domain().map(v -> Tuple.of(ObservableType.DOMAIN, v)),
            domain()
                .map(v -> Tuple.of(ObservableType.DOMAIN, " " + v.toUpperCase(Locale.ROOT) + ".")),
            domain().map(v -> Tuple.of(ObservableType.DOMAIN, "." + v)),
            domain().map(v -> Tuple.of(ObservableType.DOMAIN, v.replace("evil", "notevil"))),
            url().map(v -> Tuple.of(ObservableType.URL, v)),
            email().map(v -> Tuple.of(ObservableType.EMAIL, v.toUpperCase(Locale.ROOT))),
            hash(32).map(v -> Tuple.of(ObservableType.MD5, v)),
            hash(40).map(v -> Tuple.of(ObservableType.SHA1, v)),
            hash(64).map(v -> Tuple.of(ObservableType.SHA256, v)),
            hash(128).map(v -> Tuple.of(ObservableType.SHA512, v)),
            hash(64).map(v -> Tuple.of(ObservableType.SHA512, v)),
            Arbitraries.of(ObservableType.values())
                .flatMap(t -> Arbitraries.strings().ofMaxLength(12).map(s -> Tuple.of(t, s))));
    Arbitrary<Long> time = Arbitraries.longs().between(-4000, 8000).map(d -> t0 + d);
    return Combinators.combine(values, time)
        .as((v, t) -> new Lookup(v.get1(), v.get2(), t))
        .list()
        .ofMaxSize(40);
  }

  static Arbitrary<String> ipv4() {
    return Arbitraries.integers()
        .between(0, 3)
        .list()
        .ofSize(4)
        .map(o -> (o.get(0) * 64) + "." + o.get(1) + "." + o.get(2) + "." + (o.get(3) * 85));
  }

  static Arbitrary<String> ipv4Cidr() {
    return Combinators.combine(ipv4(), Arbitraries.integers().between(0, 33))
        .as((a, p) -> p == 33 ? a : a + "/" + p);
  }

  static Arbitrary<String> ipv6() {
    return Arbitraries.of("0", "1", "ffff", "8000", "db8", "2001")
        .list()
        .ofSize(8)
        .map(g -> String.join(":", g))
        .flatMap(
            full ->
                Arbitraries.of(
                    full,
                    full.toUpperCase(Locale.ROOT),
                    Observables.normalize(ObservableType.IPV6, full)));
  }

  static Arbitrary<String> ipv6Cidr() {
    return Combinators.combine(ipv6(), Arbitraries.integers().between(0, 129))
        .as((a, p) -> p == 129 ? a : a + "/" + p);
  }

  static Arbitrary<String> domain() {
    return Arbitraries.of(LABELS).list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(".", l));
  }

  static Arbitrary<String> url() {
    return Combinators.combine(
            Arbitraries.of("http://", "HTTPS://", "", "ftp://"),
            domain(),
            Arbitraries.of("", ":80", ":443", ":8080"),
            Arbitraries.of("", "/", "/p", "/P?q=1", "/ü"))
        .as((s, h, port, path) -> s + h + port + path);
  }

  static Arbitrary<String> email() {
    return Combinators.combine(Arbitraries.of("a", "Bob", "x.y"), domain())
        .as((u, d) -> u + "@" + d);
  }

  static Arbitrary<String> hash(int digits) {
    // Mostly zeros so that values collide and differ only in one word.
    return Combinators.combine(
            Arbitraries.integers().between(0, digits - 1), Arbitraries.of(HEX), Arbitraries.of(HEX))
        .as(
            (at, c, d) -> {
              char[] h = "0".repeat(digits).toCharArray();
              h[at] = c.charAt(0);
              h[digits - 1] = d.charAt(0);
              return new String(h);
            });
  }
}
