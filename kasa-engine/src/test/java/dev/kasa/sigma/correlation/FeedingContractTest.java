package dev.kasa.sigma.correlation;

import static dev.kasa.sigma.correlation.Fixtures.correlation;
import static dev.kasa.sigma.correlation.Fixtures.gte;
import static dev.kasa.sigma.correlation.Fixtures.lt;
import static dev.kasa.sigma.correlation.Fixtures.min;
import static dev.kasa.sigma.rule.SigmaCorrelation.CorrelationType.EVENT_COUNT;
import static dev.kasa.sigma.rule.SigmaCorrelation.CorrelationType.VALUE_COUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kasa.EventRef;
import dev.kasa.sigma.correlation.CorrelationEngine.Limits;
import dev.kasa.sigma.correlation.Fixtures.Feeder;
import dev.kasa.sigma.rule.SigmaCorrelation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What callers rely on: when fields are read, when idle groups go, argument checks. */
class FeedingContractTest {
  @Test
  void fieldsAreOnlyReadDuringOnMatch() {
    SigmaCorrelation distinctUsers =
        correlation(VALUE_COUNT)
            .rules("base")
            .groupBy("Host")
            .field("User")
            .condition(lt(3))
            .build();
    CorrelationEngine engine = CorrelationEngine.create(List.of(distinctUsers), Limits.defaults());
    boolean[] inside = new boolean[1];
    List<CorrelationHit> hits = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String user = "u" + (i % 2);
      FieldLookup fields =
          f -> {
            assertThat(inside[0]).as("lookup of %s outside onMatch", f).isTrue();
            return f.equals("Host") ? "h" : user;
          };
      inside[0] = true;
      engine.onMatch("base", null, new EventRef("f", i + 1, min(i)), fields, hits::add);
      inside[0] = false;
    }
    engine.finish(hits::add);
    assertThat(hits).singleElement().extracting(CorrelationHit::value).isEqualTo(2.0);
  }

  @Test
  void groupsOfCorrelationsNoLongerFedExpireAsEventTimeMovesOn() {
    SigmaCorrelation quietA =
        correlation(EVENT_COUNT).rules("a").groupBy("Host").condition(gte(2)).build();
    SigmaCorrelation busyB =
        correlation(EVENT_COUNT).rules("b").groupBy("Host").condition(gte(1_000)).build();
    Feeder f = new Feeder(quietA, busyB).match("a", 0, "Host", "h");
    for (int i = 0; i < 5_000; i++) {
      f.match("b", min(60) + i, "Host", "h");
    }
    assertThat(f.engine.stats().groupsLive()).as("only b's group is left").isEqualTo(1);
    assertThat(f.engine.stats().groupsExpired()).isEqualTo(1);
    f.match("a", min(60), "Host", "h");
    assertThat(f.hits)
        .as("a's first match has expired")
        .extracting(CorrelationHit::correlation)
        .doesNotContain(quietA);
  }

  @Test
  void argumentsAreChecked() {
    CorrelationEngine engine = CorrelationEngine.create(List.of(), Limits.defaults());
    EventRef ref = new EventRef("f", 1, 0);
    assertThatThrownBy(() -> engine.onMatch("a", null, null, f -> null, h -> {}))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("event");
    assertThatThrownBy(() -> engine.onMatch("a", null, ref, null, h -> {})).hasMessage("fields");
    assertThatThrownBy(() -> engine.onMatch("a", null, ref, f -> null, null)).hasMessage("sink");
    assertThatThrownBy(() -> CorrelationEngine.create(List.of(), null)).hasMessage("limits");
    assertThat(engine.fieldsNeeded("a")).isEmpty();
    assertThat(engine.isReferenced(null)).isFalse();
  }
}
