package dev.kasa.evtx;

/**
 * Bounds the work a chunk may cost: every token parsed and every node rendered spends one unit, so
 * that templates referenced many times or nested values repeated by substitutions cannot make a 64
 * KiB chunk cost without end. A record has its own allowance within the chunk's. Not thread-safe:
 * one per decoder.
 */
final class WorkBudget {
  private final long perRecord;
  private final long perChunk;
  private long record;
  private long chunk;
  private long spent;

  WorkBudget(long perRecord, long perChunk) {
    this.perRecord = perRecord;
    this.perChunk = perChunk;
  }

  void startChunk() {
    chunk = perChunk;
  }

  void startRecord() {
    record = Math.min(perRecord, chunk);
  }

  /** Whether the chunk's allowance is used up. */
  boolean chunkExhausted() {
    return chunk <= 0;
  }

  void spend(int units) {
    record -= units;
    chunk -= units;
    spent += units;
    if (record < 0) {
      throw new EvtxFormatException(
          chunk < 0
              ? "the chunk's work limit of " + perChunk + " tokens and nodes is used up"
              : "more than " + perRecord + " tokens and nodes to decode one record");
    }
  }

  /** Units spent since this budget was made (for tests bounding the work). */
  long spent() {
    return spent;
  }
}
