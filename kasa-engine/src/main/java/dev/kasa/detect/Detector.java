package dev.kasa.detect;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.event.DecodedRecord;
import java.util.function.Consumer;

/**
 * An immutable snapshot of everything compiled for matching. Thread-safe: many threads may call
 * {@link #match} at once.
 */
public final class Detector {
  public Detector(IndicatorIndex index) {}

  /**
   * Matches one record. A record without a time is matched at {@code fallbackTimeMillis}. Each
   * (field, indicator id) pair yields at most one hit per record.
   */
  public void match(DecodedRecord record, long fallbackTimeMillis, Consumer<Hit> hits) {
    throw new KasaException(ErrorCode.INTERNAL, "not built yet");
  }
}
