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
 * groups whose window has passed, and the one to evict when the group limit is reached, are at its
 * head.
 *
 * <p>Two modes, chosen from the condition (see docs/sigma-correlations.md): <em>eager</em> when the
 * condition has only lower bounds ({@code gt}, {@code gte}) on a value that grows with events,
 * where the window slides and the condition is tested on every arrival; <em>at close</em>
 * otherwise, where a window opens at a group's first event, lasts {@code timespan}, and is tested
 * once when it closes.
 */
final class CorrelationRun {
  final SigmaCorrelation correlation;
  final long span;
  final boolean eager;
  private final Threshold threshold;
  private final double percentile;
  private final CorrelationEngine.Limits limits;
  private final Tally tally;
  private final Map<List<String>, GroupWindow> groups = new LinkedHashMap<>();

  /** Groups evicted at the group limit, and those of them that fired when evicted. */
  long evicted;

  long firedOnEviction;

  CorrelationRun(
      SigmaCorrelation correlation,
      Threshold threshold,
      CorrelationEngine.Limits limits,
      Tally tally) {
    this.correlation = correlation;
    this.span = correlation.timespan().toMillis();
    this.threshold = threshold;
    this.percentile = threshold.percentile() == null ? 50 : threshold.percentile();
    this.limits = limits;
    this.tally = tally;
    this.eager = isEager(correlation.type(), threshold);
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

  int liveGroups() {
    return groups.size();
  }

  /** Adds a match to its group; hits go to {@code emit} (possibly several, from closed windows). */
  void accept(List<String> key, Entry e, long watermark, Consumer<CorrelationHit> emit) {
    sweep(watermark, emit);
    GroupWindow g = groups.get(key);
    if (eager) {
      acceptEager(key, g, e, emit);
    } else {
      acceptAtClose(key, g, e, emit);
    }
  }

  private void acceptEager(
      List<String> key, GroupWindow g, Entry e, Consumer<CorrelationHit> emit) {
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
    tally.eventsDropped += g.add(e, limits.maxEventsPerGroup());
    g.evictBefore(saturatedAdd(g.newest, -span));
    double value = g.value(percentile);
    if (threshold.test(value)) {
      CorrelationHit hit = hit(g, value, false);
      g.clear();
      g.mutedUntil = saturatedAdd(hit.lastMillis(), span);
      emit.accept(hit);
    }
  }

  private void acceptAtClose(
      List<String> key, GroupWindow g, Entry e, Consumer<CorrelationHit> emit) {
    if (g != null && e.time() > saturatedAdd(g.start, span)) {
      groups.remove(key);
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
    tally.eventsDropped += g.add(e, limits.maxEventsPerGroup());
  }

  /**
   * Closes (at-close mode) or drops (eager mode) the groups whose window ended more than one
   * timespan before {@code watermark}; that slack lets events from several files arrive a little
   * out of order.
   */
  void sweep(long watermark, Consumer<CorrelationHit> emit) {
    long limit = saturatedAdd(watermark, -span);
    Iterator<GroupWindow> it = groups.values().iterator();
    while (it.hasNext()) {
      GroupWindow g = it.next();
      long end =
          eager
              ? Math.max(saturatedAdd(g.newest, span), g.mutedUntil)
              : saturatedAdd(g.start, span);
      if (end >= limit) {
        return;
      }
      it.remove();
      tally.groupsExpired++;
      if (!eager) {
        close(g, emit);
      }
    }
  }

  /** End of input: every open window closes now; eager groups are dropped. */
  void finish(Consumer<CorrelationHit> emit) {
    List<GroupWindow> open = List.copyOf(groups.values());
    groups.clear();
    if (!eager) {
      for (GroupWindow g : open) {
        close(g, emit);
      }
    }
  }

  /**
   * A new group for {@code key}. At the group limit the least recently updated group is evicted
   * first: an at-close window is evaluated on the matches it holds, and fires (marked evicted) if
   * they meet the condition; an eager group has not met it (else it would have fired), so only its
   * matches are lost. Both are counted.
   */
  private GroupWindow open(List<String> key, Consumer<CorrelationHit> emit) {
    if (groups.size() >= limits.maxGroupsPerCorrelation()) {
      Iterator<GroupWindow> it = groups.values().iterator();
      GroupWindow oldest = it.next();
      it.remove();
      tally.groupsEvicted++;
      evicted++;
      if (!eager && oldest.size() > 0) {
        double value = oldest.value(percentile);
        if (threshold.test(value)) {
          firedOnEviction++;
          emit.accept(hit(oldest, value, true));
        }
      }
    }
    GroupWindow g = new GroupWindow(key, correlation.type(), correlation.rules().size());
    groups.put(key, g);
    return g;
  }

  private void close(GroupWindow g, Consumer<CorrelationHit> emit) {
    if (g.size() == 0) {
      return;
    }
    double value = g.value(percentile);
    if (threshold.test(value)) {
      emit.accept(hit(g, value, false));
    }
  }

  private CorrelationHit hit(GroupWindow g, double value, boolean evicted) {
    Map<String, String> group = new LinkedHashMap<>();
    List<String> names = correlation.groupBy();
    for (int i = 0; i < names.size(); i++) {
      group.put(names.get(i), g.key.get(i));
    }
    return new CorrelationHit(
        correlation, group, g.firstTime(), g.lastTime(), value, g.evidence(), evicted);
  }

  static long saturatedAdd(long a, long b) {
    long r = a + b;
    if (((a ^ r) & (b ^ r)) < 0) {
      return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return r;
  }
}
