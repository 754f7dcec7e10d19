package dev.kasa.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.detect.IndicatorArbitraries.Lookup;
import dev.kasa.intel.Actor;
import dev.kasa.intel.Attribution;
import dev.kasa.intel.Indicator;
import dev.kasa.intel.Origin;
import dev.kasa.intel.PortConstraint;
import dev.kasa.intel.Provenance;
import dev.kasa.observable.Addresses;
import dev.kasa.observable.ObservableType;
import dev.kasa.observable.Observables;
import dev.kasa.stix.Tlp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
  private static final Attribution APT =
      new Attribution(List.of(new Actor("APT0", null, true)), List.of(), List.of(), List.of());

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
    Arbitrary<Tuple.Tuple2<ObservableType, String>> values = IndicatorArbitraries.typedValues();
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
                      flags % 2 == 0 ? APT : Attribution.NONE,
                      Origin.file("test"),
                      Provenance.of("test"),
                      // The index looks up the address alone (the detector checks the port), so
                      // the oracle ignores ports: they must only survive the round trip.
                      !type.isAddress() || flags % 3 != 0
                          ? null
                          : new PortConstraint(
                              flags == 3
                                  ? PortConstraint.Side.SOURCE
                                  : PortConstraint.Side.DESTINATION,
                              flags * 100));
                });
    return indicator.list().ofMaxSize(40);
  }

  @Provide
  Arbitrary<List<Lookup>> lookups() {
    return IndicatorArbitraries.lookups(T0);
  }
}
