package dev.kasa.event;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Concatenated JSON objects of any layout, as {@code evtx_dump} writes them (pretty-printed, one
 * after the other, optionally each after a {@code Record N} line). Frames each top-level object by
 * tracking strings and brace depth, streaming with memory bounded by the max record size; a
 * record's line is the line of its opening brace.
 *
 * <p>A broken record (a stray brace, an unbalanced quote, a record cut short) must not swallow the
 * ones after it, so a record still open is ended, and reported where it starts, at the first line
 * that cannot be inside it in valid JSON:
 *
 * <ul>
 *   <li>a line starting with '{' after a line ending with '{' or '}' ('{' cannot follow either;
 *       strings cannot span lines, so this holds whatever the quotes before it did);
 *   <li>in a pretty-printed record (its '{' alone on the first line at column 1, the next line
 *       indented), a '{' at column 1;
 *   <li>a {@code Record N} line.
 * </ul>
 *
 * A record larger than the limit is reported when it reaches the limit. After garbage or an
 * oversized record, decoding resumes at the next line starting with '{'.
 */
final class JsonObjectStreamDecoder {
  private enum Mode {
    /** Between records: blank space, {@code Record N} lines, or the next '{'. */
    BETWEEN,
    /** Inside a {@code Record N} line; {@link #header} bytes of it seen. */
    HEADER,
    /** Inside a record. */
    RECORD,
    /** After garbage: skipping to the next line that starts with '{'. */
    SKIPPING
  }

  private static final byte[] RECORD = {'R', 'e', 'c', 'o', 'r', 'd', ' '};

  private final Extractor out;
  private final JsonScanner scanner;
  private final int maxRecordBytes;
  private final byte[] in = new byte[64 * 1024];
  private byte[] obj = new byte[64 * 1024];

  // Where the stream is; the decoder is used by one thread for one input.
  private Mode mode = Mode.BETWEEN;
  private long line = 1;
  private int header;
  // The record being framed: obj[0, len), its JSON state, and its layout so far.
  private int len;
  private long startLine;
  private int depth;
  private boolean inString;
  private boolean escape;
  private int lineStart;
  private int linesDone;
  private boolean startedAtColumnOne;
  private boolean firstLineAlone;
  private boolean pretty;
  private boolean lastLineEndsWithBrace;

  JsonObjectStreamDecoder(FieldMap map, int maxRecordBytes, int maxDepth) {
    this(map, CaptureTable.NONE, maxRecordBytes, maxDepth);
  }

  /** A decoder whose records carry a configuration of their own (for tests of one decoder). */
  JsonObjectStreamDecoder(FieldMap map, CaptureTable capture, int maxRecordBytes, int maxDepth) {
    this(map, DecoderConfig.of(capture.source()), capture, null, maxRecordBytes, maxDepth);
  }

  /**
   * A decoder whose records carry {@code config}, capturing with {@code capture} and, on demand
   * ({@link DecodedRecord#everyValue()}), with {@code everyValue} (null: never).
   */
  JsonObjectStreamDecoder(
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

  /** Decodes the whole stream; returns the number of bytes read. */
  long decode(InputStream stream, RecordSink sink, java.util.function.IntConsumer perRead)
      throws IOException {
    long total = 0;
    boolean atLineStart = true;
    int n;
    while ((n = stream.read(in)) > 0) {
      total += n;
      perRead.accept(n);
      int i = 0;
      while (i < n) {
        if (mode == Mode.RECORD) {
          int from = i;
          i = frame(i, n, sink);
          atLineStart = i > from ? in[i - 1] == '\n' : atLineStart;
          continue;
        }
        byte c = in[i++];
        boolean columnOne = atLineStart;
        atLineStart = c == '\n';
        switch (mode) {
          case BETWEEN -> between(c, columnOne, sink);
          case HEADER -> header(c, sink);
          case SKIPPING -> {
            if (c == '{' && columnOne) {
              begin(true);
            }
          }
          case RECORD -> throw new IllegalStateException("records are framed above");
        }
        if (mode == Mode.RECORD) {
          // The '{' that began it is the record's first byte: frame it again.
          i--;
          atLineStart = columnOne;
        } else if (c == '\n') {
          line++;
        }
      }
    }
    if (mode == Mode.RECORD) {
      sink.malformed(startLine, "JSON object not closed at end of input");
    }
    return total;
  }

  private void between(byte c, boolean columnOne, RecordSink sink) {
    if (c == 'R' && columnOne) {
      mode = Mode.HEADER;
      header = 1;
    } else if (c == '{') {
      begin(columnOne);
    } else if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
      sink.malformed(
          line, "expected '{' to start a JSON object, found '" + (char) (c & 0xff) + "'");
      mode = Mode.SKIPPING;
    }
  }

