package dev.kasa;

import java.util.Objects;

/**
 * One event as findings and problems name it: the source it came from, its place in that source,
 * and its event time. Immutable.
 *
 * @param source the event source as the caller names it (a file as given, a feed, a stream)
 * @param sequence the 1-based line where the event starts in a file (its record number in other
 *     sources), 0 when unknown
 * @param timeMillis the event time in epoch milliseconds, or {@link #NO_TIME} when it has none
 * @param context who and where the event is about ({@link EventContext#NONE} when unknown or not
 *     read: it is read only for events with a finding)
 */
public record EventRef(String source, long sequence, long timeMillis, EventContext context) {
  /** The {@code timeMillis} of an event without a time. */
  public static final long NO_TIME = Long.MIN_VALUE;

  public EventRef {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(context, "context");
    if (sequence < 0) {
      throw new IllegalArgumentException("negative sequence " + sequence + " in " + source);
    }
  }

  /** An event whose context is not known. */
  public EventRef(String source, long sequence, long timeMillis) {
    this(source, sequence, timeMillis, EventContext.NONE);
  }

  /** An event without a time, as a malformed record is. */
  public static EventRef untimed(String source, long sequence) {
    return new EventRef(source, sequence, NO_TIME);
  }

  /** {@code source:sequence}, or the source alone when the sequence is unknown. */
  @Override
  public String toString() {
    return sequence == 0 ? source : source + ":" + sequence;
  }
}
