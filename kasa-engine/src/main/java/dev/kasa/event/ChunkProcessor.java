package dev.kasa.event;

/**
 * Supplied by the caller of {@link EventScanner#scan}: makes the sink that receives one chunk's
 * records. Called on worker threads, concurrently: implementations must be thread-safe.
 *
 * @param <R> what one chunk produces (hits, counts…)
 */
@FunctionalInterface
public interface ChunkProcessor<R> {
  /** A fresh task for one chunk of {@code input}; used by one worker thread only. */
  ChunkTask<R> start(EventInput input);
}
