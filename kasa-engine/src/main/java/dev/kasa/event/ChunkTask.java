package dev.kasa.event;

/**
 * Receives the records of one chunk, in order, on one worker thread, then yields its result.
 *
 * @param <R> the chunk result
 */
public interface ChunkTask<R> extends RecordSink {
  /** Called once after the chunk's last record, on the same thread; may return null. */
  R finish();
}
