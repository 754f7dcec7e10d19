package dev.kasa.detect;

import dev.kasa.event.DecodedRecord;
import java.util.function.Consumer;

/**
 * Matches records against an {@link IndicatorMatcher} for one worker thread, reusing its own
 * scratch state (so the miss path allocates nothing). Not thread-safe.
 */
public interface IndicatorProbe {
  /**
   * Matches one record. A record without a time is matched at {@code fallbackTimeMillis}. Each
   * (field, indicator id) pair yields at most one hit per record.
   */
  void match(DecodedRecord record, long fallbackTimeMillis, Consumer<Hit> hits);
}
