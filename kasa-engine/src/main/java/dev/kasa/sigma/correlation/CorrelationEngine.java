package dev.kasa.sigma.correlation;

import dev.kasa.EventRef;
import dev.kasa.Problem;
import dev.kasa.sigma.rule.SigmaCorrelation;
import dev.kasa.sigma.rule.SigmaCorrelation.CorrelationType;
import dev.kasa.sigma.rule.SigmaCorrelation.Threshold;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Runs Sigma correlation rules over the matches of the rules they refer to, on event time, with
 * memory bounded by {@link Limits}. Semantics (windows, modes, out-of-order events, chaining) are
 * documented in {@code docs/sigma-correlations.md}. Never reads the wall clock.
 *
 * <p>Not thread-safe: feed it from one thread. Arguments are non-null unless stated.
 */
public final class CorrelationEngine {
  /**
   * How often (in matches) every correlation is swept for passed windows, not just the fed ones.
   */
  private static final int FULL_SWEEP_EVERY = 4096;

  /**
   * Memory bounds. When a correlation has {@code maxGroupsPerCorrelation} live groups, a new group
   * evicts the least recently updated one (counted in {@link Stats#groupsEvicted} and per
   * correlation in {@link #evictions()}; an at-close window is evaluated first and fires, marked
   * {@link CorrelationHit#evicted()}, when its matches meet the condition); a group keeps at most
   * {@code maxEventsPerGroup} matches, dropping its oldest (counted in {@link
   * Stats#eventsDropped}).
   */
  public record Limits(int maxGroupsPerCorrelation, int maxEventsPerGroup) {
    public Limits {
      if (maxGroupsPerCorrelation < 1) {
        throw new IllegalArgumentException(
            "maxGroupsPerCorrelation must be at least 1: " + maxGroupsPerCorrelation);
      }
      if (maxEventsPerGroup < 1) {
        throw new IllegalArgumentException(
            "maxEventsPerGroup must be at least 1: " + maxEventsPerGroup);
      }
    }

