package dev.kasa.cli.filter;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The filters asked for, as given. Sigma filters (level, tags, status, rule ids) apply to rule
 * matches and correlations, indicator filters (confidence, age) to indicator hits, the time window
 * to every finding.
 *
 * @param minLevel the least Sigma level reported, or null
 * @param includeTags tags of which a Sigma finding must have one (or one under it), lower-cased
 * @param excludeTags tags none of which a Sigma finding may have, lower-cased
 * @param statuses rule statuses of which a Sigma finding must have one, lower-cased
 * @param excludeRules a file of rule ids to leave out, or null
 * @param from the earliest event time reported, or null
 * @param to the latest event time reported, or null
 * @param minConfidence the least indicator confidence, or -1 for no minimum
 * @param maxAge the oldest indicator version reported, or null
 */
public record FilterSpec(
    SigmaLevel minLevel,
    List<String> includeTags,
    List<String> excludeTags,
    List<String> statuses,
    Path excludeRules,
    Instant from,
    Instant to,
    int minConfidence,
    Duration maxAge) {
  /** No filter: every finding is reported. */
  public static final FilterSpec NONE =
      new FilterSpec(null, List.of(), List.of(), List.of(), null, null, null, -1, null);

  public FilterSpec {
    includeTags = lower(includeTags);
    excludeTags = lower(excludeTags);
    statuses = lower(statuses);
    if (minConfidence < -1 || minConfidence > 100) {
      throw new IllegalArgumentException("confidence must be -1 or 0..100, got " + minConfidence);
    }
  }

  private static List<String> lower(List<String> values) {
    return values.stream().map(v -> v.strip().toLowerCase(Locale.ROOT)).toList();
  }

  /** Whether any filter is given. */
  public boolean any() {
    return minLevel != null
        || !includeTags.isEmpty()
        || !excludeTags.isEmpty()
        || !statuses.isEmpty()
        || excludeRules != null
        || from != null
        || to != null
        || minConfidence >= 0
        || maxAge != null;
  }

  /** Whether the time window is given. */
  boolean window() {
    return from != null || to != null;
  }
}
