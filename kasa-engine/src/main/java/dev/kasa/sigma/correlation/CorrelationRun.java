package dev.kasa.sigma.correlation;

import dev.kasa.sigma.rule.SigmaCorrelation;
import dev.kasa.sigma.rule.SigmaCorrelation.Threshold;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One correlation's groups and windows. Groups sit in a map ordered by last update, so that the
 * groups whose window has passed, and the one to evict when a limit is reached, are at its head.
 *
 * <p>Two modes, chosen from the condition (see docs/sigma-correlations.md): <em>eager</em> when the
 * condition has only lower bounds ({@code gt}, {@code gte}) on a value that grows with events,
 * where the window slides and the condition is tested on every arrival; <em>at close</em>
 * otherwise, where a window opens at a group's first event, lasts {@code timespan}, and is tested
 * once when it closes.
 *
 * <p>What it holds (groups and matches) is counted into its {@link CorrelationState}, which keeps
 * the total under the global cap. Not thread-safe.
 */
final class CorrelationRun {
  private final CorrelationState state;
  private final Tally tally;
  private final Map<List<String>, GroupWindow> groups = new LinkedHashMap<>();

  /** What runs; replaced by an equal-content definition when rules are reloaded. */
  CompiledCorrelation def;

  /** Groups evicted at the group limit, and those of them that fired when evicted. */
  long evicted;

  long firedOnEviction;

  /** Groups evicted at the global cap, and those of them that fired when evicted. */
  long evictedAtCap;

  long firedAtCap;

  /** Groups plus matches held now. */
  long held;

  CorrelationRun(CompiledCorrelation def, CorrelationState state, Tally tally) {
    this.def = def;
    this.state = state;
    this.tally = tally;
  }

  static boolean isEager(SigmaCorrelation.CorrelationType type, Threshold t) {
    boolean onlyLowerBounds =
        t.lt() == null && t.lte() == null && t.eq() == null && t.neq() == null;
    return onlyLowerBounds
        && switch (type) {
          case EVENT_COUNT, VALUE_COUNT, TEMPORAL, TEMPORAL_ORDERED, VALUE_SUM -> true;
          case VALUE_AVG, VALUE_PERCENTILE -> false;
        };
  }

  SigmaCorrelation correlation() {
    return def.correlation();
  }

  int liveGroups() {
    return groups.size();
  }

  /** Adds a match to its group; hits go to {@code emit} (possibly several, from closed windows). */
  void accept(List<String> key, Entry e, long watermark, Consumer<CorrelationHit> emit) {
    sweep(watermark, emit);
    GroupWindow g = groups.get(key);
    if (def.eager()) {
      acceptEager(key, g, e, emit);
    } else {
      acceptAtClose(key, g, e, emit);
    }
  }

  private void acceptEager(
      List<String> key, GroupWindow g, Entry e, Consumer<CorrelationHit> emit) {
    long span = def.span();
    if (g == null) {
      g = open(key, emit);
    } else if (e.time() <= g.mutedUntil) {
      return;
    } else if (g.size() > 0 && e.time() < saturatedAdd(g.newest, -span)) {
      tally.lateMatches++;
      return;
    } else {
      groups.remove(key);
      groups.put(key, g);
    }
    add(g, e);
    change(-g.evictBefore(saturatedAdd(g.newest, -span)));
    double value = g.value(def.percentile());
    if (def.threshold().test(value)) {
      CorrelationHit hit = hit(g, value, false);
      change(-g.size());
      g.clear();
      g.mutedUntil = saturatedAdd(hit.lastMillis(), span);
      emit.accept(hit);
    }
  }

  private void acceptAtClose(
      List<String> key, GroupWindow g, Entry e, Consumer<CorrelationHit> emit) {
    if (g != null && e.time() > saturatedAdd(g.start, def.span())) {
      groups.remove(key);
      change(-1 - g.size());
      close(g, emit);
      g = null;
    }
    if (g == null) {
      g = open(key, emit);
      g.start = e.time();
    } else if (e.time() < g.start) {
      tally.lateMatches++;
      return;
    }
    add(g, e);
  }

  private void add(GroupWindow g, Entry e) {
    int dropped = g.add(e, state.limits().maxEventsPerGroup());
    tally.eventsDropped += dropped;
    change(1 - dropped);
    g.touched = state.tick();
  }

