package dev.kasa.sigma.match;

import dev.kasa.sigma.rule.Modifier;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.temporal.IsoFields;

/**
 * A time-part modifier ({@code minute} … {@code year}): the part read from an ISO 8601 timestamp in
 * the field ({@code 2024-05-01T13:45:00.123Z}, a space instead of {@code T}, any fraction and zone,
 * or a date alone), as written: no zone conversion, as the Sigma appendix warns. {@code week} is
 * the ISO week. Values that are not such timestamps, or lack the part, do not match. Immutable.
 */
final class TimePartMatcher implements ValueMatcher {
  private final Modifier part;
  private final Comparison comparison;
  private final long bound;

  TimePartMatcher(Modifier part, Comparison comparison, long bound) {
    this.part = part;
    this.comparison = comparison;
    this.bound = bound;
  }

  @Override
  public boolean test(String value) {
    long v = extract(value.strip(), part);
    return v >= 0 && comparison.holds(Long.compare(v, bound));
  }

  /** The part of timestamp {@code s}, or -1. */
  static long extract(String s, Modifier part) {
    int n = s.length();
    if (n < 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
      return -1;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    if (year < 0 || month < 0 || day < 0) {
      return -1;
    }
    LocalDate date;
    try {
      date = LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      return -1;
    }
    int hour = -1;
    int minute = -1;
    if (n >= 16 && (s.charAt(10) == 'T' || s.charAt(10) == 't' || s.charAt(10) == ' ')) {
      hour = digits(s, 11, 2);
      minute = s.charAt(13) == ':' ? digits(s, 14, 2) : -1;
      if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
        return -1;
      }
    } else if (n > 10) {
      return -1;
    }
    return switch (part) {
      case YEAR -> year;
      case MONTH -> month;
      case DAY -> day;
      case WEEK -> date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
      case HOUR -> hour;
      case MINUTE -> minute;
      default -> throw new IllegalArgumentException("not a time part: " + part);
    };
  }

  private static int digits(String s, int off, int len) {
    int v = 0;
    for (int i = off; i < off + len; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  @Override
  public String describe() {
    return part.written() + comparison.symbol() + bound;
  }

  @Override
  public String toString() {
    return describe();
  }
}
