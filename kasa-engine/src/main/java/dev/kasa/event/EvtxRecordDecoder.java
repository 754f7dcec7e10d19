package dev.kasa.event;

import dev.kasa.evtx.EvtxChunkDecoder;
import dev.kasa.evtx.EvtxProblem;
import dev.kasa.evtx.EvtxVisitor;
import dev.kasa.evtx.RecordFormat;

/**
 * Decodes the chunks of a {@code .evtx} file into {@link DecodedRecord}s. Each record is rendered
 * as the JSON evtx_dump writes and that JSON goes through the same {@link JsonScanner} as evtx_dump
 * input does, so field maps, captures, raw-text keywords and times are exactly those of the JSON
 * path. A record's line is its event record identifier; a problem not tied to one record has line
 * 0, and its reason names the chunk and the file offset. Not thread-safe: one per worker task.
 */
final class EvtxRecordDecoder implements EvtxVisitor {
  private final EvtxChunkDecoder chunks;
  private final Extractor out;
  private final JsonScanner scanner;
  private final RecordSink sink;

  /** A decoder whose records carry {@code config}; {@code capture} is one of its tables. */
  EvtxRecordDecoder(
      FieldMap map,
      DecoderConfig config,
      CaptureTable capture,
      CaptureTable everyValue,
      int maxRecordBytes,
      int maxDepth,
      RecordSink sink) {
    this.chunks = new EvtxChunkDecoder(RecordFormat.JSON, maxDepth, maxRecordBytes);
    this.out = new Extractor(new DecodedRecord(config), map);
    this.scanner = new JsonScanner(out, capture, maxDepth);
    EveryValueDecoder.attach(out.record(), map, config, capture, everyValue, maxDepth);
    this.sink = sink;
  }

  /** Decodes chunk {@code index} of the file, held at {@code b[off, off + 64 KiB)}. */
  void decode(byte[] b, int off, long index) {
    chunks.decode(b, off, index, this);
  }

  @Override
  public void record(long recordId, byte[] text, int off, int len) {
    out.begin(recordId);
    int stop = scanner.scan(text, off, off + len, false);
    if (stop < 0) {
      sink.malformed(recordId, "record " + recordId + " rendered as bad JSON: " + scanner.error());
      return;
    }
    out.finish();
    out.record().setRaw(text, off, stop);
    sink.record(out.record());
  }

  @Override
  public void problem(EvtxProblem problem) {
    malformed(sink, problem);
  }

  static void malformed(RecordSink sink, EvtxProblem problem) {
    sink.malformed(Math.max(0, problem.recordId()), problem.toString());
  }
}
