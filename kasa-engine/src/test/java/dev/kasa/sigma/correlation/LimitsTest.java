package dev.kasa.sigma.correlation;

import static dev.kasa.sigma.correlation.Fixtures.correlation;
import static dev.kasa.sigma.correlation.Fixtures.gt;
import static dev.kasa.sigma.correlation.Fixtures.gte;
import static dev.kasa.sigma.correlation.Fixtures.lt;
import static dev.kasa.sigma.correlation.Fixtures.min;
import static dev.kasa.sigma.rule.SigmaCorrelation.CorrelationType.EVENT_COUNT;
import static dev.kasa.sigma.rule.SigmaCorrelation.CorrelationType.VALUE_PERCENTILE;
import static dev.kasa.sigma.rule.SigmaCorrelation.CorrelationType.VALUE_SUM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kasa.EventRef;
import dev.kasa.Problems;
import dev.kasa.sigma.correlation.CorrelationEngine.Limits;
import dev.kasa.sigma.correlation.Fixtures.Feeder;
import dev.kasa.sigma.rule.SigmaCorrelation;
import dev.kasa.sigma.rule.SigmaCorrelation.Threshold;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Memory bounds, events without or with disordered times, and correlations that cannot run. */
class LimitsTest {
  private static final SigmaCorrelation FIVE_PER_HOST =
      correlation(EVENT_COUNT).rules("base").groupBy("Host").condition(gte(5)).build();

  @Test
  void aMillionMatchesOverManyGroupsKeepStateBounded() {
    CorrelationEngine engine =
        CorrelationEngine.create(List.of(FIVE_PER_HOST), new Limits(1000, 50));
    String[] host = new String[1];
    FieldLookup fields = f -> host[0];
    int[] hits = new int[1];
    CorrelationSink sink = h -> hits[0]++;
    for (int i = 0; i < 1_000_000; i++) {
      host[0] = "h" + (i * 7919L % 200_000); // 200,000 hosts, each seen five times
      engine.onMatch("base", null, new EventRef("big.log", i + 1, i * 10L), fields, sink);
      if (i % 100_000 == 0) {
        assertThat(engine.stats().groupsLive()).isLessThanOrEqualTo(1000);
      }
    }
    CorrelationEngine.Stats stats = engine.stats();
    assertThat(stats.groupsLive()).isLessThanOrEqualTo(1000);
    assertThat(stats.groupsEvicted() + stats.groupsExpired()).isGreaterThan(190_000);
    // A host's five matches are 200,000 matches (2,000 s) apart: beyond the window, so no hit.
    assertThat(hits[0]).isZero();
  }

  @Test
  void theOldestGroupIsEvictedAtTheGroupLimit() {
    CorrelationEngine engine = CorrelationEngine.create(List.of(FIVE_PER_HOST), new Limits(2, 10));
    Feeder f = new Feeder(engine);
    for (int i = 0; i < 4; i++) {
      f.match("base", i, "Host", "a");
    }
    f.match("base", 5, "Host", "b").match("base", 6, "Host", "c"); // evicts a, the oldest
    f.match("base", 7, "Host", "a");
    assertThat(f.hits).as("a's first four matches were evicted").isEmpty();
    assertThat(engine.stats().groupsEvicted()).isEqualTo(2);
    assertThat(engine.stats().groupsLive()).isEqualTo(2);
  }

  @Test
  void aGroupKeepsAtMostMaxEventsPerGroup() {
    SigmaCorrelation sum =
        correlation(VALUE_SUM).rules("base").field("n").condition(gt(1000)).build();
    CorrelationEngine engine = CorrelationEngine.create(List.of(sum), new Limits(10, 3));
    Feeder f = new Feeder(engine);
    for (int i = 0; i < 5; i++) {
      f.match("base", i, "n", "300");
    }
    assertThat(f.hits).as("only three of 300 are kept: sum 900").isEmpty();
    assertThat(engine.stats().eventsDropped()).isEqualTo(2);
  }

