package dev.kasa.event;

/**
 * One JSON object per line (NDJSON, Zeek JSON, EVE, flat Windows JSON, one-line evtx_dump). Blank
 * lines are skipped; a bad line is reported as malformed (or, when the source has a {@link
 * LineFallback}, replaced by what that gives) and decoding resumes on the next line.
 */
final class JsonLinesDecoder implements ChunkDecoder {
  private final Extractor out;
  private final JsonScanner scanner;
  private final int maxRecordBytes;
  private final LineFallback fallback;

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
    this(map, config, capture, everyValue, maxRecordBytes, maxDepth, null);
  }

  /** As above, with what a line that is not one JSON object becomes (null: malformed). */
  JsonLinesDecoder(
      FieldMap map,
      DecoderConfig config,
      CaptureTable capture,
      CaptureTable everyValue,
      int maxRecordBytes,
      int maxDepth,
      LineFallback fallback) {
    this.out = new Extractor(new DecodedRecord(config), map);
    this.scanner =
        new JsonScanner(
            out,
            capture,
            maxDepth,
            fallback != null,
            fallback == null ? null : fallback.firstOnly(),
            fallback != null && fallback.firstTrusted());
    EveryValueDecoder.attach(out.record(), map, config, capture, everyValue, maxDepth);
    this.maxRecordBytes = maxRecordBytes;
    this.fallback = fallback;
  }

  @Override
  public long decode(byte[] b, int off, int end, long firstLine, RecordSink sink) {
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
        return line;
      }
      out.begin(line);
      int stop = scanner.scanGuarded(b, p, end);
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
      if (error != null && fallback != null && nl - p <= maxRecordBytes) {
        byte[] instead = fallback.instead(b, p, nl);
        if (instead != null) {
          error = replaced(instead, line, sink);
          if (error == null) {
            p = nl + 1;
            line++;
            continue;
          }
        }
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
    return line;
  }

  /**
   * Decodes the fallback's record for line {@code line}; returns null, or what is wrong with it.
   */
  private String replaced(byte[] instead, long line, RecordSink sink) {
    out.begin(line);
    int stop = scanner.scan(instead, 0, instead.length, true);
    if (stop < 0) {
      return scanner.error();
    }
    if (stop != instead.length) {
      return "unexpected data after the JSON object";
    }
    if (instead.length > maxRecordBytes) {
      return "record larger than " + maxRecordBytes + " bytes";
    }
    out.finish();
    out.record().setRaw(instead, 0, stop);
    sink.record(out.record());
    return null;
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
