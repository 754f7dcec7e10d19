package dev.kasa.event;

/** Decodes whole lines of one chunk. Not thread-safe: one per worker and chunk. */
interface ChunkDecoder {
  /**
   * Decodes the records of {@code b[off, end)}, which holds whole lines (the last one may lack its
   * newline), the first of them being line {@code firstLine} of the input.
   */
  void decode(byte[] b, int off, int end, long firstLine, RecordSink sink);
}
