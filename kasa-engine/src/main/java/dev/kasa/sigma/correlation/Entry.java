package dev.kasa.sigma.correlation;

import dev.kasa.EventRef;
import java.util.List;

/**
 * One match kept in a group's window. A base event's place is stored inline rather than as an
 * {@link EventRef}, which keeps a kept match at about 70 bytes of heap.
 *
 * @param time event time, epoch milliseconds
 * @param since the earliest time behind it: {@code time}, or a chained hit's first time
 * @param rule index of the referenced rule in the correlation's {@code rules}
 * @param text the {@code field} value for {@code value_count}, else null
 * @param number the numeric {@code field} value for {@code value_sum/avg/percentile}, else 0
 * @param file the base event's file, or null for a chained hit
 * @param line the base event's line
 * @param chained a chained hit's events, or null for a base event
 * @param chainedLast a chained hit's latest event, or null for a base event
 */
record Entry(
    long time,
    long since,
    int rule,
    String text,
    double number,
    String file,
    long line,
    List<EventRef> chained,
    EventRef chainedLast) {
  List<EventRef> refs() {
    return chained != null ? chained : List.of(new EventRef(file, line, time));
  }

  /** The latest event behind this match. */
  EventRef last() {
    return chained != null ? chainedLast : new EventRef(file, line, time);
  }
}
