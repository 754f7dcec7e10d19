package dev.kasa.sigma.correlation;

import static dev.kasa.sigma.correlation.Fixtures.correlation;
import static dev.kasa.sigma.correlation.Fixtures.gte;
import static dev.kasa.sigma.rule.SigmaCorrelation.CorrelationType.TEMPORAL;
import static dev.kasa.sigma.rule.SigmaCorrelation.CorrelationType.VALUE_COUNT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.sigma.correlation.Fixtures.Feeder;
import dev.kasa.sigma.rule.SigmaCorrelation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The specification's field name aliases example. */
class AliasTest {
  private static final SigmaCorrelation SPEC_EXAMPLE =
      correlation(TEMPORAL)
          .rules("internal_error", "new_network_connection")
          .groupBy("internal_ip", "remote_ip")
          .timespan(Duration.ofSeconds(10))
          .alias("internal_ip", "internal_error", "destination.ip")
          .alias("internal_ip", "new_network_connection", "source.ip")
          .alias("remote_ip", "internal_error", "source.ip")
          .alias("remote_ip", "new_network_connection", "destination.ip")
          .build();

  @Test
  void aliasesMapEachRulesFieldToTheSharedGroup() {
    Feeder f =
        new Feeder(SPEC_EXAMPLE)
            .match(
                "e1",
                "internal_error",
                1000,
                "destination.ip",
                "10.0.0.5",
                "source.ip",
                "203.0.113.9")
            .match(
                "n1",
                "new_network_connection",
                5000,
                "source.ip",
                "10.0.0.5",
                "destination.ip",
                "203.0.113.9");
    assertThat(f.hits)
        .singleElement()
        .extracting(CorrelationHit::group)
        .isEqualTo(Map.of("internal_ip", "10.0.0.5", "remote_ip", "203.0.113.9"));
  }

  @Test
  void sameFieldNamesWithoutTheAliasMappingDoNotGroup() {
    Feeder f =
        new Feeder(SPEC_EXAMPLE)
            .match(
                "e1",
                "internal_error",
                1000,
                "destination.ip",
                "10.0.0.5",
                "source.ip",
                "203.0.113.9")
            .match(
                "n1",
                "new_network_connection",
                5000, // reversed direction: not the same pair
                "source.ip",
                "203.0.113.9",
                "destination.ip",
                "10.0.0.5")
            .finish();
    assertThat(f.hits).isEmpty();
  }

  @Test
  void fieldsNeededResolvesAliasesPerRule() {
    CorrelationEngine engine =
        CorrelationEngine.create(List.of(SPEC_EXAMPLE), CorrelationEngine.Limits.defaults());
    assertThat(engine.fieldsNeeded("internal_error"))
        .containsExactlyInAnyOrder("destination.ip", "source.ip");
    assertThat(engine.fieldsNeeded("new_network_connection"))
        .containsExactlyInAnyOrder("source.ip", "destination.ip");
    assertThat(engine.fieldsNeeded("unrelated")).isEmpty();
  }

  @Test
  void fieldsNeededIncludesValueFieldAndPlainGroupFields() {
    SigmaCorrelation c =
        correlation(VALUE_COUNT)
            .rules("logon")
            .groupBy("Computer", "src")
            .alias("src", "other_rule", "SourceIp")
            .field("TargetUserName")
            .condition(gte(5))
            .build();
    CorrelationEngine engine =
        CorrelationEngine.create(List.of(c), CorrelationEngine.Limits.defaults());
    // "src" has no entry for "logon": the alias name itself, and every field it may stand for.
    assertThat(engine.fieldsNeeded("logon"))
        .containsExactlyInAnyOrder("Computer", "src", "SourceIp", "TargetUserName");
  }

  @Test
  void aliasKeyedByTheMatchNameAppliesWhenTheRuleIsReferredToById() {
    SigmaCorrelation c =
        correlation(TEMPORAL)
            .rules("uuid-a", "b")
            .groupBy("ip")
            .alias("ip", "rule_a", "src")
            .alias("ip", "b", "dst")
            .build();
    Feeder f =
        new Feeder(c)
            .match("uuid-a", "rule_a", 0, "src", "1.2.3.4")
            .match("uuid-b", "b", 1, "dst", "1.2.3.4");
    assertThat(f.hits).hasSize(1);
  }
}
