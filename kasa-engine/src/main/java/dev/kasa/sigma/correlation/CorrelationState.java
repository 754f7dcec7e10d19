package dev.kasa.sigma.correlation;

import dev.kasa.EventRef;
import dev.kasa.sigma.rule.SigmaCorrelation;
import dev.kasa.sigma.rule.SigmaCorrelation.CorrelationType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The groups and windows of a compiled set of {@link Correlations}, fed with matches in input
 * order, on event time: windows close as the event-time watermark passes them (fed matches move it,
 * and so does {@link #advance}, which a stream's reader calls with the time of every record it has
 * read), memory stays under {@link CorrelationEngine.Limits} (per correlation, and a global cap
 * over all of them), and {@link #rebase} moves to a newer compiled set keeping the state of every
 * correlation whose content did not change. Semantics: {@code docs/sigma-correlations.md}. Never
 * reads the wall clock.
 *
 * <p>Not thread-safe: feed it from one thread. Arguments are non-null unless stated.
 */
public final class CorrelationState {
  /**
   * How often (in matches) every correlation is swept for passed windows, not just the fed ones.
   */
  private static final int FULL_SWEEP_EVERY = 4096;

  private Correlations correlations;
  private List<CorrelationRun> runs;
  private final Tally tally = new Tally();
  private final List<CorrelationEngine.Eviction> retired = new ArrayList<>();
  private long watermark = Long.MIN_VALUE;
  private long fed;
  private long ticks;
  private long droppedOnReload;

  /** Groups plus matches held now, over all correlations (kept by the runs). */
  long held;

  public CorrelationState(Correlations correlations) {
    this.correlations = Objects.requireNonNull(correlations, "correlations");
    List<CorrelationRun> built = new ArrayList<>();
    for (CompiledCorrelation c : correlations.runs()) {
      built.add(new CorrelationRun(c, this, tally));
    }
    this.runs = built;
  }

  /** The compiled correlations this state runs now. */
  public Correlations correlations() {
    return correlations;
  }

  /**
   * Runs {@code next} from now on. A correlation of {@code next} whose content is that of one
   * running now (same canonical content hash, see {@code docs/sigma-correlations.md}) keeps its
   * groups and open windows; the others start empty; the groups of correlations no longer present
   * (or changed) are dropped without being evaluated, and counted ({@link
   * CorrelationEngine.Stats#groupsDroppedOnReload()}). The watermark is kept.
   */
  public void rebase(Correlations next) {
    Objects.requireNonNull(next, "next");
    if (next == correlations) {
      return;
    }
    Map<String, List<CorrelationRun>> byContent = new HashMap<>();
    for (CorrelationRun run : runs) {
      byContent.computeIfAbsent(run.def.contentHash(), k -> new ArrayList<>()).add(run);
    }
    List<CorrelationRun> moved = new ArrayList<>();
    for (CompiledCorrelation c : next.runs()) {
      List<CorrelationRun> same = byContent.get(c.contentHash());
      if (same != null && !same.isEmpty()) {
        CorrelationRun run = same.remove(0);
        run.def = c;
        moved.add(run);
      } else {
        moved.add(new CorrelationRun(c, this, tally));
      }
    }
    for (List<CorrelationRun> left : byContent.values()) {
      for (CorrelationRun run : left) {
        droppedOnReload += run.drop();
        if (run.evicted > 0 || run.evictedAtCap > 0) {
          retired.add(eviction(run));
        }
      }
    }
    this.runs = moved;
    this.correlations = next;
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
      if (correlations.isReferenced(ruleId) || correlations.isReferenced(ruleName)) {
        tally.matchesWithoutTime++;
      }
      return;
    }
    deliver(
        ruleId, ruleName, event.timeMillis(), event.timeMillis(), event, null, null, fields, sink);
    if (++fed % FULL_SWEEP_EVERY == 0) {
      sweepAll(sink);
    }
  }

  /**
   * Moves the event-time watermark to {@code eventTimeMillis} if that is later, and closes (or, for
   * sliding windows, drops) every window that ended more than one timespan before it, as a match of
   * that time would. A stream that never ends calls this with the time of the records it reads, so
   * that windows fire without further matches. Ignores {@link EventRef#NO_TIME}.
   */
  public void advance(long eventTimeMillis, CorrelationSink sink) {
    Objects.requireNonNull(sink, "sink");
    if (eventTimeMillis == EventRef.NO_TIME || eventTimeMillis <= watermark) {
      return;
    }
    watermark = eventTimeMillis;
    sweepAll(sink);
  }

  /** The event-time watermark: the latest time fed or advanced to; {@link Long#MIN_VALUE} first. */
  public long watermark() {
    return watermark;
  }

  /**
   * End of input: windows still open are evaluated now (so {@code lt}, {@code lte}, {@code eq},
   * {@code neq}, averages and percentiles can fire), then all state is dropped. The state can be
   * fed again afterwards, as if new.
   */
  public void finish(CorrelationSink sink) {
    Objects.requireNonNull(sink, "sink");
    for (CorrelationRun run : runs) {
      run.finish(hit -> emit(hit, sink));
    }
    watermark = Long.MIN_VALUE;
  }

  /** The memory bounds this state runs under (those of its correlations). */
  public CorrelationEngine.Limits limits() {
    return correlations.limits();
  }

  /**
   * Per correlation that evicted groups at its group limit or at the global cap since creation, in
   * run order (correlations dropped by a reload first).
   */
  public List<CorrelationEngine.Eviction> evictions() {
    List<CorrelationEngine.Eviction> out = new ArrayList<>(retired);
    for (CorrelationRun run : runs) {
      if (run.evicted > 0 || run.evictedAtCap > 0) {
        out.add(eviction(run));
      }
    }
    return out;
  }

  private static CorrelationEngine.Eviction eviction(CorrelationRun run) {
    return new CorrelationEngine.Eviction(
        run.correlation(), run.evicted, run.firedOnEviction, run.evictedAtCap, run.firedAtCap);
  }

  public CorrelationEngine.Stats stats() {
    long live = 0;
    for (CorrelationRun run : runs) {
      live += run.liveGroups();
    }
    return new CorrelationEngine.Stats(
        live,
        tally.groupsEvicted,
        tally.groupsExpired,
        tally.matchesWithoutTime,
        tally.lateMatches,
        tally.matchesWithoutGroupValue,
        tally.valuesIgnored,
        tally.eventsDropped,
        held,
        droppedOnReload);
  }

  long tick() {
    return ++ticks;
  }

  private void sweepAll(CorrelationSink sink) {
    for (CorrelationRun run : runs) {
      run.sweep(watermark, hit -> emit(hit, sink));
    }
  }

  private void deliver(
      String id,
      String name,
      long time,
      long since,
      EventRef event,
      List<EventRef> chained,
      EventRef chainedLast,
      FieldLookup fields,
      CorrelationSink sink) {
    List<Correlations.Target> byId = id == null ? null : correlations.targets(id);
    List<Correlations.Target> byName =
        name == null || name.equals(id) ? null : correlations.targets(name);
    if (byId == null && byName == null) {
      return;
    }
    watermark = Math.max(watermark, time);
    if (byId != null) {
      for (Correlations.Target t : byId) {
        feed(t, id, name, time, since, event, chained, chainedLast, fields, sink);
      }
    }
    if (byName != null) {
      for (Correlations.Target t : byName) {
        if (byId == null || byId.stream().noneMatch(o -> o.run() == t.run())) {
          feed(t, id, name, time, since, event, chained, chainedLast, fields, sink);
        }
      }
    }
  }

  private void feed(
      Correlations.Target t,
      String id,
      String name,
      long time,
      long since,
      EventRef event,
      List<EventRef> chained,
      EventRef chainedLast,
      FieldLookup fields,
      CorrelationSink sink) {
    CorrelationRun run = runs.get(t.run());
    SigmaCorrelation c = run.correlation();
    String ref = c.rules().get(t.rule());
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
            ? new Entry(time, since, t.rule(), text, number, null, 0, chained, chainedLast)
            : new Entry(
                time, since, t.rule(), text, number, event.source(), event.sequence(), null, null);
    run.accept(List.of(key), e, watermark, hit -> emit(hit, sink));
    capHeld(run, sink);
  }

  /**
   * Over the global cap, evicts groups one at a time, each time the head group (see {@link
   * CorrelationRun#evictHead}) updated longest ago among all correlations. The group just fed is
   * the one updated last, and one full group fits under the cap, so it is never the one evicted.
   */
  private void capHeld(CorrelationRun fedRun, CorrelationSink sink) {
    long cap = correlations.limits().maxHeldTotal();
    while (held > cap) {
      CorrelationRun oldest = fedRun;
      for (CorrelationRun run : runs) {
        if (run.headTouched() < oldest.headTouched()) {
          oldest = run;
        }
      }
      if (oldest.liveGroups() == 0) {
        return;
      }
      oldest.evictHead(hit -> emit(hit, sink), true);
    }
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
        hit.last(),
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
}
