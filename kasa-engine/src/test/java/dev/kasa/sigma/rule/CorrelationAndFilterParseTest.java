package dev.kasa.sigma.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.Location.FilePosition;
import dev.kasa.Problem;
import dev.kasa.Problems;
import dev.kasa.sigma.rule.SigmaCorrelation.CorrelationType;
import dev.kasa.sigma.rule.SigmaCorrelation.Threshold;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorrelationAndFilterParseTest {
  private static SigmaCorrelation correlation(String body) {
    ParseResult r = SigmaParser.parse("title: C\nid: c1\ncorrelation:\n" + body, "c.yml");
    assertThat(r.problems()).isEmpty();
    return (SigmaCorrelation) r.documents().get(0);
  }

  private static List<Problem> problems(String body) {
    ParseResult r = SigmaParser.parse("title: C\nid: c1\ncorrelation:\n" + body, "c.yml");
    assertThat(r.documents()).isEmpty();
    return r.problems();
  }

  @Test
  void eventCountWithEverything() {
    SigmaCorrelation c =
        correlation(
            """
              type: event_count
              rules:
                - failed_login
              group-by:
                - User
                - Host
              timespan: 10m
              condition:
                gte: 10
                lt: 20
              generate: true
            """);
    assertThat(c.type()).isEqualTo(CorrelationType.EVENT_COUNT);
    assertThat(c.rules()).containsExactly("failed_login");
    assertThat(c.groupBy()).containsExactly("User", "Host");
    assertThat(c.timespan()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.condition()).isEqualTo(new Threshold(null, 10.0, 20.0, null, null, null, null));
    assertThat(c.generate()).isTrue();
    assertThat(c.field()).isNull();
  }

  @Test
  void temporalDefaultsToEveryRuleSeenAndTakesSingleStrings() {
    SigmaCorrelation c =
        correlation("  type: temporal\n  rules: [a, b, c]\n  group-by: User\n  timespan: 2h\n");
    assertThat(c.condition().gte()).isEqualTo(3.0);
    assertThat(c.groupBy()).containsExactly("User");
    assertThat(c.generate()).isFalse();
    assertThat(c.timespan()).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void valueTypesNeedAField() {
    SigmaCorrelation c =
        correlation(
            "  type: value_count\n"
                + "  rules: a\n"
                + "  timespan: 1d\n"
                + "  condition:\n"
                + "    field: User\n"
                + "    gt: 3\n");
    assertThat(c.field()).isEqualTo("User");
    assertThat(c.rules()).containsExactly("a");
    assertThat(problems("  type: value_sum\n  rules: a\n  timespan: 1d\n  condition:\n    gt: 3\n"))
        .extracting(Problem::message)
        .containsExactly("value_sum needs condition.field");
  }

  @Test
  void percentileIsReadForValuePercentileOnly() {
    SigmaCorrelation c =
        correlation(
            "  type: value_percentile\n  rules: a\n  timespan: 1d\n  condition:\n"
                + "    field: image\n    percentile: 95\n    lte: 1\n");
    assertThat(c.condition().percentile()).isEqualTo(95.0);
    assertThat(
            problems(
                "  type: event_count\n"
                    + "  rules: a\n"
                    + "  timespan: 1d\n"
                    + "  condition:\n"
                    + "    percentile: 5\n"
                    + "    gt: 1\n"))
        .extracting(p -> p.code().label())
        .containsExactly("bad-correlation");
  }

  @Test
  void aliasesMapAliasToRuleToField() {
    SigmaCorrelation c =
        correlation(
            """
              type: temporal
              rules: [internal_error, new_conn]
              group-by: [ip]
              timespan: 10s
              aliases:
                ip:
                  internal_error: destination.ip
                  new_conn: source.ip
            """);
    assertThat(c.aliases())
        .isEqualTo(
            Map.of("ip", Map.of("internal_error", "destination.ip", "new_conn", "source.ip")));
  }

  @Test
  void badTimespanTypeAndConditionAreAllReported() {
    List<Problem> ps =
        problems("  type: event_cnt\n  rules: a\n  timespan: 1w\n  condition:\n    gte: many\n");
    assertThat(ps).extracting(p -> p.code().label()).containsOnly("bad-correlation");
    assertThat(ps)
        .extracting(Problem::message)
        .anyMatch(m -> m.contains("'event_cnt'"))
        .anyMatch(m -> m.contains("'1w'"));
    assertThat(Problems.position(ps.get(0))).isEqualTo(new FilePosition("c.yml", 4, 9));
  }

  @Test
  void countTypesNeedACondition() {
    assertThat(problems("  type: event_count\n  rules: a\n  timespan: 1m\n"))
        .extracting(Problem::message)
        .containsExactly("event_count needs a condition");
  }

  @Test
  void filterHasRulesLogsourceAndADetection() {
    ParseResult r =
        SigmaParser.parse(
            """
            title: Admins
            logsource:
              category: process_creation
            filter:
              rules:
                - 6f3e2987-db24-4c78-a860-b4f4095a7095
              selection:
                User|startswith: adm_
              condition: not selection
            """,
            "f.yml");
    assertThat(r.problems()).isEmpty();
    SigmaFilter f = (SigmaFilter) r.documents().get(0);
    assertThat(f.rules()).containsExactly("6f3e2987-db24-4c78-a860-b4f4095a7095");
    assertThat(f.detection().searches()).containsOnlyKeys("selection");
    assertThat(f.detection().condition())
        .isEqualTo(new Condition.Not(new Condition.Ref("selection")));
    assertThat(f.logsource().category()).isEqualTo("process_creation");
  }

  @Test
  void filterWithoutRulesOrLogsourceIsBad() {
    ParseResult r = SigmaParser.parse("title: F\nfilter:\n  sel: a\n  condition: sel\n", "f.yml");
    assertThat(r.documents()).isEmpty();
    assertThat(r.problems())
        .extracting(p -> p.code().label())
        .containsExactlyInAnyOrder("missing-logsource", "bad-filter");
  }
}
