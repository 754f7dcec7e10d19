package dev.kasa.intel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.observable.ObservableType;
import dev.kasa.stix.StixCommon;
import dev.kasa.stix.StixIndicator;
import dev.kasa.stix.StixTimestamp;
import dev.kasa.stix.Tlp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The pending objects read back exactly what was added, whatever the values (empty, Latin-1, beyond
 * Latin-1, longer than a row can say) and however many: enough objects and rows to cross pages of
 * objects, rows and value bytes.
 */
class StixPendingIndicatorsProperties {
  private static final ObservableType[] TYPES = ObservableType.values();
  private static final Tlp[] TLPS = Tlp.values();

  private record Added(
      StixIndicator indicator,
      int index,
      int bundle,
      List<String> markings,
      Tlp tlp,
      List<ObservableType> types,
      List<String> values) {}

  @Property(tries = 12)
  void readsBackWhatWasAdded(@ForAll long seed) {
    var random = new Random(seed);
    var pending = new StixPendingIndicators();
    List<Added> added = new ArrayList<>();
    int objects = 1 + random.nextInt(random.nextBoolean() ? 50 : 12_000);
    for (int o = 0; o < objects; o++) {
      var i = indicator(random);
      List<String> markings =
          random.nextInt(4) == 0 ? List.of("marking-definition--" + random.nextInt(3)) : null;
      int index = random.nextInt(Integer.MAX_VALUE);
      int bundle = random.nextInt(5);
      pending.addObject(i, index, bundle, markings);
      Tlp tlp = TLPS[random.nextInt(TLPS.length)];
      pending.tlp(o, tlp);
      List<ObservableType> types = new ArrayList<>();
      List<String> values = new ArrayList<>();
      for (int r = random.nextInt(4); r > 0; r--) {
        ObservableType type = TYPES[random.nextInt(TYPES.length)];
        String value = value(random);
        pending.addObservable(type, value, null);
        types.add(type);
        values.add(value);
      }
      added.add(new Added(i, index, bundle, markings, tlp, types, values));
    }

    assertThat(pending.objects()).isEqualTo(objects);
    for (int o = 0; o < objects; o++) {
      Added a = added.get(o);
      StixIndicator i = a.indicator();
      assertThat(pending.id(o)).isEqualTo(i.id());
      assertThat(pending.idHigh(o)).isEqualTo(IndicatorIdMap.high(i.id()));
      assertThat(pending.idLow(o)).isEqualTo(IndicatorIdMap.low(i.id()));
      assertThat(pending.index(o)).isEqualTo(a.index());
      assertThat(pending.bundle(o)).isEqualTo(a.bundle());
      assertThat(pending.modified(o)).isEqualTo(i.common().modified().instant());
      assertThat(pending.revoked(o)).isEqualTo(i.common().isRevoked());
      Integer confidence = i.common().confidence();
      assertThat(pending.confidence(o)).isEqualTo(confidence == null ? -1 : confidence);
      assertThat(pending.validFrom(o)).isEqualTo(i.validFrom().instant());
      assertThat(pending.validUntil(o))
          .isEqualTo(i.validUntil() == null ? null : i.validUntil().instant());
      assertThat(pending.markingRefs(o)).isEqualTo(a.markings());
      assertThat(pending.tlp(o)).isEqualTo(a.tlp());
      assertThat(pending.name(o)).isEqualTo(i.name());
      assertThat(pending.createdBy(o)).isEqualTo(i.common().createdByRef());
      int first = pending.firstObservable(o);
      assertThat(pending.endObservable(o) - first).isEqualTo(a.values().size());
      for (int k = 0; k < a.values().size(); k++) {
        assertThat(pending.type(first + k)).isEqualTo(a.types().get(k));
        assertThat(pending.value(first + k)).isEqualTo(a.values().get(k));
      }
    }
  }

  private static StixIndicator indicator(Random random) {
    String id =
        "indicator--%08x-%04x-4%03x-8%03x-%012x"
            .formatted(
                random.nextInt(),
                random.nextInt(1 << 16),
                random.nextInt(1 << 12),
                random.nextInt(1 << 12),
                random.nextLong() & 0xffff_ffff_ffffL);
    var common =
        new StixCommon(
            "indicator",
            id,
            "2.1",
            StixTimestamp.of(instant(random)),
            StixTimestamp.of(instant(random)),
            random.nextBoolean() ? null : "identity--" + random.nextInt(3),
            random.nextInt(5) == 0 ? Boolean.TRUE : null,
            null,
            random.nextBoolean() ? null : random.nextInt(101),
            null,
            null,
            null);
    return new StixIndicator(
        common,
        random.nextBoolean() ? null : "name " + random.nextInt(4),
        null,
        null,
        "[ipv4-addr:value = '10.0.0.1']",
        "stix",
        null,
        StixTimestamp.of(instant(random)),
        random.nextBoolean() ? null : StixTimestamp.of(instant(random)),
        null);
  }

  private static Instant instant(Random random) {
    return Instant.ofEpochSecond(
        random.nextLong(4_000_000_000L) - 1_000_000_000L, random.nextInt(1_000_000_000));
  }

  private static String value(Random random) {
    return switch (random.nextInt(12)) {
      case 0 -> "";
      case 1 -> "пример.рф/" + random.nextInt(); // beyond Latin-1
      case 2 -> "café-" + random.nextInt() + ".example"; // Latin-1, not ASCII
      case 3 -> "x".repeat(4090 + random.nextInt(12)); // around the longest paged value
      default -> "host-" + Long.toHexString(random.nextLong()) + ".example.com";
    };
  }
}
