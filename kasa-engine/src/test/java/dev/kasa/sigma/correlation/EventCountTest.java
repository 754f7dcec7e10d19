package dev.kasa.sigma.correlation;

import static dev.kasa.sigma.correlation.Fixtures.correlation;
import static dev.kasa.sigma.correlation.Fixtures.gt;
import static dev.kasa.sigma.correlation.Fixtures.gte;
import static dev.kasa.sigma.correlation.Fixtures.min;
import static dev.kasa.sigma.rule.SigmaCorrelation.CorrelationType.EVENT_COUNT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.EventRef;
import dev.kasa.sigma.correlation.Fixtures.Feeder;
import dev.kasa.sigma.rule.SigmaCorrelation;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventCountTest {
  private static final SigmaCorrelation THREE_PER_USER =
      correlation(EVENT_COUNT).id("c1").rules("base").groupBy("User").condition(gte(3)).build();

  @Test
  void firesOnTheEventThatReachesTheThreshold() {
    Feeder f = new Feeder(THREE_PER_USER);
    f.match("base", min(0), "User", "bob").match("base", min(1), "User", "bob");
    assertThat(f.hits).isEmpty();
    f.match("base", min(2), "User", "bob");

    assertThat(f.hits).hasSize(1);
    CorrelationHit hit = f.hits.get(0);
    assertThat(hit.correlation()).isSameAs(THREE_PER_USER);
    assertThat(hit.group()).isEqualTo(Map.of("User", "bob"));
    assertThat(hit.value()).isEqualTo(3);
    assertThat(hit.firstMillis()).isEqualTo(min(0));
    assertThat(hit.lastMillis()).isEqualTo(min(2));
    assertThat(hit.events())
        .extracting(EventRef::toString)
        .containsExactly("e.log:1", "e.log:2", "e.log:3");
  }

  @Test
  void gtNeedsOneMore() {
    SigmaCorrelation c = correlation(EVENT_COUNT).rules("base").condition(gt(2)).build();
    Feeder f = new Feeder(c).match("base", 0).match("base", 1);
    assertThat(f.hits).isEmpty();
    f.match("base", 2);
    assertThat(f.hits).hasSize(1);
  }

  @Test
  void countsEachGroupSeparately() {
    Feeder f = new Feeder(THREE_PER_USER);
    for (int i = 0; i < 2; i++) {
      f.match("base", min(i), "User", "bob").match("base", min(i), "User", "eve");
    }
    assertThat(f.hits).isEmpty();
    f.match("base", min(3), "User", "eve");
    assertThat(f.hits)
        .singleElement()
        .extracting(CorrelationHit::group)
        .isEqualTo(Map.of("User", "eve"));
  }

  @Test
  void groupsBySeveralFieldsTogether() {
    SigmaCorrelation c =
        correlation(EVENT_COUNT).rules("base").groupBy("User", "Host").condition(gte(2)).build();
    Feeder f =
        new Feeder(c)
            .match("base", 0, "User", "bob", "Host", "a")
            .match("base", 1, "User", "bob", "Host", "b")
            .match("base", 2, "User", "eve", "Host", "a");
    assertThat(f.hits).isEmpty();
    f.match("base", 3, "User", "bob", "Host", "b");
    assertThat(f.hits)
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.group())
                  .containsExactly(Map.entry("User", "bob"), Map.entry("Host", "b"));
            });
  }

  @Test
  void eventsFurtherApartThanTheTimespanDoNotCount() {
    Feeder f = new Feeder(THREE_PER_USER);
    for (int i = 0; i < 10; i++) {
      f.match("base", min(6L * i), "User", "bob");
    }
    f.finish();
    assertThat(f.hits).isEmpty();
  }

  @Test
  void windowSlidesRatherThanTumbling() {
    // 0, 9, 11, 12: the fixed 10-minute window from 0 holds two, the sliding one [2, 12] three.
    Feeder f = new Feeder(THREE_PER_USER);
    for (long m : new long[] {0, 9, 11, 12}) {
      f.match("base", min(m), "User", "bob");
    }
    assertThat(f.hits)
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.firstMillis()).isEqualTo(min(9));
              assertThat(h.value()).isEqualTo(3);
            });
  }

  @Test
  void windowBoundaryIsInclusive() {
    Feeder f = new Feeder(THREE_PER_USER);
    f.match("base", 0, "User", "bob").match("base", min(5), "User", "bob");
    f.match("base", min(10), "User", "bob");
    assertThat(f.hits).hasSize(1);
  }

  @Test
  void aBurstGivesOneHitPerWindow() {
    Feeder f = new Feeder(THREE_PER_USER);
    for (int s = 0; s < 600; s++) { // 10 minutes, one event a second
      f.match("base", s * 1000L, "User", "bob");
    }
    assertThat(f.hits).hasSize(1);
    for (int s = 601; s < 610; s++) { // the window after the hit has passed
      f.match("base", 2000 + s * 1000L, "User", "bob");
    }
    assertThat(f.hits).hasSize(2);
  }

  @Test
  void emptyGroupByIsOneGlobalGroup() {
    SigmaCorrelation c = correlation(EVENT_COUNT).rules("base").condition(gte(2)).build();
    Feeder f = new Feeder(c).match("base", 0, "User", "a").match("base", 1, "User", "b");
    assertThat(f.hits).singleElement().extracting(CorrelationHit::group).isEqualTo(Map.of());
  }

  @Test
  void matchWithoutAGroupFieldIsCountedAndIgnored() {
    Feeder f = new Feeder(THREE_PER_USER);
    f.match("base", 0).match("base", 1).match("base", 2, "Host", "x");
    assertThat(f.hits).isEmpty();
    assertThat(f.engine.stats().matchesWithoutGroupValue()).isEqualTo(3);
    assertThat(f.engine.stats().groupsLive()).isZero();
  }

  @Test
  void rulesAreReferredToByIdOrName() {
    SigmaCorrelation c =
        correlation(EVENT_COUNT).rules("uuid-1", "by_name").condition(gte(3)).build();
    Feeder f =
        new Feeder(c)
            .match("uuid-1", "other", 0)
            .match("uuid-2", "by_name", 1)
            .match(null, "by_name", 2);
    assertThat(f.hits).hasSize(1);
    f.match("uuid-3", "unrelated", 3).match(null, null, 4);
    assertThat(f.engine.stats().groupsLive()).isEqualTo(1);
  }

  @Test
  void aMatchByBothIdAndNameCountsOnce() {
    SigmaCorrelation c =
        correlation(EVENT_COUNT).rules("uuid-1", "by_name").condition(gte(2)).build();
    Feeder f = new Feeder(c).match("uuid-1", "by_name", 0);
    assertThat(f.hits).isEmpty();
  }
}
