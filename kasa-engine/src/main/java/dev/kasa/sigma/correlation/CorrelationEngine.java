package dev.kasa.sigma.correlation;

import dev.kasa.EventRef;
import dev.kasa.Problem;
import dev.kasa.sigma.rule.SigmaCorrelation;
import java.util.List;
import java.util.Set;

/**
 * Runs Sigma correlation rules over the matches of the rules they refer to, on event time, with
 * memory bounded by {@link Limits}: one compiled {@link Correlations} and its {@link
 * CorrelationState} together, for a caller that never reloads its rules. Semantics (windows, modes,
 * out-of-order events, chaining) are documented in {@code docs/sigma-correlations.md}. Never reads
 * the wall clock.
 *
 * <p>Not thread-safe: feed it from one thread. Arguments are non-null unless stated.
 */
public final class CorrelationEngine {

  /**
   * Memory bounds. When a correlation has {@code maxGroupsPerCorrelation} live groups, a new group
   * evicts the least recently updated one (counted in {@link Stats#groupsEvicted} and per
   * correlation in {@link #evictions()}; an at-close window is evaluated first and fires, marked
   * {@link CorrelationHit#evicted()}, when its matches meet the condition); a group keeps at most
   * {@code maxEventsPerGroup} matches, dropping its oldest (counted in {@link
   * Stats#eventsDropped}); and over all correlations together at most {@code maxHeldTotal} groups
   * plus matches are held: above it, the group updated longest ago among all correlations is
   * evicted the same way (counted per correlation in {@link Eviction#groupsAtCap()}).
   */
  public record Limits(int maxGroupsPerCorrelation, int maxEventsPerGroup, long maxHeldTotal) {
    public Limits {
      if (maxGroupsPerCorrelation < 1) {
        throw new IllegalArgumentException(
            "maxGroupsPerCorrelation must be at least 1: " + maxGroupsPerCorrelation);
      }
      if (maxEventsPerGroup < 1) {
        throw new IllegalArgumentException(
            "maxEventsPerGroup must be at least 1: " + maxEventsPerGroup);
      }
      if (maxHeldTotal <= maxEventsPerGroup) {
        throw new IllegalArgumentException(
            "maxHeldTotal must hold at least one full group (more than maxEventsPerGroup "
                + maxEventsPerGroup
                + "): "
                + maxHeldTotal);
      }
    }

    /** These limits with the default global cap. */
    public Limits(int maxGroupsPerCorrelation, int maxEventsPerGroup) {
      this(
          maxGroupsPerCorrelation,
          maxEventsPerGroup,
          Math.max(DEFAULT_HELD_TOTAL, (long) maxEventsPerGroup + 1));
    }

    /** The default global cap: about 100 MB at some 100 bytes per held group or match. */
    public static final long DEFAULT_HELD_TOTAL = 1_000_000;

    /**
     * 4,096 groups per correlation and 1,000 matches per group (at about 70 bytes per kept match,
     * at most about 280 MB per correlation when every group is full), and 1,000,000 groups plus
     * matches over all correlations.
     */
    public static Limits defaults() {
      return new Limits(4_096, 1_000, DEFAULT_HELD_TOTAL);
    }
  }

  /**
   * Counters since creation.
   *
   * @param groupsLive groups holding state now, over all correlations
   * @param groupsEvicted groups dropped because a correlation reached its group limit
   * @param groupsExpired groups dropped (after evaluation when due) because their window passed
   * @param matchesWithoutTime matches of referenced rules without event time, ignored
   * @param lateMatches matches older than their group's window, ignored
   * @param matchesWithoutGroupValue matches lacking a {@code group-by} field, ignored
   * @param valuesIgnored matches whose {@code field} was missing or (for sums, averages and
   *     percentiles) not a number, ignored
   * @param eventsDropped matches dropped from a group that held {@code maxEventsPerGroup}
   * @param held groups plus matches held now, over all correlations (what {@code maxHeldTotal}
   *     bounds)
   * @param groupsDroppedOnReload groups of correlations that a rule reload removed or changed,
   *     dropped without being evaluated
   */
  public record Stats(
      long groupsLive,
      long groupsEvicted,
      long groupsExpired,
      long matchesWithoutTime,
      long lateMatches,
      long matchesWithoutGroupValue,
      long valuesIgnored,
      long eventsDropped,
      long held,
      long groupsDroppedOnReload) {}

  /**
   * The groups one correlation evicted at its group limit, and at the global cap.
   *
   * @param correlation the correlation
   * @param groups groups evicted at the correlation's group limit
   * @param fired of those, the at-close windows whose matches met the condition when evicted: they
   *     fired, marked {@link CorrelationHit#evicted()}; the others' matches were dropped
   * @param groupsAtCap groups evicted because all correlations together held {@code maxHeldTotal}
   * @param firedAtCap of those, the ones that fired when evicted
   */
  public record Eviction(
      SigmaCorrelation correlation, long groups, long fired, long groupsAtCap, long firedAtCap) {}

  private final Correlations correlations;
  private final CorrelationState state;

  private CorrelationEngine(Correlations correlations) {
    this.correlations = correlations;
    this.state = new CorrelationState(correlations);
  }

  /**
   * Builds an engine for {@code correlations}. A correlation that cannot run (missing {@code
   * field}, bad timespan or percentile, a count threshold above {@code maxEventsPerGroup}, part of
   * a reference cycle) is left out and reported in {@link #problems()}; the others still run.
   */
  public static CorrelationEngine create(List<SigmaCorrelation> correlations, Limits limits) {
    return new CorrelationEngine(Correlations.compile(correlations, limits));
  }

  /** The compiled correlations. */
  public Correlations correlations() {
    return correlations;
  }

  /** The correlations left out, with the reason; empty when all run. */
  public List<Problem> problems() {
    return correlations.problems();
  }

  /** See {@link Correlations#fieldsNeeded}. */
  public Set<String> fieldsNeeded(String ruleIdOrName) {
    return correlations.fieldsNeeded(ruleIdOrName);
  }

  /** True when a running correlation refers to {@code ruleIdOrName} (a rule or correlation). */
  public boolean isReferenced(String ruleIdOrName) {
    return correlations.isReferenced(ruleIdOrName);
  }

  /** See {@link Correlations#suppressesStandalone}. */
  public boolean suppressesStandalone(String ruleIdOrName) {
    return correlations.suppressesStandalone(ruleIdOrName);
  }

  /** See {@link CorrelationState#onMatch}. */
  public void onMatch(
      String ruleId, String ruleName, EventRef event, FieldLookup fields, CorrelationSink sink) {
    state.onMatch(ruleId, ruleName, event, fields, sink);
  }

  /** See {@link CorrelationState#advance}. */
  public void advance(long eventTimeMillis, CorrelationSink sink) {
    state.advance(eventTimeMillis, sink);
  }

  /** See {@link CorrelationState#finish}. */
  public void finish(CorrelationSink sink) {
    state.finish(sink);
  }

  /** The memory bounds this engine runs under. */
  public Limits limits() {
    return correlations.limits();
  }

  /** See {@link CorrelationState#evictions}. */
  public List<Eviction> evictions() {
    return state.evictions();
  }

  public Stats stats() {
    return state.stats();
  }
}