  private void header(byte c, RecordSink sink) {
    if (c == '\n' || c == '\r') {
      if (header <= RECORD.length) {
        sink.malformed(line, "expected '{' to start a JSON object, found text");
      }
      mode = Mode.BETWEEN;
    } else if (header < RECORD.length ? c == RECORD[header] : c >= '0' && c <= '9') {
      header++;
    } else {
      sink.malformed(line, "expected '{' to start a JSON object, found text");
      mode = Mode.SKIPPING;
    }
  }

  /** A record starts with the '{' that is the next byte framed. */
  private void begin(boolean columnOne) {
    mode = Mode.RECORD;
    startLine = line;
    len = 0;
    depth = 0;
    inString = false;
    escape = false;
    lineStart = 0;
    linesDone = 0;
    startedAtColumnOne = columnOne;
    firstLineAlone = false;
    pretty = false;
    lastLineEndsWithBrace = false;
  }

  /**
   * Frames record bytes from {@code in[i, n)} until the record ends, is cut, or the bytes run out;
   * returns the index of the first byte not consumed. The hot loop: state lives in locals here.
   */
  private int frame(int i, int n, RecordSink sink) {
    byte[] o = obj;
    int l = len;
    int d = depth;
    boolean str = inString;
    boolean esc = escape;
    while (i < n) {
      byte c = in[i];
      if (c == '{' && l > 0 && cutsRecordAt(o, l)) {
        sink.malformed(startLine, "JSON object not closed before the next record at line " + line);
        begin(o[l - 1] == '\n');
        l = 0;
        d = 0;
        str = false;
        esc = false;
      }
      if (l == maxRecordBytes) {
        sink.malformed(startLine, "record larger than " + maxRecordBytes + " bytes");
        mode = Mode.SKIPPING;
        return i;
      }
      if (l == o.length) {
        o = obj = Arrays.copyOf(o, (int) Math.min(maxRecordBytes, 2L * o.length));
      }
      o[l++] = c;
      i++;
      if (str) {
        if (esc) {
          esc = false;
        } else if (c == '\\') {
          esc = true;
        } else if (c == '"') {
          str = false;
        }
      } else if (c == '"') {
        str = true;
      } else if (c == '{' || c == '[') {
        d++;
      } else if ((c == '}' || c == ']') && --d == 0) {
        len = l;
        emit(sink);
        mode = Mode.BETWEEN;
        return i;
      }
      if (c == '\n') {
        len = l;
        endOfLine(sink);
        line++;
        if (mode != Mode.RECORD) {
          return i;
        }
      }
    }
    len = l;
    depth = d;
    inString = str;
    escape = esc;
    return i;
  }

  /**
   * Whether a '{' after {@code o[0, l)} cannot belong to the record: first on its line, after a
   * line ending with a brace, or at column 1 of a pretty-printed record.
   */
  private boolean cutsRecordAt(byte[] o, int l) {
    boolean columnOne = o[l - 1] == '\n';
    if (!lastLineEndsWithBrace && !(pretty && columnOne)) {
      return false;
    }
    for (int k = lineStart; k < l; k++) {
      if (!isBlank(o[k])) {
        return false;
      }
    }
    return true;
  }

  /** At the end of a line of the record {@code obj[lineStart, len - 1)}: notes its layout. */
  private void endOfLine(RecordSink sink) {
    int from = lineStart;
    int to = len - 1;
    while (to > from && isBlank(obj[to - 1])) {
      to--;
    }
    int first = from;
    while (first < to && isBlank(obj[first])) {
      first++;
    }
    if (linesDone == 0) {
      firstLineAlone = to - first == 1 && obj[first] == '{';
    } else if (linesDone == 1) {
      pretty = startedAtColumnOne && firstLineAlone && first > from;
    }
    if (to > first) {
      lastLineEndsWithBrace = obj[to - 1] == '{' || obj[to - 1] == '}';
    }
    linesDone++;
    lineStart = len;
    if (FormatDetector.recordHeaderEnd(obj, from, to) == to && to > from) {
      sink.malformed(
          startLine, "JSON object not closed before the 'Record' header at line " + line);
      mode = Mode.BETWEEN;
    }
  }

  private static boolean isBlank(byte c) {
    return c == ' ' || c == '\t' || c == '\r';
  }

  private void emit(RecordSink sink) {
    out.begin(startLine);
    int stop = scanner.scan(obj, 0, len, false);
    if (stop < 0) {
      sink.malformed(startLine, scanner.error());
    } else {
      out.finish();
      out.record().setRaw(obj, 0, stop);
      sink.record(out.record());
    }
  }
}
