package dev.kasa.event;

/** Decodes whole lines of one chunk. Not thread-safe: one per worker and chunk. */
interface ChunkDecoder {
  /**
   * Decodes the records of {@code b[off, end)}, which holds whole lines (the last one may lack its
   * newline), the first of them being line {@code firstLine} of the input.
   *
   * @return the line after the last one decoded: {@code firstLine} plus the newlines of {@code
   *     b[off, end)} when it ends with one (so the reading thread need not count them)
   */
  long decode(byte[] b, int off, int end, long firstLine, RecordSink sink);
}
