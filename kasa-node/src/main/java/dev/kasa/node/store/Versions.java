package dev.kasa.node.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Version keys and TAXII timestamps. A version key is fixed-width UTC text with nine fraction
 * digits, so that keys sort as the instants they denote and equal instants written with different
 * precision ({@code .1Z}, {@code .100Z}) are one version.
 */
public final class Versions {
  /** The key of every object that has neither {@code modified} nor {@code created}. */
  public static final String UNVERSIONED = "unversioned";

  private static final DateTimeFormatter KEY =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TAXII =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private Versions() {}

  /** The version key of an instant. */
  public static String key(Instant instant) {
    return KEY.format(instant);
  }

  /** A TAXII timestamp (microsecond precision) of microseconds since the epoch. */
  public static String taxiiTimestamp(long micros) {
    return TAXII.format(instantOfMicros(micros));
  }

  /** Microseconds since the epoch of an instant, truncating below a microsecond. */
  public static long micros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
  }

  static Instant instantOfMicros(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
  }
}
