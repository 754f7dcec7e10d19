package dev.kasa.detect;

import static dev.kasa.detect.TestIndicators.id;
import static dev.kasa.detect.TestIndicators.ids;
import static dev.kasa.detect.TestIndicators.indicator;
import static dev.kasa.observable.ObservableType.DOMAIN;
import static dev.kasa.observable.ObservableType.IPV4;
import static dev.kasa.observable.ObservableType.SHA256;
import static dev.kasa.observable.ObservableType.URL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.intel.Indicator;
import dev.kasa.intel.Origin;
import dev.kasa.intel.Provenance;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The builder takes indicators apart as they arrive; building leaves it usable and unchanged. */
class IndexBuilderTest {
  private static final String HASH =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  @Test
  void buildingTwiceKeepsEarlierIndexesAndAddsLaterIndicators() {
    IndicatorIndex.Builder b = IndicatorIndex.builder();
    b.add(indicator(1, IPV4, "198.51.100.7")).add(indicator(2, DOMAIN, "evil.example"));
    IndicatorIndex first = b.build();
    b.add(indicator(3, IPV4, "198.51.100.7")).add(indicator(4, SHA256, HASH));
    IndicatorIndex second = b.build();

    assertThat(first.size()).isEqualTo(2);
    assertThat(ids(first, IPV4, "198.51.100.7")).containsExactly(id(1));
    assertThat(ids(first, SHA256, HASH)).isEmpty();
    assertThat(second.size()).isEqualTo(4);
    assertThat(ids(second, IPV4, "198.51.100.7")).containsExactlyInAnyOrder(id(1), id(3));
    assertThat(ids(second, SHA256, HASH)).containsExactly(id(4));
    assertThat(ids(second, DOMAIN, "a.evil.example")).containsExactly(id(2));
  }

  @Test
  void manyIndicatorsOfEveryShapeComeBackIntact() {
    // More than the intake's initial capacity in every group, so every column and arena grows.
    List<Indicator> added = new ArrayList<>();
    IndicatorIndex.Builder b = IndicatorIndex.builder();
    for (int i = 0; i < 600; i++) {
      Indicator in =
          switch (i % 4) {
            case 0 -> indicator(i, IPV4, "10." + (i / 256) + "." + (i % 256) + ".0/24");
            case 1 -> indicator(i, DOMAIN, "host" + i + ".example");
            case 2 -> indicator(i, URL, "http://host" + i + ".example/" + "p".repeat(i % 90));
            default -> indicator(i, SHA256, String.format("%064x", i));
          };
      added.add(in);
      b.add(in);
    }
    IndicatorIndex index = b.build();
    List<Indicator> rebuilt = new ArrayList<>();
    for (int e = 0; e < index.size(); e++) {
      rebuilt.add(index.indicator(e));
    }
    assertThat(rebuilt).containsExactlyInAnyOrderElementsOf(added);
    for (Indicator in : added) {
      String probe = in.type() == IPV4 ? in.value().replaceFirst("\\.0/24$", ".9") : in.value();
      assertThat(ids(index, in.type(), probe)).as(probe).contains(in.id());
    }
  }

  @Test
  void identicalIndicatorsAreStoredOnce() {
    IndicatorIndex.Builder b = IndicatorIndex.builder();
    for (int i = 0; i < 100_000; i++) {
      b.add(indicator(1, IPV4, "198.51.100.7"));
      b.add(indicator(2, URL, "http://evil.example/a"));
    }
    IndicatorIndex index = b.build();
    assertThat(index.size()).isEqualTo(2);
    assertThat(ids(index, IPV4, "198.51.100.7")).containsExactly(id(1));
    assertThat(ids(index, URL, "http://evil.example/a")).containsExactly(id(2));
  }

  @Test
  void indicatorsDifferingInAnyFieldAreAllKept() {
    Indicator base = indicator(1, DOMAIN, "evil.example");
    List<Indicator> variants =
        List.of(
            base,
            indicator(2, DOMAIN, "evil.example"),
            indicator(1, DOMAIN, "evil2.example"),
            indicator(1, URL, "http://evil.example/"),
            new Indicator(
                base.id(),
                DOMAIN,
                base.value(),
                base.validFrom().plusNanos(1),
                null,
                false,
                80,
                base.tlp(),
                base.attribution(),
                Origin.file("test"),
                Provenance.of("test")),
            new Indicator(
                base.id(),
                DOMAIN,
                base.value(),
                base.validFrom(),
                base.validFrom().plusSeconds(1),
                false,
                80,
                base.tlp(),
                base.attribution(),
                Origin.file("test"),
                Provenance.of("test")),
            new Indicator(
                base.id(),
                DOMAIN,
                base.value(),
                base.validFrom(),
                null,
                true,
                80,
                base.tlp(),
                base.attribution(),
                Origin.file("test"),
                Provenance.of("test")),
            new Indicator(
                base.id(),
                DOMAIN,
                base.value(),
                base.validFrom(),
                null,
                false,
                81,
                base.tlp(),
                base.attribution(),
                Origin.file("test"),
                Provenance.of("test")),
            new Indicator(
                base.id(),
                DOMAIN,
                base.value(),
                base.validFrom(),
                null,
                false,
                80,
                dev.kasa.stix.Tlp.RED,
                base.attribution(),
                Origin.file("test"),
                Provenance.of("test")),
            new Indicator(
                base.id(),
                DOMAIN,
                base.value(),
                base.validFrom(),
                null,
                false,
                80,
                base.tlp(),
                new dev.kasa.intel.Attribution(
                    List.of(), List.of("Operation X"), List.of(), List.of()),
                Origin.file("test"),
                Provenance.of("test")));
    IndicatorIndex.Builder b = IndicatorIndex.builder();
    for (int round = 0; round < 3; round++) {
      variants.forEach(b::add);
    }
    IndicatorIndex index = b.build();
    List<Indicator> stored = new ArrayList<>();
    for (int e = 0; e < index.size(); e++) {
      stored.add(index.indicator(e));
    }
    assertThat(stored).containsExactlyInAnyOrderElementsOf(variants);
  }
}
