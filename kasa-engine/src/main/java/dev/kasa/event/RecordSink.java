package dev.kasa.event;

/**
 * Receives decoded records from one decoder, on the decoder's thread, in input order.
 * Implementations need not be thread-safe: each decoding thread has its own sink.
 */
public interface RecordSink {
  /** A decoded record; valid only during the call (see {@link DecodedRecord}). */
  void record(DecodedRecord record);

  /**
   * A record that could not be decoded; decoding goes on with the next one.
   *
   * @param line the 1-based line where the bad record starts
   * @param reason a sentence saying what is wrong
   */
  void malformed(long line, String reason);
}
