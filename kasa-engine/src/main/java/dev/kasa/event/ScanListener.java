package dev.kasa.event;

/**
 * Receives scan results on the thread that called {@link EventScanner#scan}, in input order: the
 * chunks of an input in order, then its summary; inputs in the order given (directory entries
 * sorted by path).
 *
 * @param <R> the chunk result
 */
public interface ScanListener<R> {
  /** One chunk's result (as returned by {@link ChunkTask#finish()}). */
  void chunkDone(EventInput input, R result);

  /** After the last chunk of {@code input}. */
  void inputDone(EventInput input, InputSummary summary);

  /** An input that cannot be read (missing, permission, corrupt gzip); the scan goes on. */
  void unreadable(String input, String reason);

  /**
   * A file found in a directory argument that is not a log by its name (README, LICENSE, YAML,
   * images): not read, not an error. Files given by name are always read.
   */
  default void skipped(String input, String reason) {}
}
