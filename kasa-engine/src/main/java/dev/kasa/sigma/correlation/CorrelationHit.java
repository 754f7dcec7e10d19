package dev.kasa.sigma.correlation;

import dev.kasa.EventRef;
import dev.kasa.sigma.rule.SigmaCorrelation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A correlation that fired. Immutable.
 *
 * @param correlation the correlation rule
 * @param group the group-by names as written in the rule (aliases included) to the values shared by
 *     the events, in {@code group-by} order; empty when the rule has no {@code group-by}
 * @param firstMillis the earliest event time in the window that fired
 * @param lastMillis the latest event time in the window that fired; a chained correlation sees the
 *     hit at this time
 * @param value what met the condition: the event count ({@code event_count}), the number of
 *     distinct values ({@code value_count}), the number of referenced rules seen ({@code temporal})
 *     or seen in order ({@code temporal_ordered}), or the sum, average or percentile of {@code
 *     field}
 * @param events the events of the window in time order, at most {@link #MAX_EVENTS} (the earliest
 *     ones); events of a chained correlation's hit are listed individually
 * @param evicted true when the group was evicted at a limit before its window closed: the condition
 *     held for the matches the group had then, and later matches of the window could have changed
 *     that
 * @param last the latest event behind the window (for a chained correlation, the latest of the hit
 *     it chained on), which may be past the {@link #MAX_EVENTS} listed; null only when {@code
 *     events} is empty
 */
public record CorrelationHit(
    SigmaCorrelation correlation,
    Map<String, String> group,
    long firstMillis,
    long lastMillis,
    double value,
    List<EventRef> events,
    boolean evicted,
    EventRef last) {
  /** The most events a hit lists; a window may have had more. */
  public static final int MAX_EVENTS = 100;

  /** A hit of a window that closed (not {@link #evicted()}). */
  public CorrelationHit(
      SigmaCorrelation correlation,
      Map<String, String> group,
      long firstMillis,
      long lastMillis,
      double value,
      List<EventRef> events) {
    this(correlation, group, firstMillis, lastMillis, value, events, false);
  }

  /** A hit whose latest event is the last one listed. */
  public CorrelationHit(
      SigmaCorrelation correlation,
      Map<String, String> group,
      long firstMillis,
      long lastMillis,
      double value,
      List<EventRef> events,
      boolean evicted) {
    this(
        correlation,
        group,
        firstMillis,
        lastMillis,
        value,
        events,
        evicted,
        events.isEmpty() ? null : events.get(events.size() - 1));
  }

  public CorrelationHit {
    Objects.requireNonNull(correlation, "correlation");
    group = Collections.unmodifiableMap(new LinkedHashMap<>(group));
    events = List.copyOf(events);
    if (firstMillis > lastMillis) {
      throw new IllegalArgumentException(
          "firstMillis " + firstMillis + " after lastMillis " + lastMillis);
    }
    if (last == null && !events.isEmpty()) {
      throw new IllegalArgumentException("no last event, but " + events.size() + " listed");
    }
    if (events.size() > MAX_EVENTS) {
      throw new IllegalArgumentException(events.size() + " events, more than " + MAX_EVENTS);
    }
  }
}
