package dev.kasa.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.intel.Attribution;
import dev.kasa.intel.Indicator;
import dev.kasa.intel.IntelDiff;
import dev.kasa.intel.IntelSink;
import dev.kasa.intel.IntelVersion;
import dev.kasa.intel.Origin;
import dev.kasa.intel.Provenance;
import dev.kasa.observable.ObservableType;
import dev.kasa.stix.Tlp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The versioning rules of an {@link IntelSet}, one at a time. */
class IntelSetTest {
  static final Origin PARTNER = Origin.partner("cert-b", "iocs");
  static final Instant V1 = Instant.parse("2025-01-01T00:00:00Z");
  static final Instant V2 = Instant.parse("2025-02-01T00:00:00Z");
  static final Instant V3 = Instant.parse("2025-03-01T00:00:00Z");

  static Indicator ip(int n, String value, Instant until) {
    return new Indicator(
        TestIndicators.id(n),
        ObservableType.IPV4,
        value,
        TestIndicators.FROM,
        until,
        false,
        50,
        Tlp.AMBER,
        Attribution.NONE,
        PARTNER,
        Provenance.of("iocs"));
  }

  static IntelVersion version(int n, Instant modified, String... values) {
    List<Indicator> observables = new ArrayList<>();
    for (String v : values) {
      observables.add(ip(n, v, null));
    }
    return new IntelVersion(TestIndicators.id(n), modified, false, PARTNER, observables);
  }

  static IntelVersion revoked(int n, Instant modified) {
    return new IntelVersion(TestIndicators.id(n), modified, true, PARTNER, List.of());
  }

  static List<String> hits(IntelSet set, String value) {
    return TestIndicators.ids(set.index(), ObservableType.IPV4, value);
  }

  @Test
  void aNewIndicatorIsAdded() {
    var set = new IntelSet();
    IntelVersion v = version(1, V1, "192.0.2.1", "192.0.2.2");
    IntelDiff diff = set.apply(v);
    assertThat(diff.added()).containsExactly(v);
    assertThat(diff.replaced()).isEmpty();
    assertThat(diff.removed()).isEmpty();
    assertThat(set.size()).isEqualTo(1);
    assertThat(set.observables()).isEqualTo(2);
    assertThat(set.contains(TestIndicators.id(1))).isTrue();
    assertThat(set.modified(TestIndicators.id(1))).isEqualTo(V1);
    assertThat(hits(set, "192.0.2.2")).containsExactly(TestIndicators.id(1));
  }

  @Test
  void aNewerVersionTakesEveryObservableOfTheOldOneAway() {
    var set = new IntelSet();
    set.apply(version(1, V1, "192.0.2.1", "192.0.2.2"));
    IntelVersion v2 = version(1, V2, "192.0.2.3");
    IntelDiff diff = set.apply(v2);
    assertThat(diff.replaced()).containsExactly(v2);
    assertThat(diff.added()).isEmpty();
    assertThat(hits(set, "192.0.2.1")).isEmpty();
    assertThat(hits(set, "192.0.2.2")).isEmpty();
    assertThat(hits(set, "192.0.2.3")).containsExactly(TestIndicators.id(1));
    assertThat(set.observables()).isEqualTo(1);
    assertThat(set.superseded()).isEqualTo(1);
    assertThat(set.modified(TestIndicators.id(1))).isEqualTo(V2);
  }

  @Test
  void anOlderVersionIsIgnored() {
    var set = new IntelSet();
    set.apply(version(1, V2, "192.0.2.3"));
    assertThat(set.apply(version(1, V1, "192.0.2.1")).isEmpty()).isTrue();
    assertThat(hits(set, "192.0.2.1")).isEmpty();
    assertThat(hits(set, "192.0.2.3")).containsExactly(TestIndicators.id(1));
    assertThat(set.superseded()).isEqualTo(1);
  }

