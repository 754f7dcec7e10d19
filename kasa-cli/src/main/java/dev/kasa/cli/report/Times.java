package dev.kasa.cli.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Event times as reports print them: ISO 8601 in UTC, always with milliseconds. */
final class Times {
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Times() {}

  /** The time, or null for {@code DecodedRecord.NO_TIME} (an event without a usable time). */
  static String formatOrNull(long epochMillis) {
    return epochMillis == dev.kasa.event.DecodedRecord.NO_TIME ? null : format(epochMillis);
  }

  static String format(long epochMillis) {
    return ISO_MILLIS.format(Instant.ofEpochMilli(epochMillis));
  }
}
