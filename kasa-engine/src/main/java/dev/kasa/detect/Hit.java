package dev.kasa.detect;

import dev.kasa.intel.Indicator;

/**
 * One indicator matched in one record.
 *
 * @param line the 1-based line where the record starts
 * @param timeMillis the event time used for the validity check (the record's own time, or the scan
 *     time when it has none), epoch milliseconds
 * @param field dotted path of the field the value came from
 * @param value the value as found in the event
 * @param indicator the indicator it matched
 */
public record Hit(long line, long timeMillis, String field, String value, Indicator indicator) {}