  @Test
  void countsAboveTheEventLimitAreReportedAsProblems() {
    SigmaCorrelation many =
        correlation(EVENT_COUNT).name("many").rules("base").condition(gte(101)).build();
    CorrelationEngine engine =
        CorrelationEngine.create(List.of(many, FIVE_PER_HOST), new Limits(10, 100));
    assertThat(engine.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.code().label()).isEqualTo("limit-exceeded");
              assertThat(Problems.rule(p)).isEqualTo("many");
              assertThat(p.message()).contains("101", "100");
              assertThat(Problems.position(p)).hasToString("t.yml:1:1");
            });
    assertThat(engine.isReferenced("base")).as("the other correlation still runs").isTrue();
  }

  @Test
  void malformedCorrelationsAreReportedAndSkipped() {
    List<SigmaCorrelation> bad =
        List.of(
            correlation(VALUE_SUM).name("nofield").condition(gt(1)).build(),
            correlation(EVENT_COUNT).name("nocondition").build(),
            correlation(EVENT_COUNT).name("zero").timespan(Duration.ZERO).condition(gt(1)).build(),
            correlation(EVENT_COUNT).name("norules").rules().condition(gt(1)).build(),
            correlation(VALUE_PERCENTILE)
                .name("p")
                .field("n")
                .condition(new Threshold(1.0, null, null, null, null, null, 101.0))
                .build());
    CorrelationEngine engine = CorrelationEngine.create(bad, Limits.defaults());
    assertThat(engine.problems())
        .extracting(p -> p.code().label())
        .containsExactly(
            "missing-field", "missing-condition", "bad-timespan", "missing-rules", "bad-condition");
    assertThat(engine.isReferenced("base")).isFalse();
  }

  @Test
  void limitsMustBePositive() {
    assertThatThrownBy(() -> new Limits(0, 1))
        .hasMessageContaining("maxGroupsPerCorrelation")
        .hasMessageContaining("0");
    assertThatThrownBy(() -> new Limits(1, -2))
        .hasMessageContaining("maxEventsPerGroup")
        .hasMessageContaining("-2");
  }

  @Test
  void matchesWithoutTimeAreCountedNotCorrelated() {
    Feeder f = new Feeder(FIVE_PER_HOST);
    for (int i = 0; i < 10; i++) {
      f.match("base", EventRef.NO_TIME, "Host", "a");
    }
    f.match("unrelated", EventRef.NO_TIME, "Host", "a");
    f.finish();
    assertThat(f.hits).isEmpty();
    assertThat(f.engine.stats().matchesWithoutTime()).isEqualTo(10);
    assertThat(f.engine.stats().groupsLive()).isZero();
  }

  @Test
  void outOfOrderTimesWithinAWindowStillCount() {
    Feeder f = new Feeder(FIVE_PER_HOST);
    for (long m : new long[] {5, 1, 9, 3, 7}) {
      f.match("base", min(m), "Host", "a");
    }
    assertThat(f.hits)
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.firstMillis()).isEqualTo(min(1));
              assertThat(h.lastMillis()).isEqualTo(min(9));
              assertThat(h.events())
                  .extracting(EventRef::timeMillis)
                  .containsExactly(min(1), min(3), min(5), min(7), min(9));
            });
  }

  @Test
  void matchesOlderThanTheirGroupsWindowAreLate() {
    Feeder f = new Feeder(FIVE_PER_HOST).match("base", min(30), "Host", "a");
    for (int i = 0; i < 4; i++) {
      f.match("base", min(i), "Host", "a"); // more than ten minutes before 30
    }
    assertThat(f.hits).isEmpty();
    assertThat(f.engine.stats().lateMatches()).isEqualTo(4);
  }

  @Test
  void atCloseWindowsIgnoreMatchesBeforeTheirStart() {
    SigmaCorrelation few =
        correlation(EVENT_COUNT).rules("base").groupBy("Host").condition(lt(2)).build();
    Feeder f =
        new Feeder(few)
            .match("base", min(5), "Host", "a")
            .match("base", min(4), "Host", "a")
            .finish();
    assertThat(f.hits).singleElement().extracting(CorrelationHit::value).isEqualTo(1.0);
    assertThat(f.engine.stats().lateMatches()).isEqualTo(1);
  }

  @Test
  void extremeTimesDoNotOverflow() {
    Feeder f = new Feeder(FIVE_PER_HOST);
    for (int i = 0; i < 5; i++) {
      f.match("base", Long.MAX_VALUE - i, "Host", "a");
    }
    f.match("base", Long.MIN_VALUE + 1, "Host", "b");
    assertThat(f.hits).hasSize(1);
  }

  @Test
  void evidenceIsCappedAtMaxEvents() {
    SigmaCorrelation big = correlation(EVENT_COUNT).rules("base").condition(gte(250)).build();
    Feeder f = new Feeder(big);
    for (int i = 0; i < 250; i++) {
      f.match("base", i);
    }
    assertThat(f.hits)
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.value()).isEqualTo(250);
              assertThat(h.events()).hasSize(CorrelationHit.MAX_EVENTS);
              assertThat(h.events().get(0).sequence()).isEqualTo(1);
            });
  }
}