  @Test
  void theSameVersionTwiceChangesNothingAndTheFirstOfTwoEqualTimesStands() {
    var set = new IntelSet();
    set.apply(version(1, V1, "192.0.2.1"));
    assertThat(set.apply(version(1, V1, "192.0.2.1")).isEmpty()).isTrue();
    assertThat(set.apply(version(1, V1, "192.0.2.9")).isEmpty()).isTrue();
    assertThat(hits(set, "192.0.2.1")).containsExactly(TestIndicators.id(1));
    assertThat(hits(set, "192.0.2.9")).isEmpty();
    assertThat(set.repeated()).isEqualTo(2);
    assertThat(set.index().size()).isEqualTo(1);
  }

  @Test
  void aRevocationRemovesTheIndicatorForGoodWhateverItsTime() {
    var set = new IntelSet();
    set.apply(version(1, V2, "192.0.2.1"));
    // Older than the current version, and still a revocation: STIX revocation is permanent.
    IntelDiff diff = set.apply(revoked(1, V1));
    assertThat(diff.removed()).containsExactly(TestIndicators.id(1));
    assertThat(hits(set, "192.0.2.1")).isEmpty();
    assertThat(set.apply(version(1, V3, "192.0.2.1")).isEmpty()).isTrue();
    assertThat(hits(set, "192.0.2.1")).isEmpty();
    assertThat(set.contains(TestIndicators.id(1))).isFalse();
    assertThat(set.revoked()).isEqualTo(1);
    assertThat(set.size()).isZero();
  }

  @Test
  void aRevocationSeenFirstKeepsEveryVersionOut() {
    var set = new IntelSet();
    assertThat(set.apply(revoked(1, V2)).isEmpty()).isTrue();
    assertThat(set.apply(version(1, V1, "192.0.2.1")).isEmpty()).isTrue();
    assertThat(set.apply(version(1, V3, "192.0.2.1")).isEmpty()).isTrue();
    assertThat(hits(set, "192.0.2.1")).isEmpty();
  }

  @Test
  void expiryRemovesAVersionWhoseObservablesHaveAllEndedAndANewerOneBringsItBack() {
    var set = new IntelSet();
    Instant end = Instant.parse("2025-06-01T00:00:00Z");
    Instant later = Instant.parse("2025-09-01T00:00:00Z");
    var v1 =
        new IntelVersion(
            TestIndicators.id(1),
            V1,
            false,
            PARTNER,
            List.of(ip(1, "192.0.2.1", end), ip(1, "192.0.2.2", later)));
    set.apply(v1);
    set.apply(version(2, V1, "192.0.2.3")); // never ends
    set.apply(new IntelVersion(TestIndicators.id(3), V1, false, PARTNER, List.of()));
    assertThat(set.expire(end).isEmpty()).isTrue(); // one of its observables still runs
    assertThat(set.expire(end.minusMillis(1)).isEmpty()).isTrue();
    IntelDiff diff = set.expire(later);
    assertThat(diff.removed()).containsExactly(TestIndicators.id(1));
    assertThat(set.contains(TestIndicators.id(1))).isFalse();
    assertThat(set.contains(TestIndicators.id(2))).isTrue();
    assertThat(set.contains(TestIndicators.id(3))).isTrue();
    assertThat(set.apply(v1).isEmpty()).as("the expired version again").isTrue();
    IntelVersion v2 = version(1, V2, "192.0.2.4");
    assertThat(set.apply(v2).added()).containsExactly(v2);
    assertThat(hits(set, "192.0.2.4")).containsExactly(TestIndicators.id(1));
  }

  @Test
  void severalVersionsAppliedAtOnceGiveTheirNetChange() {
    var set = new IntelSet();
    set.apply(version(1, V1, "192.0.2.1"));
    IntelVersion v2 = version(2, V2, "192.0.2.2");
    IntelVersion v2b = version(2, V3, "192.0.2.5");
    IntelDiff diff =
        set.applyAll(List.of(v2, revoked(1, V2), v2b, version(3, V1, "192.0.2.3"), revoked(3, V2)));
    assertThat(diff.added()).containsExactly(v2b);
    assertThat(diff.replaced()).isEmpty();
    assertThat(diff.removed()).containsExactly(TestIndicators.id(1));
  }

