package dev.kasa.event;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Concatenated JSON objects of any layout, as {@code evtx_dump} writes them (pretty-printed, one
 * after the other). Frames each top-level object by tracking strings and brace depth, streaming
 * with memory bounded by the max record size; a record's line is the line of its opening brace.
 * After garbage or an oversized object it resynchronises on the next line starting with '{'.
 */
final class JsonObjectStreamDecoder {
  private static final byte[] RECORD = {'R', 'e', 'c', 'o', 'r', 'd', ' '};

  private final Extractor out;
  private final JsonScanner scanner;
  private final int maxRecordBytes;
  private final byte[] in = new byte[64 * 1024];
  private byte[] obj = new byte[64 * 1024];

  JsonObjectStreamDecoder(FieldMap map, int maxRecordBytes, int maxDepth) {
    this(map, CaptureTable.NONE, maxRecordBytes, maxDepth);
  }

  JsonObjectStreamDecoder(FieldMap map, CaptureTable capture, int maxRecordBytes, int maxDepth) {
    this.out = new Extractor(new DecodedRecord(capture.source()), map);
    this.scanner = new JsonScanner(out, capture, maxDepth);
    this.maxRecordBytes = maxRecordBytes;
  }

  /** Decodes the whole stream; returns the number of bytes read. */
  long decode(InputStream stream, RecordSink sink, java.util.function.IntConsumer perRead)
      throws IOException {
    long line = 1;
    long total = 0;
    int depth = 0;
    boolean inString = false;
    boolean escape = false;
    boolean skipping = false;
    boolean atLineStart = true;
    boolean oversized = false;
    // Bytes of a line at depth 0 that may be an evtx_dump "Record N" header, or -1.
    int header = -1;
    int len = 0;
    long startLine = 0;
    int n;
    while ((n = stream.read(in)) > 0) {
      total += n;
      perRead.accept(n);
      for (int i = 0; i < n; i++) {
        byte c = in[i];
        boolean lineStart = atLineStart;
        atLineStart = c == '\n';
        if (skipping) {
          if (c == '{' && lineStart) {
            skipping = false;
          } else {
            if (c == '\n') {
              line++;
            }
            continue;
          }
        }
        if (header >= 0) {
          if (c == '\n' || c == '\r') {
            boolean ok = header > RECORD.length;
            header = -1;
            if (!ok) {
              sink.malformed(line, "expected '{' to start a JSON object, found text");
            }
            if (c == '\n') {
              line++;
            }
          } else if (header < RECORD.length ? c == RECORD[header] : c >= '0' && c <= '9') {
            header++;
          } else {
            header = -1;
            sink.malformed(line, "expected '{' to start a JSON object, found text");
            skipping = true;
          }
          continue;
        }
        if (depth == 0) {
          if (c == '\n') {
            line++;
            continue;
          }
          if (c == 'R' && lineStart) {
            header = 1;
            continue;
          }
          if (c == ' ' || c == '\t' || c == '\r') {
            continue;
          }
          if (c != '{') {
            sink.malformed(
                line, "expected '{' to start a JSON object, found '" + (char) (c & 0xff) + "'");
            skipping = true;
            continue;
          }
          startLine = line;
          len = 0;
          oversized = false;
          inString = false;
          escape = false;
        }
        if (len < maxRecordBytes) {
          if (len == obj.length) {
            obj = Arrays.copyOf(obj, Math.min(maxRecordBytes, obj.length * 2));
          }
          obj[len++] = c;
        } else {
          oversized = true;
        }
        if (c == '\n') {
          line++;
        }
        if (inString) {
          if (escape) {
            escape = false;
          } else if (c == '\\') {
            escape = true;
          } else if (c == '"') {
            inString = false;
          }
        } else if (c == '"') {
          inString = true;
        } else if (c == '{' || c == '[') {
          depth++;
        } else if (c == '}' || c == ']') {
          depth--;
          if (depth == 0) {
            emit(startLine, len, oversized, sink);
          }
        }
      }
    }
    if (depth > 0 && !skipping) {
      sink.malformed(startLine, "JSON object not closed at end of input");
    }
    return total;
  }

  private void emit(long line, int len, boolean oversized, RecordSink sink) {
    if (oversized) {
      sink.malformed(line, "record larger than " + maxRecordBytes + " bytes");
      return;
    }
    out.begin(line);
    int stop = scanner.scan(obj, 0, len, false);
    if (stop < 0) {
      sink.malformed(line, scanner.error());
    } else {
      out.finish();
      out.record().setRaw(obj, 0, stop);
      sink.record(out.record());
    }
  }
}
