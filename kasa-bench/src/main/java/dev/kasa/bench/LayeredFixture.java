package dev.kasa.bench;

import dev.kasa.bench.workload.IntelCatalog;
import dev.kasa.detect.IndicatorIndex;
import dev.kasa.detect.IntelSet;
import dev.kasa.detect.LayeredIndex;
import dev.kasa.intel.Attribution;
import dev.kasa.intel.Indicator;
import dev.kasa.intel.IntelVersion;
import dev.kasa.intel.Origin;
import dev.kasa.intel.Provenance;
import dev.kasa.observable.ObservableType;
import dev.kasa.stix.Tlp;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * The layered matcher that {@link LayeredIndexBenchmark} and {@link LayeredIndexMeasure} measure:
 * the workload's {@code n} indicators in the bulk, and in front of it one new partner indicator
 * ({@link #fresh}, value {@link #NEW_VALUE}) and a newer version of the bulk's first id.
 */
record LayeredFixture(
    IntelSet set, IndicatorIndex bulk, LayeredIndex base, LayeredIndex layered, Indicator fresh) {
  static final String NEW_VALUE = "198.18.77.1";

  static LayeredFixture of(int n) {
    IntelCatalog intel = IntelCatalog.generate(n, new SplittableRandom(42));
    IntelSet set = new IntelSet();
    for (int i = 0; i < intel.size(); i++) {
      set.apply(IntelVersion.of(intel.indicator(i), Instant.EPOCH));
    }
    IndicatorIndex bulk = set.index();
    LayeredIndex base = LayeredIndex.of(bulk);
    Indicator fresh = partnerIpv4("indicator--feedface-0000-4000-8000-000000000001", NEW_VALUE);
    Instant newer = Instant.ofEpochSecond(1);
    LayeredIndex layered =
        base.with(set.apply(IntelVersion.of(fresh, newer)))
            .with(set.apply(IntelVersion.of(partnerIpv4(intel.id(0), "198.18.77.2"), newer)));
    return new LayeredFixture(set, bulk, base, layered, fresh);
  }

  private static Indicator partnerIpv4(String id, String address) {
    return new Indicator(
        id,
        ObservableType.IPV4,
        address,
        Instant.EPOCH,
        null,
        false,
        80,
        Tlp.GREEN,
        Attribution.NONE,
        Origin.partner("bravo", "shared"),
        Provenance.of("taxii"));
  }
}
