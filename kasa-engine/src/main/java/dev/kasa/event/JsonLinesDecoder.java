package dev.kasa.event;

/**
 * One JSON object per line (NDJSON, Zeek JSON, EVE, flat Windows JSON, one-line evtx_dump). Blank
 * lines are skipped; a bad line is reported as malformed and decoding resumes on the next line.
 */
final class JsonLinesDecoder implements ChunkDecoder {
  private final Extractor out;
  private final JsonScanner scanner;
  private final int maxRecordBytes;

  JsonLinesDecoder(FieldMap map, int maxRecordBytes, int maxDepth) {
    this(map, CaptureTable.NONE, maxRecordBytes, maxDepth);
  }

  /** A decoder whose records carry a configuration of their own (for tests of one decoder). */
  JsonLinesDecoder(FieldMap map, CaptureTable capture, int maxRecordBytes, int maxDepth) {
    this(map, DecoderConfig.of(capture.source()), capture, null, maxRecordBytes, maxDepth);
  }

  /**
   * A decoder whose records carry {@code config}, capturing with {@code capture} and, on demand
   * ({@link DecodedRecord#everyValue()}), with {@code everyValue} (null: never).
   */
  JsonLinesDecoder(
      FieldMap map,
      DecoderConfig config,
      CaptureTable capture,
      CaptureTable everyValue,
      int maxRecordBytes,
      int maxDepth) {
    this.out = new Extractor(new DecodedRecord(config), map);
    this.scanner = new JsonScanner(out, capture, maxDepth);
    EveryValueDecoder.attach(out.record(), map, config, capture, everyValue, maxDepth);
    this.maxRecordBytes = maxRecordBytes;
  }

  @Override
  public void decode(byte[] b, int off, int end, long firstLine, RecordSink sink) {
    long line = firstLine;
    int p = off;
    while (p < end) {
      int q = p;
      while (q < end && (b[q] == ' ' || b[q] == '\t' || b[q] == '\r')) {
        q++;
      }
      if (q < end && b[q] == '\n') {
        p = q + 1;
        line++;
        continue;
      }
      if (q >= end) {
        return;
      }
      out.begin(line);
      int stop = scanner.scan(b, p, end, true);
      int nl;
      String error = null;
      if (stop < 0) {
        error = scanner.error();
        nl = nextNewline(b, scanner.errorPosition(), end);
      } else if (stop < end && b[stop] != '\n') {
        error = "unexpected data after the JSON object";
        nl = nextNewline(b, stop, end);
      } else {
        nl = stop;
      }
      if (nl - p > maxRecordBytes) {
        error = "record larger than " + maxRecordBytes + " bytes";
      }
      if (error != null) {
        sink.malformed(line, error);
      } else {
        out.finish();
        out.record().setRaw(b, p, stop);
        sink.record(out.record());
      }
      p = nl + 1;
      line++;
    }
  }

  static int nextNewline(byte[] b, int from, int end) {
    for (int i = from; i < end; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return end;
  }
}
