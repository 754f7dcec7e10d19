package dev.kasa.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.intel.Actor;
import dev.kasa.intel.Attribution;
import dev.kasa.intel.Indicator;
import dev.kasa.observable.Addresses;
import dev.kasa.observable.ObservableType;
import dev.kasa.observable.Observables;
import dev.kasa.stix.Tlp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Compares the compact index with {@link NaiveMatcher} on random indicators and lookups drawn from
 * small value universes, so that hits, near misses, duplicates and shared prefixes are frequent.
 */
class IndicatorIndexPropertyTest {
  private static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
  private static final String[] LABELS = {"a", "b", "evil", "example", "x-1", "B"};
  private static final String[] HEX = {"0", "f", "A", "9"};
  private static final Attribution APT =
      new Attribution(List.of(new Actor("APT0", null, true)), List.of(), List.of(), List.of());

  record Lookup(ObservableType type, String value, long time) {}

  @Property(tries = 400)
  void compactIndexAgreesWithNaiveScan(
      @ForAll("indicators") List<Indicator> generated,
      @ForAll("lookups") List<Lookup> lookups,
      @ForAll @IntRange(max = 3) int copies) {
    // Identical indicators are stored once: the oracle sees each of them once.
    List<Indicator> indicators = generated.stream().distinct().toList();
    IndicatorIndex.Builder builder = IndicatorIndex.builder();
    for (int c = 0; c <= copies; c++) {
      indicators.forEach(builder::add);
    }
    IndicatorIndex index = builder.build();

    List<Indicator> all = new ArrayList<>();
    for (int e = 0; e < index.size(); e++) {
      all.add(index.indicator(e));
    }
    assertThat(all).containsExactlyInAnyOrderElementsOf(indicators);

    for (Lookup l : lookups) {
      List<Indicator> found = new ArrayList<>();
      index.match(l.type(), l.value(), l.time(), e -> found.add(index.indicator(e)));
      Statistics.label("outcome").collect(found.isEmpty() ? "miss" : "hit");
      List<Indicator> expected = NaiveMatcher.match(indicators, l.type(), l.value(), l.time());
      assertThat(found)
          .as("%s %s at %d", l.type(), l.value(), l.time())
          .containsExactlyInAnyOrderElementsOf(expected);
      assertThat(matchPrepared(index, l))
          .as("prepared %s %s at %d", l.type(), l.value(), l.time())
          .containsExactlyInAnyOrderElementsOf(expected);
    }
    // Guards the generators: a comparison made only of misses would prove little.
    Statistics.label("outcome").coverage(c -> c.check("hit").percentage(p -> p > 3));
  }

  /**
   * Matches the way a decoder that parsed or normalised the value already does ({@link
   * IndicatorIndex#matchIpv4}, {@link IndicatorIndex#matchNormalized}), or through {@link
   * IndicatorIndex#match} when it could not.
   */
  private static List<Indicator> matchPrepared(IndicatorIndex index, Lookup l) {
    List<Indicator> found = new ArrayList<>();
    String v = l.value().strip();
    long address = Addresses.parseIpv4(v);
    var normalized = Observables.tryNormalize(l.type(), v);
    if (l.type() == ObservableType.IPV4 && address >= 0) {
      index.matchIpv4(address, l.time(), e -> found.add(index.indicator(e)));
    } else if (normalized.isPresent()
        && (l.type() == ObservableType.URL || l.type() == ObservableType.EMAIL)) {
      index.matchNormalized(
          l.type(), normalized.get(), l.time(), e -> found.add(index.indicator(e)), null);
    } else {
      index.match(l.type(), l.value(), l.time(), e -> found.add(index.indicator(e)));
    }
    return found;
  }

  @Provide
  Arbitrary<List<Indicator>> indicators() {
    Arbitrary<Tuple.Tuple2<ObservableType, String>> values =
        Arbitraries.oneOf(
            ipv4Cidr().map(v -> Tuple.of(ObservableType.IPV4, v)),
            ipv6Cidr().map(v -> Tuple.of(ObservableType.IPV6, v)),
            domain().map(v -> Tuple.of(ObservableType.DOMAIN, v)),
            url().map(v -> Tuple.of(ObservableType.URL, v)),
            email().map(v -> Tuple.of(ObservableType.EMAIL, v)),
            hash(32).map(v -> Tuple.of(ObservableType.MD5, v)),
            hash(40).map(v -> Tuple.of(ObservableType.SHA1, v)),
            hash(64).map(v -> Tuple.of(ObservableType.SHA256, v)),
            hash(128).map(v -> Tuple.of(ObservableType.SHA512, v)));
    Arbitrary<Indicator> indicator =
        Combinators.combine(
                values,
                Arbitraries.integers().between(0, 30),
                Arbitraries.longs().between(-3, 3),
                Arbitraries.longs().between(0, 4),
                Arbitraries.integers().between(0, 9),
                Arbitraries.of(Tlp.values()))
            .as(
                (v, n, from, length, flags, tlp) -> {
                  ObservableType type = v.get1();
                  Instant validFrom =
                      Instant.ofEpochMilli(T0 + from * 1000 + (flags == 7 ? 1 : 0))
                          .plusNanos(flags == 8 ? 1234 : 0);
                  Instant validUntil = length == 0 ? null : validFrom.plusSeconds(length);
                  return new Indicator(
                      TestIndicators.id(n),
                      type,
                      Observables.normalize(type, v.get2()),
                      validFrom,
                      validUntil,
                      flags == 9,
                      flags * 10 - 1,
                      tlp,
                      flags % 2 == 0 ? APT : Attribution.NONE);
                });
    return indicator.list().ofMaxSize(40);
  }

  @Provide
  Arbitrary<List<Lookup>> lookups() {
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
    Arbitrary<Long> time = Arbitraries.longs().between(-4000, 8000).map(d -> T0 + d);
    return Combinators.combine(values, time)
        .as((v, t) -> new Lookup(v.get1(), v.get2(), t))
        .list()
        .ofMaxSize(40);
  }

  private static Arbitrary<String> ipv4() {
    return Arbitraries.integers()
        .between(0, 3)
        .list()
        .ofSize(4)
        .map(o -> (o.get(0) * 64) + "." + o.get(1) + "." + o.get(2) + "." + (o.get(3) * 85));
  }

  private static Arbitrary<String> ipv4Cidr() {
    return Combinators.combine(ipv4(), Arbitraries.integers().between(0, 33))
        .as((a, p) -> p == 33 ? a : a + "/" + p);
  }

  private static Arbitrary<String> ipv6() {
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

  private static Arbitrary<String> ipv6Cidr() {
    return Combinators.combine(ipv6(), Arbitraries.integers().between(0, 129))
        .as((a, p) -> p == 129 ? a : a + "/" + p);
  }

  private static Arbitrary<String> domain() {
    return Arbitraries.of(LABELS).list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(".", l));
  }

  private static Arbitrary<String> url() {
    return Combinators.combine(
            Arbitraries.of("http://", "HTTPS://", "", "ftp://"),
            domain(),
            Arbitraries.of("", ":80", ":443", ":8080"),
            Arbitraries.of("", "/", "/p", "/P?q=1", "/ü"))
        .as((s, h, port, path) -> s + h + port + path);
  }

  private static Arbitrary<String> email() {
    return Combinators.combine(Arbitraries.of("a", "Bob", "x.y"), domain())
        .as((u, d) -> u + "@" + d);
  }

  private static Arbitrary<String> hash(int digits) {
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
