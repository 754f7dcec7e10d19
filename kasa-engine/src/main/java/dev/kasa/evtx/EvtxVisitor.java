package dev.kasa.evtx;

/**
 * Receives what {@link EvtxChunkDecoder} finds in a chunk, in file order, on the decoding thread.
 */
public interface EvtxVisitor {
  /**
   * A record, rendered.
   *
   * @param recordId the event record identifier from the record header
   * @param text the rendered record in {@code text[off, off + len)} (UTF-8); valid only during the
   *     call
   */
  void record(long recordId, byte[] text, int off, int len);

  /** A part of the chunk that could not be read; decoding goes on with the next record. */
  void problem(EvtxProblem problem);
}
