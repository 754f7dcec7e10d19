package dev.kasa.sigma.rule;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A correlation document. Immutable.
 *
 * @param rules the rules (or correlations) it correlates, by id or name, in the order written
 * @param groupBy the fields (or alias names) events are grouped by; may be empty
 * @param timespan the window
 * @param aliases alias name to (rule id or name to that rule's field name)
 * @param field the field that {@code value_*} correlations aggregate, else null
 * @param condition the threshold (always present for count and value types; for {@code temporal*}
 *     it defaults to "every rule seen", i.e. {@code gte: rules.size()})
 * @param generate whether the referred rules also report their own hits
 */
public record SigmaCorrelation(
    RuleInfo info,
    CorrelationType type,
    List<String> rules,
    List<String> groupBy,
    Duration timespan,
    Map<String, Map<String, String>> aliases,
    String field,
    Threshold condition,
    boolean generate)
    implements SigmaDocument {
  public SigmaCorrelation {
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(type, "type");
    rules = List.copyOf(rules);
    groupBy = List.copyOf(groupBy);
    Objects.requireNonNull(timespan, "timespan");
    aliases = Map.copyOf(aliases);
    Objects.requireNonNull(condition, "condition");
  }

  /** The correlation types of the Sigma correlation specification. */
  public enum CorrelationType {
    EVENT_COUNT,
    VALUE_COUNT,
    TEMPORAL,
    TEMPORAL_ORDERED,
    VALUE_SUM,
    VALUE_AVG,
    VALUE_PERCENTILE
  }

  /**
   * The condition map: every bound present must hold (they are joined by AND). Null bounds are
   * absent. For {@code value_percentile}, {@code percentile} is the percentile asked for (0–100)
   * and the bounds apply to that percentile's value; it is null for other types.
   */
  public record Threshold(
      Double gt, Double gte, Double lt, Double lte, Double eq, Double neq, Double percentile) {
    /** True when {@code x} satisfies every bound present. */
    public boolean test(double x) {
      return (gt == null || x > gt)
          && (gte == null || x >= gte)
          && (lt == null || x < lt)
          && (lte == null || x <= lte)
          && (eq == null || x == eq)
          && (neq == null || x != neq);
    }
  }
}
