package dev.kasa.sigma.correlation;

import static dev.kasa.sigma.correlation.Fixtures.correlation;
import static dev.kasa.sigma.correlation.Fixtures.gte;
import static dev.kasa.sigma.correlation.Fixtures.lt;
import static dev.kasa.sigma.rule.SigmaCorrelation.CorrelationType.EVENT_COUNT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.sigma.correlation.CorrelationEngine.Limits;
import dev.kasa.sigma.correlation.Fixtures.Feeder;
import dev.kasa.sigma.rule.SigmaCorrelation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Groups evicted at the group limit are never lost silently. */
class EvictionTest {
  private static final SigmaCorrelation RARE_LOGON =
      correlation(EVENT_COUNT).id("rare").rules("base").groupBy("User").condition(lt(2)).build();

  @Test
  void anAtCloseGroupThatQualifiesWhenEvictedStillFires() {
    CorrelationEngine engine = CorrelationEngine.create(List.of(RARE_LOGON), new Limits(4, 10));
    Feeder f = new Feeder(engine);
    for (int i = 0; i < 10; i++) {
      f.match("base", 1_000 + i, "User", "u" + i); // ten users, one logon each, one window
    }
    f.finish();
    assertThat(engine.stats().groupsEvicted()).isEqualTo(6);
    assertThat(f.hits)
        .as("every group qualified (one logon, fewer than two): the six evicted ones too")
        .hasSize(10);
    assertThat(f.hits.stream().filter(CorrelationHit::evicted))
        .as("the evicted ones are marked: their windows were cut short")
        .extracting(h -> h.group().get("User"))
        .containsExactly("u0", "u1", "u2", "u3", "u4", "u5");
    assertThat(engine.evictions())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.correlation()).isSameAs(RARE_LOGON);
              assertThat(e.groups()).isEqualTo(6);
              assertThat(e.fired()).isEqualTo(6);
            });
  }

  @Test
  void anAtCloseGroupThatDoesNotQualifyWhenEvictedIsCountedWithoutFiring() {
    CorrelationEngine engine = CorrelationEngine.create(List.of(RARE_LOGON), new Limits(1, 10));
    Feeder f = new Feeder(engine);
    f.match("base", 1, "User", "a").match("base", 2, "User", "a"); // two: not fewer than two
    f.match("base", 3, "User", "b").finish();
    assertThat(f.hits).extracting(h -> h.group().get("User")).containsExactly("b");
    assertThat(engine.evictions())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.groups()).isEqualTo(1);
              assertThat(e.fired()).isZero();
            });
  }

  @Test
  void anEagerGroupEvictedBeforeItQualifiesIsCounted() {
    SigmaCorrelation three =
        correlation(EVENT_COUNT)
            .id("three")
            .rules("base")
            .groupBy("User")
            .condition(gte(3))
            .build();
    CorrelationEngine engine = CorrelationEngine.create(List.of(three), new Limits(2, 10));
    Feeder f = new Feeder(engine);
    f.match("base", 1, "User", "a").match("base", 2, "User", "b").match("base", 3, "User", "c");
    f.finish();
    assertThat(f.hits).isEmpty();
    assertThat(engine.stats().groupsEvicted()).isEqualTo(1);
    assertThat(engine.evictions())
        .singleElement()
        .satisfies(e -> assertThat(e.fired()).as("eager groups fire when they qualify").isZero());
  }

  @Test
  void evictedHitsFeedTheCorrelationsThatReferToThem() {
    SigmaCorrelation rare =
        correlation(EVENT_COUNT)
            .id("rare")
            .name("rare")
            .rules("base")
            .groupBy("User")
            .condition(lt(2))
            .build();
    SigmaCorrelation outer =
        correlation(EVENT_COUNT).id("outer").rules("rare").condition(gte(3)).build();
    CorrelationEngine engine = CorrelationEngine.create(List.of(rare, outer), new Limits(2, 10));
    Feeder f = new Feeder(engine);
    for (int i = 0; i < 5; i++) {
      f.match("base", 1_000 + i, "User", "u" + i);
    }
    f.finish();
    assertThat(f.hits).extracting(h -> h.correlation().info().id()).contains("outer");
  }
}
