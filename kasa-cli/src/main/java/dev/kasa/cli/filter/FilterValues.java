package dev.kasa.cli.filter;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The converters of the filter options' values: a bad value is a usage error naming the option
 * (picocli adds it) and the value.
 */
final class FilterValues {
  private FilterValues() {}

  /** {@code informational}, {@code low}, {@code medium}, {@code high} or {@code critical}. */
  static final class Level implements ITypeConverter<SigmaLevel> {
    @Override
    public SigmaLevel convert(String value) {
      SigmaLevel level = SigmaLevel.of(value);
      if (level == null) {
        throw new TypeConversionException(
            "'" + value + "' is not a Sigma level (informational, low, medium, high, critical)");
      }
      return level;
    }
  }

  /**
   * An ISO-8601 instant: {@code 2026-03-01T10:00:00Z}, with an offset ({@code +02:00}), without one
   * (UTC), or a date alone (its start, UTC).
   */
  static final class Time implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      return instant(value);
    }
  }

  static Instant instant(String value) {
    String v = value.strip();
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      // Not with an offset: try the forms without one.
    }
    try {
      return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      // Nor a local date-time: a date alone is the last form.
    }
    try {
      return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw new TypeConversionException(
          "'" + value + "' is not an ISO-8601 time (such as 2026-03-01T10:00:00Z or 2026-03-01)");
    }
  }

  /**
   * An ISO-8601 duration ({@code P30D}, {@code PT12H}) or a count and a unit: 90s, 15m, 12h, 30d,
   * 2w.
   */
  static final class Age implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return duration(value);
    }
  }

  static Duration duration(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    Duration d = null;
    if (v.startsWith("p")) {
      try {
        d = Duration.parse(v.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        d = null;
      }
    } else if (v.length() >= 2
        && v.length() <= 12
        && v.substring(0, v.length() - 1).chars().allMatch(Character::isDigit)) {
      long n = Long.parseLong(v.substring(0, v.length() - 1));
      d =
          switch (v.charAt(v.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            case 'w' -> Duration.ofDays(7 * n);
            default -> null;
          };
    }
    if (d == null || d.isNegative() || d.isZero()) {
      throw new TypeConversionException(
          "'" + value + "' is not a positive duration (such as 30d, 12h, 2w or P30D)");
    }
    return d;
  }

  /** A STIX confidence, 0 to 100. */
  static final class Confidence implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      try {
        int n = Integer.parseInt(value.strip());
        if (n >= 0 && n <= 100) {
          return n;
        }
      } catch (NumberFormatException e) {
        // Reported below with the range.
      }
      throw new TypeConversionException("'" + value + "' is not a confidence from 0 to 100");
    }
  }
}
