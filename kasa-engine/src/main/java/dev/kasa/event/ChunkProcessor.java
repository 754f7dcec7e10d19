package dev.kasa.event;

/**
 * Supplied by the caller of {@link EventScanner#scan}: makes the task that receives one chunk's
 * records. Called on the scanning thread, once per chunk, in input order, before the chunk is
 * handed to a worker; so a task may pin what it matches against (a detection snapshot) in input
 * order.
 *
 * @param <R> what one chunk produces (hits, counts…)
 */
@FunctionalInterface
public interface ChunkProcessor<R> {
  /** A fresh task for one chunk of {@code input}; then used by one worker thread only. */
  ChunkTask<R> start(EventInput input);
}