  private void change(long delta) {
    held += delta;
    state.held += delta;
  }

  /**
   * Closes (at-close mode) or drops (eager mode) the groups whose window ended more than one
   * timespan before {@code watermark}; that slack lets events from several files arrive a little
   * out of order.
   */
  void sweep(long watermark, Consumer<CorrelationHit> emit) {
    long span = def.span();
    long limit = saturatedAdd(watermark, -span);
    Iterator<GroupWindow> it = groups.values().iterator();
    while (it.hasNext()) {
      GroupWindow g = it.next();
      long end =
          def.eager()
              ? Math.max(saturatedAdd(g.newest, span), g.mutedUntil)
              : saturatedAdd(g.start, span);
      if (end >= limit) {
        return;
      }
      it.remove();
      change(-1 - g.size());
      tally.groupsExpired++;
      if (!def.eager()) {
        close(g, emit);
      }
    }
  }

  /** End of input: every open window closes now; eager groups are dropped. */
  void finish(Consumer<CorrelationHit> emit) {
    List<GroupWindow> open = List.copyOf(groups.values());
    groups.clear();
    state.held -= held;
    held = 0;
    if (!def.eager()) {
      for (GroupWindow g : open) {
        close(g, emit);
      }
    }
  }

  /** Drops every group without evaluating it (rules reloaded without this correlation). */
  long drop() {
    long n = groups.size();
    groups.clear();
    state.held -= held;
    held = 0;
    return n;
  }

  /** When the group at the head was last updated, or {@link Long#MAX_VALUE} when none is held. */
  long headTouched() {
    return groups.isEmpty() ? Long.MAX_VALUE : groups.values().iterator().next().touched;
  }

  /**
   * A new group for {@code key}. At the group limit the head group is evicted first (see {@link
   * #evictHead}).
   */
  private GroupWindow open(List<String> key, Consumer<CorrelationHit> emit) {
    if (groups.size() >= state.limits().maxGroupsPerCorrelation()) {
      evictHead(emit, false);
    }
    GroupWindow g = new GroupWindow(key, correlation().type(), correlation().rules().size());
    g.touched = state.tick();
    groups.put(key, g);
    change(1);
    return g;
  }

  /**
   * Evicts the group at the head (the least recently updated, or for at-close windows the oldest):
   * an at-close window is evaluated on the matches it holds, and fires (marked evicted) if they
   * meet the condition; an eager group has not met it (else it would have fired), so only its
   * matches are lost. Counted as evicted at the group limit or, when {@code atCap}, at the global
   * cap.
   */
  void evictHead(Consumer<CorrelationHit> emit, boolean atCap) {
    Iterator<GroupWindow> it = groups.values().iterator();
    GroupWindow oldest = it.next();
    it.remove();
    change(-1 - oldest.size());
    tally.groupsEvicted++;
    if (atCap) {
      evictedAtCap++;
    } else {
      evicted++;
    }
    if (!def.eager() && oldest.size() > 0) {
      double value = oldest.value(def.percentile());
      if (def.threshold().test(value)) {
        if (atCap) {
          firedAtCap++;
        } else {
          firedOnEviction++;
        }
        emit.accept(hit(oldest, value, true));
      }
    }
  }

  private void close(GroupWindow g, Consumer<CorrelationHit> emit) {
    if (g.size() == 0) {
      return;
    }
    double value = g.value(def.percentile());
    if (def.threshold().test(value)) {
      emit.accept(hit(g, value, false));
    }
  }

  private CorrelationHit hit(GroupWindow g, double value, boolean evicted) {
    Map<String, String> group = new LinkedHashMap<>();
    List<String> names = correlation().groupBy();
    for (int i = 0; i < names.size(); i++) {
      group.put(names.get(i), g.key.get(i));
    }
    return new CorrelationHit(
        correlation(),
        group,
        g.firstTime(),
        g.lastTime(),
        value,
        g.evidence(),
        evicted,
        g.lastEvent());
  }

  static long saturatedAdd(long a, long b) {
    long r = a + b;
    if (((a ^ r) & (b ^ r)) < 0) {
      return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return r;
  }
}
