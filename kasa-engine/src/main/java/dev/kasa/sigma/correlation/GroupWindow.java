package dev.kasa.sigma.correlation;

import dev.kasa.EventRef;
import dev.kasa.sigma.rule.SigmaCorrelation.CorrelationType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one group of one correlation: its window's entries in time order plus running
 * aggregates, so that adding or dropping an entry costs O(1) amortised (except the ordered and
 * percentile values, computed by a scan of the at most {@code maxEventsPerGroup} entries).
 */
final class GroupWindow {
  final List<String> key;
  private final CorrelationType type;
  private final ArrayList<Entry> entries = new ArrayList<>();
  private int head;
  private final Map<String, Integer> distinct;
  private final int[] perRule;
  private int rulesSeen;
  private double sum;

  /** At-close mode: the time of the event that opened the window. */
  long start;

  /** The latest event time added since the last clear. */
  long newest = Long.MIN_VALUE;

  /** Eager mode: events at or before this time are ignored, so that a burst fires once. */
  long mutedUntil = Long.MIN_VALUE;

  /** When the group was last opened or added to, in the state's own order of updates. */
  long touched;

  GroupWindow(List<String> key, CorrelationType type, int ruleCount) {
    this.key = key;
    this.type = type;
    this.distinct = type == CorrelationType.VALUE_COUNT ? new HashMap<>() : null;
    this.perRule = new int[ruleCount];
  }

  int size() {
    return entries.size() - head;
  }

  /**
   * Adds {@code e} in time order (after entries of equal time), dropping the oldest entry when the
   * window holds more than {@code cap}. Returns the number of entries dropped (0 or 1).
   */
  int add(Entry e, int cap) {
    int at = entries.size();
    while (at > head && entries.get(at - 1).time() > e.time()) {
      at--;
    }
    entries.add(at, e);
    count(e, +1);
    newest = Math.max(newest, e.time());
    if (size() > cap) {
      removeOldest();
      return 1;
    }
    return 0;
  }

  /** Drops the entries older than {@code minTime}; returns how many. */
  int evictBefore(long minTime) {
    int n = 0;
    while (size() > 0 && entries.get(head).time() < minTime) {
      removeOldest();
      n++;
    }
    return n;
  }

  void clear() {
    entries.clear();
    head = 0;
    if (distinct != null) {
      distinct.clear();
    }
    Arrays.fill(perRule, 0);
    rulesSeen = 0;
    sum = 0;
    newest = Long.MIN_VALUE;
  }

  /** The earliest time behind the window's entries (a chained hit reaches back to its start). */
  long firstTime() {
    long first = Long.MAX_VALUE;
    for (int i = head; i < entries.size(); i++) {
      first = Math.min(first, entries.get(i).since());
    }
    return first;
  }

  long lastTime() {
    return entries.get(entries.size() - 1).time();
  }

  /** The latest event behind the window's entries. */
  EventRef lastEvent() {
    return entries.get(entries.size() - 1).last();
  }

  /** The value the condition is tested against; {@code percentile} only for that type. */
  double value(double percentile) {
    return switch (type) {
      case EVENT_COUNT -> size();
      case VALUE_COUNT -> distinct.size();
      case TEMPORAL -> rulesSeen;
      case TEMPORAL_ORDERED -> orderedPrefix();
      case VALUE_SUM -> sum;
      case VALUE_AVG -> size() == 0 ? 0 : sum / size();
      case VALUE_PERCENTILE -> percentile(percentile);
    };
  }

  /** The window's events in time order, at most {@link CorrelationHit#MAX_EVENTS}. */
  List<EventRef> evidence() {
    List<EventRef> out = new ArrayList<>();
    for (int i = head; i < entries.size() && out.size() < CorrelationHit.MAX_EVENTS; i++) {
      for (EventRef ref : entries.get(i).refs()) {
        if (out.size() == CorrelationHit.MAX_EVENTS) {
          break;
        }
        out.add(ref);
      }
    }
    return out;
  }

  /**
   * How many of the referenced rules, from the first, matched in that order: a greedy scan over the
   * entries in time order, which finds the longest in-order prefix. Entries of equal time count as
   * in order whatever their arrival order.
   */
  private int orderedPrefix() {
    int next = 0;
    int i = head;
    while (i < entries.size() && next < perRule.length) {
      int end = i;
      while (end < entries.size() && entries.get(end).time() == entries.get(i).time()) {
        end++;
      }
      boolean advanced = true;
      while (advanced && next < perRule.length) {
        advanced = false;
        for (int j = i; j < end; j++) {
          if (entries.get(j).rule() == next) {
            next++;
            advanced = true;
            break;
          }
        }
      }
      i = end;
    }
    return next;
  }

  /** Nearest-rank percentile: the smallest value with at least p% of the values at or below it. */
  private double percentile(double p) {
    int n = size();
    if (n == 0) {
      return 0;
    }
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = entries.get(head + i).number();
    }
    Arrays.sort(values);
    int rank = (int) Math.ceil(p / 100.0 * n);
    return values[Math.max(0, Math.min(n - 1, rank - 1))];
  }

  private void removeOldest() {
    Entry e = entries.set(head, null);
    head++;
    count(e, -1);
    if (head == entries.size()) {
      entries.clear();
      head = 0;
    } else if (head > 64 && head * 2 > entries.size()) {
      entries.subList(0, head).clear();
      head = 0;
    }
  }

  private void count(Entry e, int delta) {
    switch (type) {
      case VALUE_COUNT -> distinct.merge(e.text(), delta, (a, b) -> a + b == 0 ? null : a + b);
      case TEMPORAL, TEMPORAL_ORDERED -> {
        int before = perRule[e.rule()];
        perRule[e.rule()] += delta;
        if (before == 0 && delta > 0) {
          rulesSeen++;
        } else if (perRule[e.rule()] == 0) {
          rulesSeen--;
        }
      }
      case VALUE_SUM, VALUE_AVG -> sum += delta * e.number();
      case EVENT_COUNT, VALUE_PERCENTILE -> {}
    }
  }
}
