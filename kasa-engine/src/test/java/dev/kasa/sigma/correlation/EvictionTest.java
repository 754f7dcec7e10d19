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
  }
}
