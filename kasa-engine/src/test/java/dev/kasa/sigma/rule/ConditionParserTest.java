package dev.kasa.sigma.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.ErrorCode;
import dev.kasa.sigma.rule.Condition.AllOf;
import dev.kasa.sigma.rule.Condition.And;
import dev.kasa.sigma.rule.Condition.Not;
import dev.kasa.sigma.rule.Condition.OneOf;
import dev.kasa.sigma.rule.Condition.Or;
import dev.kasa.sigma.rule.Condition.Ref;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionParserTest {
  private static final List<String> NAMES =
      List.of("selection_a", "selection_b", "filter_main", "_hidden", "kw");

  private static Condition ok(String text) {
    ConditionParser.Result r = ConditionParser.parse(text, NAMES);
    assertThat(r.errors()).isEmpty();
    return r.condition();
  }

  private static ConditionParser.Error error(String text) {
    ConditionParser.Result r = ConditionParser.parse(text, NAMES);
    assertThat(r.condition()).isNull();
    assertThat(r.errors()).isNotEmpty();
    return r.errors().get(0);
  }

  @Test
  void andBindsTighterThanOrAndNotTighterThanAnd() {
    assertThat(ok("kw or selection_a and not filter_main"))
        .isEqualTo(
            new Or(
                List.of(
                    new Ref("kw"),
                    new And(List.of(new Ref("selection_a"), new Not(new Ref("filter_main")))))));
  }

  @Test
  void bracketsGroup() {
    assertThat(ok("not (kw or filter_main)"))
        .isEqualTo(new Not(new Or(List.of(new Ref("kw"), new Ref("filter_main")))));
    assertThat(ok("((kw))")).isEqualTo(new Ref("kw"));
  }

  @Test
  void quantifiersResolvePatternsAndThem() {
    assertThat(ok("1 of selection_*"))
        .isEqualTo(new OneOf("selection_*", List.of("selection_a", "selection_b")));
    assertThat(ok("all of them"))
        .isEqualTo(new AllOf("them", List.of("selection_a", "selection_b", "filter_main", "kw")));
    assertThat(ok("1 of _*")).isEqualTo(new OneOf("_*", List.of("_hidden")));
    assertThat(ok("all of selection_* and not 1 of filter*"))
        .isEqualTo(
            new And(
                List.of(
                    new AllOf("selection_*", List.of("selection_a", "selection_b")),
                    new Not(new OneOf("filter*", List.of("filter_main"))))));
  }

  @Test
  void unknownNamesAndEmptyPatternsNameTheCulpritAndItsOffset() {
    ConditionParser.Error e = error("kw and nosuch");
    assertThat(e)
        .isEqualTo(
            new ConditionParser.Error(
                7, ErrorCode.BAD_CONDITION, "unknown search identifier 'nosuch'"));
    assertThat(error("1 of x*").message()).contains("'x*'");
    assertThat(error("1 of x*").offset()).isEqualTo(5);
    assertThat(error("sel*").message()).contains("outside");
  }

  @Test
  void syntaxErrorsAreReported() {
    assertThat(error("(kw").message()).contains("missing ')'");
    assertThat(error("kw)").message()).contains("unbalanced");
    assertThat(error("kw and").message()).contains("ends");
    assertThat(error("").message()).isEqualTo("empty condition");
    assertThat(error("kw AND kw").message()).contains("must be lowercase");
    assertThat(error("any of them").message()).contains("'any of' is not Sigma");
    assertThat(error("2 of them").message()).contains("'2 of' is not Sigma");
    assertThat(error("1 of").message()).contains("ends");
    assertThat(error("1 kw").message()).contains("expected 'of'");
  }

  @Test
  void sigmaOneAggregationsAreDeprecated() {
    ConditionParser.Error e = error("kw | count(x) by y > 5");
    assertThat(e.code().label()).isEqualTo("deprecated-aggregation");
    assertThat(e.offset()).isEqualTo(3);
    assertThat(error("kw near filter_main").code().label()).isEqualTo("deprecated-aggregation");
  }

  @Test
  void deepNestingIsRejectedNotOverflowed() {
    String deep = "(".repeat(1000) + "kw" + ")".repeat(1000);
    assertThat(error(deep).message()).contains("nested deeper");
    assertThat(error("not ".repeat(1000) + "kw").message()).contains("nested deeper");
  }

  @Test
  void globMatchesStarsAnywhere() {
    assertThat(ConditionParser.globMatches("*_a", "selection_a")).isTrue();
    assertThat(ConditionParser.globMatches("s*c*_*", "selection_a")).isTrue();
    assertThat(ConditionParser.globMatches("sel", "selection_a")).isFalse();
    assertThat(ConditionParser.globMatches("*", "")).isTrue();
  }
}
