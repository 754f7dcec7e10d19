package dev.kasa.sigma.correlation;

import static dev.kasa.sigma.correlation.Fixtures.correlation;
import static dev.kasa.sigma.correlation.Fixtures.eq;
import static dev.kasa.sigma.correlation.Fixtures.gte;
import static dev.kasa.sigma.correlation.Fixtures.lt;
import static dev.kasa.sigma.correlation.Fixtures.lte;
import static dev.kasa.sigma.correlation.Fixtures.min;
import static dev.kasa.sigma.correlation.Fixtures.neq;
import static dev.kasa.sigma.rule.SigmaCorrelation.CorrelationType.EVENT_COUNT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.sigma.correlation.Fixtures.Feeder;
import dev.kasa.sigma.rule.SigmaCorrelation;
import dev.kasa.sigma.rule.SigmaCorrelation.Threshold;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Conditions with an upper bound are tested once, when a group's window closes. */
class ThresholdTest {
  private static SigmaCorrelation counting(Threshold t) {
    return correlation(EVENT_COUNT).rules("base").groupBy("Host").condition(t).build();
  }

  /** Feeds {@code n} events for host a within one window, then ends the input. */
  private static List<CorrelationHit> burst(Threshold t, int n) {
    Feeder f = new Feeder(counting(t));
    for (int i = 0; i < n; i++) {
      f.match("base", min(i), "Host", "a");
    }
    return f.finish().hits;
  }

  @ParameterizedTest(name = "{0} {1} with {2} events fires: {3}")
  @CsvSource({
    "lt, 3, 2, true",
    "lt, 3, 3, false",
    "lte, 3, 3, true",
    "lte, 3, 4, false",
    "eq, 3, 3, true",
    "eq, 3, 2, false",
    "eq, 3, 4, false",
    "neq, 3, 2, true",
    "neq, 3, 3, false",
    "gte, 3, 3, true",
    "gte, 3, 2, false",
  })
  void eachBound(String op, double bound, int events, boolean fires) {
    Threshold t =
        switch (op) {
          case "lt" -> lt(bound);
          case "lte" -> lte(bound);
          case "eq" -> eq(bound);
          case "neq" -> neq(bound);
          default -> gte(bound);
        };
    assertThat(burst(t, events)).hasSize(fires ? 1 : 0);
  }

  @Test
  void rangeHoldsBothBounds() {
    Threshold range = new Threshold(2.0, null, null, 4.0, null, null, null); // 3 to 4
    assertThat(burst(range, 2)).isEmpty();
    assertThat(burst(range, 3)).singleElement().extracting(CorrelationHit::value).isEqualTo(3.0);
    assertThat(burst(range, 4)).hasSize(1);
    assertThat(burst(range, 5)).isEmpty();
  }

  @Test
  void upperBoundIsNotDecidedBeforeTheWindowCloses() {
    Feeder f = new Feeder(counting(lt(3)));
    f.match("base", 0, "Host", "a");
    assertThat(f.hits).as("one event so far, but more may come").isEmpty();
    f.match("base", min(11), "Host", "a"); // past the 10-minute window: the first one closes
    assertThat(f.hits)
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.value()).isEqualTo(1);
              assertThat(h.lastMillis()).isZero();
            });
    f.finish();
    assertThat(f.hits).hasSize(2);
  }

  @Test
  void windowsOfQuietGroupsCloseWhenEventTimeMovesOn() {
    Feeder f = new Feeder(counting(lt(3)));
    f.match("base", 0, "Host", "a");
    // Another group's event far later: host a's window has passed by more than one timespan.
    f.match("base", min(25), "Host", "b");
    assertThat(f.hits).singleElement().extracting(h -> h.group().get("Host")).isEqualTo("a");
    assertThat(f.engine.stats().groupsExpired()).isEqualTo(1);
    assertThat(f.engine.stats().groupsLive()).isEqualTo(1);
  }

  @Test
  void eqWindowIsAnchoredAtTheGroupsFirstEvent() {
    Feeder f = new Feeder(counting(eq(2)));
    for (long m : new long[] {0, 5, 10, 11, 12}) { // windows [0,10] = 3 events, [11,21] = 2
      f.match("base", min(m), "Host", "a");
    }
    f.finish();
    assertThat(f.hits)
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.firstMillis()).isEqualTo(min(11));
              assertThat(h.value()).isEqualTo(2);
            });
  }

  @Test
  void finishClearsStateSoTheEngineCanBeFedAgain() {
    Feeder f = new Feeder(counting(lt(3)));
    f.match("base", 0, "Host", "a").finish();
    assertThat(f.engine.stats().groupsLive()).isZero();
    f.finish();
    assertThat(f.hits).hasSize(1);
  }
}
