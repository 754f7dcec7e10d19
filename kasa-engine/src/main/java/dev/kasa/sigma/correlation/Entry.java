package dev.kasa.sigma.correlation;

import java.util.List;

/**
 * One match kept in a group's window.
 *
 * @param time event time, epoch milliseconds
 * @param since the earliest time behind it: {@code time}, or a chained hit's first time
 * @param rule index of the referenced rule in the correlation's {@code rules}
 * @param text the {@code field} value for {@code value_count}, else null
 * @param number the numeric {@code field} value for {@code value_sum/avg/percentile}, else 0
 * @param refs the event, or a chained hit's events
 */
record Entry(long time, long since, int rule, String text, double number, List<EventRef> refs) {}
