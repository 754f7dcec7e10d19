package dev.kasa.sigma.correlation;

import static dev.kasa.sigma.correlation.Fixtures.correlation;
import static dev.kasa.sigma.correlation.Fixtures.gte;
import static dev.kasa.sigma.correlation.Fixtures.min;
import static dev.kasa.sigma.rule.SigmaCorrelation.CorrelationType.TEMPORAL;
import static dev.kasa.sigma.rule.SigmaCorrelation.CorrelationType.TEMPORAL_ORDERED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.sigma.correlation.Fixtures.Feeder;
import dev.kasa.sigma.rule.SigmaCorrelation;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TemporalTest {
  private static final SigmaCorrelation RECON =
      correlation(TEMPORAL)
          .rules("recon_a", "recon_b", "recon_c")
          .groupBy("Host", "User")
          .timespan(Duration.ofMinutes(5))
          .build();

  private static final SigmaCorrelation ORDERED =
      correlation(TEMPORAL_ORDERED).rules("a", "b", "c").groupBy("User").build();

  @Test
  void temporalNeedsEveryRuleInAnyOrder() {
    Feeder f =
        new Feeder(RECON)
            .match("recon_c", min(0), "Host", "h", "User", "u")
            .match("recon_a", min(1), "Host", "h", "User", "u")
            .match("recon_a", min(2), "Host", "h", "User", "u");
    assertThat(f.hits).isEmpty();
    f.match("recon_b", min(3), "Host", "h", "User", "u");
    assertThat(f.hits)
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.value()).isEqualTo(3);
              assertThat(h.events()).hasSize(4);
            });
  }

  @Test
  void temporalEventsMustShareTheGroup() {
    Feeder f =
        new Feeder(RECON)
            .match("recon_a", min(0), "Host", "h", "User", "u")
            .match("recon_b", min(0), "Host", "h", "User", "v")
            .match("recon_c", min(0), "Host", "g", "User", "u")
            .finish();
    assertThat(f.hits).isEmpty();
  }

  @Test
  void temporalEventsMustFallWithinTheTimespan() {
    Feeder f =
        new Feeder(RECON)
            .match("recon_a", min(0), "Host", "h", "User", "u")
            .match("recon_b", min(3), "Host", "h", "User", "u")
            .match("recon_c", min(6), "Host", "h", "User", "u");
    assertThat(f.hits).isEmpty();
    f.match("recon_a", min(7), "Host", "h", "User", "u");
    assertThat(f.hits).singleElement().extracting(CorrelationHit::firstMillis).isEqualTo(min(3));
  }

  @Test
  void temporalConditionCountsDistinctRules() {
    SigmaCorrelation twoOfThree =
        correlation(TEMPORAL).rules("x", "y", "z").condition(gte(2)).build();
    Feeder f = new Feeder(twoOfThree).match("x", 0).match("x", 1);
    assertThat(f.hits).isEmpty();
    f.match("z", 2);
    assertThat(f.hits).singleElement().extracting(CorrelationHit::value).isEqualTo(2.0);
  }

  @Test
  void orderedFiresWhenRulesFollowTheListedOrder() {
    Feeder f =
        new Feeder(ORDERED)
            .match("b", min(0), "User", "u") // before any a: no use
            .match("a", min(1), "User", "u")
            .match("c", min(2), "User", "u") // c before b: not yet
            .match("b", min(3), "User", "u");
    assertThat(f.hits).isEmpty();
    f.match("c", min(4), "User", "u");
    assertThat(f.hits)
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.value()).isEqualTo(3);
              assertThat(h.firstMillis()).isZero();
              assertThat(h.lastMillis()).isEqualTo(min(4));
            });
  }

  @Test
  void orderedDoesNotFireOnAnyOtherOrder() {
    String[][] wrong = {{"c", "b", "a"}, {"b", "a", "c"}, {"a", "c", "b"}, {"c", "a", "b"}};
    for (String[] order : wrong) {
      Feeder f = new Feeder(ORDERED);
      for (int i = 0; i < order.length; i++) {
        f.match(order[i], min(i), "User", "u");
      }
      f.finish();
      assertThat(f.hits).as(String.join(",", order)).isEmpty();
    }
  }

  @Test
  void orderIsByEventTimeNotArrival() {
    Feeder f =
        new Feeder(ORDERED)
            .match("c", min(3), "User", "u")
            .match("a", min(1), "User", "u")
            .match("b", min(2), "User", "u");
    assertThat(f.hits).hasSize(1);
  }

  @Test
  void equalTimesCountAsInOrder() {
    Feeder f =
        new Feeder(ORDERED)
            .match("c", min(1), "User", "u")
            .match("b", min(1), "User", "u")
            .match("a", min(1), "User", "u");
    assertThat(f.hits).hasSize(1);
  }

  @Test
  void orderedPartialConditionCountsTheInOrderPrefix() {
    SigmaCorrelation firstTwo =
        correlation(TEMPORAL_ORDERED).rules("a", "b", "c").condition(gte(2)).build();
    Feeder f = new Feeder(firstTwo).match("b", 0).match("c", 1);
    assertThat(f.hits).as("b and c without a are not a prefix").isEmpty();
    f.match("a", 2).match("b", 3);
    assertThat(f.hits).singleElement().extracting(CorrelationHit::value).isEqualTo(2.0);
  }
}