    /**
     * 4,096 groups per correlation and 1,000 matches per group: at about 70 bytes per kept match,
     * at most about 280 MB per correlation when every group is full.
     */
    public static Limits defaults() {
      return new Limits(4_096, 1_000);
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
   */
  public record Stats(
      long groupsLive,
      long groupsEvicted,
      long groupsExpired,
      long matchesWithoutTime,
      long lateMatches,
      long matchesWithoutGroupValue,
      long valuesIgnored,
      long eventsDropped) {}

  /**
   * The groups one correlation evicted at its group limit.
   *
   * @param correlation the correlation
   * @param groups groups evicted
   * @param fired of those, the at-close windows whose matches met the condition when evicted: they
   *     fired, marked {@link CorrelationHit#evicted()}; the others' matches were dropped
   */
  public record Eviction(SigmaCorrelation correlation, long groups, long fired) {}

  private record Target(CorrelationRun run, int rule) {}

  private final List<CorrelationRun> runs;
  private final Map<String, List<Target>> byReference = new HashMap<>();
  private final Map<String, Set<String>> fieldsNeeded = new HashMap<>();
  private final List<Problem> problems;
  private final Tally tally = new Tally();
  private final Limits limits;
  private long watermark = Long.MIN_VALUE;
  private long fed;

  private CorrelationEngine(
      List<SigmaCorrelation> ordered,
      Map<SigmaCorrelation, Threshold> thresholds,
      Limits limits,
      List<Problem> problems) {
    this.problems = List.copyOf(problems);
    this.limits = limits;
    List<CorrelationRun> built = new ArrayList<>();
    for (SigmaCorrelation c : ordered) {
      built.add(new CorrelationRun(c, thresholds.get(c), limits, tally));
    }
    this.runs = List.copyOf(built);
    for (CorrelationRun run : runs) {
      List<String> rules = run.correlation.rules();
      for (int i = 0; i < rules.size(); i++) {
        List<Target> targets = byReference.computeIfAbsent(rules.get(i), k -> new ArrayList<>(1));
        if (targets.stream().noneMatch(t -> t.run == run)) {
          targets.add(new Target(run, i));
        }
        Set<String> fields = fieldsNeeded.computeIfAbsent(rules.get(i), k -> new LinkedHashSet<>());
        addNeededFields(run.correlation, rules.get(i), fields);
      }
    }
    fieldsNeeded.replaceAll((k, v) -> Collections.unmodifiableSet(v));
  }

  /**
   * Builds an engine for {@code correlations}. A correlation that cannot run (missing {@code
   * field}, bad timespan or percentile, a count threshold above {@code maxEventsPerGroup}, part of
   * a reference cycle) is left out and reported in {@link #problems()}; the others still run.
   */
  public static CorrelationEngine create(List<SigmaCorrelation> correlations, Limits limits) {
    Objects.requireNonNull(limits, "limits");
    List<Problem> problems = new ArrayList<>();
    List<SigmaCorrelation> valid = new ArrayList<>();
    Map<SigmaCorrelation, Threshold> thresholds = new HashMap<>();
    for (SigmaCorrelation c : correlations) {
      Objects.requireNonNull(c, "correlation");
      Problem problem = CorrelationChecks.problem(c, limits);
      if (problem != null) {
        problems.add(problem);
      } else {
        valid.add(c);
        thresholds.put(c, CorrelationChecks.effectiveThreshold(c));
      }
    }
    List<SigmaCorrelation> ordered = CorrelationChecks.dependencyOrder(valid, problems);
    return new CorrelationEngine(ordered, thresholds, limits, problems);
  }

  /** The correlations left out, with the reason; empty when all run. */
  public List<Problem> problems() {
    return problems;
  }

  /**
   * The event fields {@link #onMatch} looks up for matches of {@code ruleIdOrName}: its {@code
   * group-by} fields after alias resolution and the {@code field} of {@code value_*} correlations.
   * Empty when no correlation refers to it. When an alias has no entry for this exact string (the
   * rule referred to by id, the alias written with its name), every field of that alias is listed.
   */
  public Set<String> fieldsNeeded(String ruleIdOrName) {
    return fieldsNeeded.getOrDefault(ruleIdOrName, Set.of());
  }

  /** True when a running correlation refers to {@code ruleIdOrName} (a rule or correlation). */
  public boolean isReferenced(String ruleIdOrName) {
    return ruleIdOrName != null && byReference.containsKey(ruleIdOrName);
  }

  /**
   * True when running correlations refer to {@code ruleIdOrName} and all of them say {@code
   * generate: false}: the spec then reports the referred rule only through the correlation.
   */
  public boolean suppressesStandalone(String ruleIdOrName) {
    List<Target> targets = ruleIdOrName == null ? null : byReference.get(ruleIdOrName);
    return targets != null && targets.stream().noneMatch(t -> t.run.correlation.generate());
  }

  /**
   * Feeds one match of a rule (or correlation) with this id and/or name; either may be null.
   * Matches of rules no correlation refers to are ignored. Hits that fire go to {@code sink}, and
   * to the correlations that refer to the one that fired.
   */
  public void onMatch(
      String ruleId, String ruleName, EventRef event, FieldLookup fields, CorrelationSink sink) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(fields, "fields");
    Objects.requireNonNull(sink, "sink");
    if (event.timeMillis() == EventRef.NO_TIME) {
      if (isReferenced(ruleId) || isReferenced(ruleName)) {
        tally.matchesWithoutTime++;
      }
      return;
    }
    deliver(ruleId, ruleName, event.timeMillis(), event.timeMillis(), event, null, fields, sink);
    if (++fed % FULL_SWEEP_EVERY == 0) {
      for (CorrelationRun run : runs) {
        run.sweep(watermark, hit -> emit(hit, sink));
      }
    }
  }

  /**
   * End of input: windows still open are evaluated now (so {@code lt}, {@code lte}, {@code eq},
   * {@code neq}, averages and percentiles can fire), then all state is dropped. The engine can be
   * fed again afterwards, as if new.
   */
  public void finish(CorrelationSink sink) {
    Objects.requireNonNull(sink, "sink");
    for (CorrelationRun run : runs) {
      run.finish(hit -> emit(hit, sink));
    }
    watermark = Long.MIN_VALUE;
  }

  /** The memory bounds this engine runs under. */
  public Limits limits() {
    return limits;
  }

