package dev.kasa.node.alert;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The priority rule of issue 13 against a literal reading of it. */
class PriorityProperties {
  @Property
  void anIndicatorsPriorityIsItsBandRaisedByCriticalityAndStateSponsorship(
      @ForAll @IntRange(min = -1, max = 100) int confidence,
      @ForAll @IntRange(min = 0, max = 5) int criticality,
      @ForAll boolean stateSponsored) {
    int band = confidence < 0 ? 1 : confidence <= 29 ? 0 : confidence <= 69 ? 1 : 2;
    int expected = Math.min(3, band + (criticality >= 4 ? 1 : 0) + (stateSponsored ? 1 : 0));
    assertThat(Priority.ofConfidence(confidence).raised(criticality, stateSponsored).ordinal())
        .isEqualTo(expected);
  }

  @Property
  void aRulesPriorityIsItsLevelRaisedAndNeverAboveCritical(
      @ForAll("levels") String level,
      @ForAll @IntRange(min = 0, max = 5) int criticality,
      @ForAll boolean stateSponsored) {
    Priority base = Priority.ofLevel(level);
    Priority got = base.raised(criticality, stateSponsored);
    int steps = (criticality >= 4 ? 1 : 0) + (stateSponsored ? 1 : 0);
    assertThat(got.ordinal()).isEqualTo(Math.min(3, base.ordinal() + steps));
    assertThat(got).isGreaterThanOrEqualTo(base);
  }

  @Provide
  Arbitrary<String> levels() {
    return Arbitraries.of(
        "informational", "low", "medium", "high", "critical", "HIGH", "bogus", null);
  }

  @Example
  void theLevelsAndBandsAsTheIssueNamesThem() {
    assertThat(Priority.ofLevel("informational")).isEqualTo(Priority.LOW);
    assertThat(Priority.ofLevel("critical")).isEqualTo(Priority.CRITICAL);
    assertThat(Priority.ofConfidence(29)).isEqualTo(Priority.LOW);
    assertThat(Priority.ofConfidence(30)).isEqualTo(Priority.MEDIUM);
    assertThat(Priority.ofConfidence(69)).isEqualTo(Priority.MEDIUM);
    assertThat(Priority.ofConfidence(70)).isEqualTo(Priority.HIGH);
    assertThat(Priority.ofConfidence(-1)).isEqualTo(Priority.MEDIUM);
    assertThat(Priority.HIGH.raised(4, true)).isEqualTo(Priority.CRITICAL);
    assertThat(Priority.LOW.raised(3, false)).isEqualTo(Priority.LOW);
  }
}
