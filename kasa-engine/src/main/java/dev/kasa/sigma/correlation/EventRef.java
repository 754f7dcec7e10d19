package dev.kasa.sigma.correlation;

import java.util.Objects;

/**
 * An event that contributed to a correlation: where it was read and its event time. Immutable.
 *
 * @param file the input file as given by the caller; never null
 * @param line the 1-based line (or record number) in {@code file}, 0 when unknown
 * @param timeMillis the event time in epoch milliseconds, or {@link Long#MIN_VALUE} when the event
 *     has no time (such events cannot be correlated and are only counted)
 */
public record EventRef(String file, long line, long timeMillis) {
  /** The {@code timeMillis} of an event without a time. */
  public static final long NO_TIME = Long.MIN_VALUE;

  public EventRef {
    Objects.requireNonNull(file, "file");
    if (line < 0) {
      throw new IllegalArgumentException("negative line " + line + " in " + file);
    }
  }

  @Override
  public String toString() {
    return file + ":" + line;
  }
}
