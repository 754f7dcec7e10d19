package dev.kasa.detect;

import dev.kasa.intel.Attribution;
import dev.kasa.intel.Indicator;
import dev.kasa.intel.Origin;
import dev.kasa.intel.Provenance;
import dev.kasa.observable.ObservableType;
import dev.kasa.stix.Tlp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Small indicator fixtures and a collecting lookup for the detect tests. */
final class TestIndicators {
  static final Instant FROM = Instant.parse("2024-01-01T00:00:00Z");
  static final long AT = Instant.parse("2024-06-01T00:00:00Z").toEpochMilli();

  private TestIndicators() {}

  static String id(int n) {
    return String.format("indicator--%08x-0000-4000-8000-%012x", n, n);
  }

  static Indicator indicator(int n, ObservableType type, String value) {
    return new Indicator(
        id(n),
        type,
        value,
        FROM,
        null,
        false,
        80,
        Tlp.GREEN,
        Attribution.NONE,
        Origin.file("test"),
        Provenance.of("test"));
  }

  static IndicatorIndex index(Indicator... indicators) {
    IndicatorIndex.Builder b = IndicatorIndex.builder();
    for (Indicator i : indicators) {
      b.add(i);
    }
    return b.build();
  }

  /** Ids of the indicators matching {@code value} at {@code time}, in match order. */
  static List<String> ids(IndicatorIndex index, ObservableType type, String value, long time) {
    List<String> ids = new ArrayList<>();
    index.match(type, value, time, e -> ids.add(index.indicator(e).id()));
    return ids;
  }

  static List<String> ids(IndicatorIndex index, ObservableType type, String value) {
    return ids(index, type, value, AT);
  }
}