  @Test
  void anIndexBuiltFromTheSetDoesNotChangeWithIt() {
    var set = new IntelSet();
    set.apply(version(1, V1, "192.0.2.1"));
    IndicatorIndex before = set.index();
    set.apply(version(1, V2, "192.0.2.2"));
    assertThat(TestIndicators.ids(before, ObservableType.IPV4, "192.0.2.1"))
        .containsExactly(TestIndicators.id(1));
    assertThat(hits(set, "192.0.2.1")).isEmpty();
  }

  @Test
  void roomMadeForALoadIsOnlyAHintWhetherTooSmallTooBigOrIntoAFullSet() {
    var set = new IntelSet();
    IntelSink sink = set.sink(p -> {});
    sink.expect(10, 10);
    for (int n = 0; n < 300; n++) {
      sink.version(version(n, V1, "198.51.100." + n % 250));
    }
    sink.expect(1_000, 5_000);
    sink.expect(3, 3);
    for (int n = 200; n < 700; n++) {
      sink.version(version(n, V2, "203.0.113." + n % 250, "192.0.2." + n % 250));
    }
    assertThat(set.size()).isEqualTo(700);
    assertThat(set.observables()).isEqualTo(200 + 2 * 500);
    assertThat(set.superseded()).isEqualTo(100);
    assertThat(hits(set, "198.51.100.7")).containsExactly(TestIndicators.id(7));
    assertThat(hits(set, "192.0.2.7"))
        .containsExactlyInAnyOrder(TestIndicators.id(257), TestIndicators.id(507));
    assertThat(set.contains(TestIndicators.id(699))).isTrue();
  }

  @Test
  void aSetThatSeesManyVersionsStaysTheSizeOfItsCurrentOnes() {
    var set = new IntelSet();
    for (int round = 0; round < 20; round++) {
      for (int n = 0; n < 1000; n++) {
        set.apply(
            version(n, V1.plusSeconds(round), "198.51.100." + (round % 4), "203.0.113." + n % 200));
      }
    }
    // 40,000 observables applied, 38,000 of them superseded: the dead are copied away as they
    // come to outnumber the living, and what stands is unchanged.
    assertThat(set.observables()).isEqualTo(2000);
    assertThat(set.heldObservables()).isLessThanOrEqualTo(2 * 2000 + 4096);
    assertThat(hits(set, "198.51.100.3")).hasSize(1000);
    assertThat(hits(set, "198.51.100.2")).isEmpty();
    assertThat(hits(set, "203.0.113.7")).hasSize(5);
    assertThat(set.index().size()).isEqualTo(2000);
  }

  @Test
  void aWithdrawnVersionGoesAndAnyLaterVersionStandsEvenAnOlderOne() {
    var set = new IntelSet();
    set.apply(version(1, V2, "192.0.2.1"));
    IntelDiff gone = set.withdraw(TestIndicators.id(1));
    assertThat(gone.removed()).containsExactly(TestIndicators.id(1));
    assertThat(set.contains(TestIndicators.id(1))).isFalse();
    assertThat(hits(set, "192.0.2.1")).isEmpty();
    // Another holder still has an older version: it stands again, unlike after an expiry.
    IntelDiff back = set.apply(version(1, V1, "192.0.2.9"));
    assertThat(back.addedIds()).containsExactly(TestIndicators.id(1));
    assertThat(hits(set, "192.0.2.9")).containsExactly(TestIndicators.id(1));
    assertThat(set.withdraw(TestIndicators.id(2)).isEmpty()).isTrue();
  }

  @Test
  void aRevokedIndicatorStaysRevokedWhenWithdrawn() {
    var set = new IntelSet();
    set.apply(version(1, V1, "192.0.2.1"));
    set.apply(revoked(1, V2));
    assertThat(set.withdraw(TestIndicators.id(1)).isEmpty()).isTrue();
    set.apply(version(1, V3, "192.0.2.1"));
    assertThat(set.contains(TestIndicators.id(1))).isFalse();
  }
}
