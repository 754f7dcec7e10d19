package dev.kasa.detect;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Event times as reports print them: ISO 8601 in UTC, always with milliseconds. */
public final class FindingTimes {
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private FindingTimes() {}

  /** The time, or null for {@code DecodedRecord.NO_TIME} (an event without a usable time). */
  public static String formatOrNull(long epochMillis) {
    return epochMillis == dev.kasa.event.DecodedRecord.NO_TIME ? null : format(epochMillis);
  }

  /** The time, ISO 8601 in UTC with milliseconds. */
  public static String format(long epochMillis) {
    return ISO_MILLIS.format(Instant.ofEpochMilli(epochMillis));
  }
}
