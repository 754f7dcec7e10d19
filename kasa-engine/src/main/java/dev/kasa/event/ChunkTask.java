package dev.kasa.event;

/**
 * Receives the records of one chunk, in order, on one worker thread, then yields its result.
 *
 * @param <R> the chunk result
 */
public interface ChunkTask<R> extends RecordSink {
  /**
   * What the chunk's records are decoded with: the configuration of the detection snapshot this
   * task matches against. Read once, before the first record. Default: capture nothing.
   */
  default DecoderConfig decoderConfig() {
    return DecoderConfig.NONE;
  }

  /** Called once after the chunk's last record, on the same thread; may return null. */
  R finish();
}
