package dev.kasa.regression;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One regression test in SigmaHQ's {@code regression_data} layout: an {@code info.yml} naming the
 * rule and a sample of events (the {@code .evtx}, or the evtx_dump JSON beside it). Immutable.
 *
 * @param info the {@code info.yml} it comes from
 * @param name the test's name
 * @param ruleId the id of the rule under test
 * @param ruleTitle the rule title given by the info file, or null
 * @param sample the sample file (resolved; it may not exist, which the run reports)
 * @param matchCount the least number of matches expected, or -1 when not given (then at least one)
 */
public record RegressionCase(
    Path info, String name, String ruleId, String ruleTitle, Path sample, int matchCount) {
  public RegressionCase {
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(ruleId, "ruleId of " + info);
    Objects.requireNonNull(sample, "sample of " + info);
  }

  /** The least number of matches that passes. */
  public int expectedAtLeast() {
    return matchCount < 0 ? 1 : matchCount;
  }
}