  /** Per correlation that evicted groups at its group limit since creation, in run order. */
  public List<Eviction> evictions() {
    List<Eviction> out = new ArrayList<>();
    for (CorrelationRun run : runs) {
      if (run.evicted > 0) {
        out.add(new Eviction(run.correlation, run.evicted, run.firedOnEviction));
      }
    }
    return out;
  }

  public Stats stats() {
    long live = 0;
    for (CorrelationRun run : runs) {
      live += run.liveGroups();
    }
    return new Stats(
        live,
        tally.groupsEvicted,
        tally.groupsExpired,
        tally.matchesWithoutTime,
        tally.lateMatches,
        tally.matchesWithoutGroupValue,
        tally.valuesIgnored,
        tally.eventsDropped);
  }

  private void deliver(
      String id,
      String name,
      long time,
      long since,
      EventRef event,
      List<EventRef> chained,
      FieldLookup fields,
      CorrelationSink sink) {
    List<Target> byId = id == null ? null : byReference.get(id);
    List<Target> byName = name == null || name.equals(id) ? null : byReference.get(name);
    if (byId == null && byName == null) {
      return;
    }
    watermark = Math.max(watermark, time);
    if (byId != null) {
      for (Target t : byId) {
        feed(t, id, name, time, since, event, chained, fields, sink);
      }
    }
    if (byName != null) {
      for (Target t : byName) {
        if (byId == null || byId.stream().noneMatch(o -> o.run == t.run)) {
          feed(t, id, name, time, since, event, chained, fields, sink);
        }
      }
    }
  }

  private void feed(
      Target t,
      String id,
      String name,
      long time,
      long since,
      EventRef event,
      List<EventRef> chained,
      FieldLookup fields,
      CorrelationSink sink) {
    SigmaCorrelation c = t.run.correlation;
    String ref = c.rules().get(t.rule);
    List<String> groupBy = c.groupBy();
    String[] key = new String[groupBy.size()];
    for (int i = 0; i < key.length; i++) {
      key[i] = fields.value(resolve(c, groupBy.get(i), ref, id, name));
      if (key[i] == null) {
        tally.matchesWithoutGroupValue++;
        return;
      }
    }
    String text = null;
    double number = 0;
    if (CorrelationChecks.aggregatesField(c.type())) {
      String raw = fields.value(resolve(c, c.field(), ref, id, name));
      boolean missing;
      if (c.type() == CorrelationType.VALUE_COUNT) {
        text = raw;
        missing = raw == null;
      } else {
        number = CorrelationChecks.parseNumber(raw);
        missing = Double.isNaN(number);
      }
      if (missing) {
        tally.valuesIgnored++;
        return;
      }
    }
    Entry e =
        event == null
            ? new Entry(time, since, t.rule, text, number, null, 0, chained)
            : new Entry(time, since, t.rule, text, number, event.source(), event.sequence(), null);
    t.run.accept(List.of(key), e, watermark, hit -> emit(hit, sink));
  }

  /** A chained hit is a match of the correlation that fired, at its last time, with its group. */
  private void emit(CorrelationHit hit, CorrelationSink sink) {
    sink.hit(hit);
    var info = hit.correlation().info();
    deliver(
        info.id(),
        info.name(),
        hit.lastMillis(),
        hit.firstMillis(),
        null,
        hit.events(),
        hit.group()::get,
        sink);
  }

  /** The event field behind {@code name} for a match of the rule referred to as {@code ref}. */
  private static String resolve(
      SigmaCorrelation c, String name, String ref, String id, String ruleName) {
    Map<String, String> alias = c.aliases().get(name);
    if (alias == null) {
      return name;
    }
    String f = alias.get(ref);
    if (f == null && ruleName != null) {
      f = alias.get(ruleName);
    }
    if (f == null && id != null) {
      f = alias.get(id);
    }
    return f == null ? name : f;
  }

  private static void addNeededFields(SigmaCorrelation c, String ref, Set<String> out) {
    List<String> names = new ArrayList<>(c.groupBy());
    if (c.field() != null) {
      names.add(c.field());
    }
    for (String name : names) {
      Map<String, String> alias = c.aliases().get(name);
      if (alias == null) {
        out.add(name);
      } else if (alias.containsKey(ref)) {
        out.add(alias.get(ref));
      } else {
        out.add(name);
        out.addAll(alias.values());
      }
    }
  }
}
