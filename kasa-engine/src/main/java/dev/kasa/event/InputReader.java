package dev.kasa.event;

import dev.kasa.evtx.EvtxChunkDecoder;
import dev.kasa.evtx.EvtxFileHeader;
import dev.kasa.evtx.EvtxProblem;
import dev.kasa.evtx.EvtxStream;
import dev.kasa.input.InputBytes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Reads one input: undoes gzip, detects the format, and cuts line-oriented content into chunks of
 * whole lines with their first line number (counted here so that workers need not). {@link #open},
 * {@link #next} run on the reading thread; {@code decode*} on a worker (or the same thread).
 */
final class InputReader {
  private static final int DETECT_BYTES = 64 * 1024;

  /** Where chunk buffers come from and go back to. */
  interface Buffers {
    byte[] take();

    void recycle(byte[] b);
  }

  private final Buffers buffers;
  private final ScanOptions options;
  private final LongConsumer progress;
  private InputBytes in;
  private OpenedFile file;
  private boolean closeWhenDone;
  private EventInput input;
  private LineFallback fallback;
  private boolean linesLayout;
  private byte[] buf;
  private int fill;
  private boolean eof;
  private boolean finished;
  private long line = 1;
  private long bytes;
  private ZeekHeader header = ZeekHeader.INITIAL;

  /** The chunk cut last whose lines are not counted yet (JSON lines only), or null. */
  private Chunk uncounted;

  /**
   * Whole lines {@code buf[0, len)} starting at {@code firstLine}; {@code tooLarge} precede them:
   * the lines of records skipped as larger than the limit. {@code end} receives the line after them
   * from the chunk's decoder.
   */
  record Chunk(
      byte[] buf, int len, long firstLine, ZeekHeader header, List<Long> tooLarge, LineEnd end) {}

  /**
   * The line after a chunk's last, as its decoder counted it while walking its lines; until then
   * -1. When the chunk was decoded before the next one is cut (one thread decoding what it reads,
   * as the scanner does when it is asked for one thread), the reading thread takes it from here
   * instead of counting the chunk's newlines itself, a pass over every byte.
   */
  static final class LineEnd {
    private volatile long line = -1;
  }

  InputReader(Buffers buffers, ScanOptions options, LongConsumer progress) {
    this.buffers = buffers;
    this.options = options;
    this.progress = progress;
  }

  /**
   * Opens the input and reads its first bytes to detect the format.
   *
   * @param source what the caller says of the input; a format it names wins over the options'
   *     forced format, which wins over detection
   * @param fileName true when {@code source}'s name is a file name that may tell a Zeek JSON log's
   *     type ({@code dns.log}) where the source does not say it
   * @param file the regular file {@code raw} reads, to check once read that it did not change in a
   *     way that lost records; null for other inputs
   * @throws IOException saying what is wrong when not even that can be read
   */
  void open(EventSource source, boolean fileName, InputStream raw, boolean close, OpenedFile file)
      throws IOException {
    this.closeWhenDone = close;
    this.file = file;
    fallback = source.fallback();
    in = InputBytes.open(raw);
    buf = buffers.take();
    fillTo(Math.min(buf.length, Math.max(DETECT_BYTES, options.chunkBytes())));
    FormatDetector.Detection d = FormatDetector.detect(buf, Math.min(fill, DETECT_BYTES));
    // A .evtx file is binary: its header decides, whatever text format is named or forced.
    EventFormat format =
        d.format() == EventFormat.EVTX
            ? EventFormat.EVTX
            : source.format() != null
                ? source.format()
                : options.forcedFormat() != null ? options.forcedFormat() : d.format();
    linesLayout = format == EventFormat.ZEEK_TSV || d.linesLayout();
    input = input(source, format, fileName, buf, 0, fill);
  }

  /**
   * Opens {@code b[from, to)}, held in memory, for {@link #decodeInPlace}, when it needs nothing of
   * what {@link #open} does beyond what {@code source} says: returns false, opening nothing, when
   * the source names no format or the bytes are gzip, EVTX, or not one record per line.
   */
  boolean openInPlace(EventSource source, byte[] b, int from, int to) {
    EventFormat format = source.format();
    int window = Math.min(to, from + DETECT_BYTES);
    if (format == null
        || format == EventFormat.EVTX
        || (to - from >= 2 && (b[from] & 0xff) == 0x1f && (b[from + 1] & 0xff) == 0x8b)
        || EvtxFileHeader.isEvtx(b, from, window - from)
        || !(format == EventFormat.ZEEK_TSV || FormatDetector.linesLayout(b, from, window))) {
      return false;
    }
    fallback = source.fallback();
    linesLayout = true;
    bytes = to - from;
    input = input(source, format, false, b, from, to);
    return true;
  }

  /**
   * The input as decoded: {@code format}, and the field-map source {@code source} names or, if it
   * names none, the one {@code b[from, to)} (the first bytes) and the name say.
   */
  private EventInput input(
      EventSource source, EventFormat format, boolean fileName, byte[] b, int from, int to) {
    String name = source.name();
    String fieldMapSource = source.fieldMapSource();
    if (format == EventFormat.ZEEK_TSV) {
      ZeekHeader h = ZeekHeader.INITIAL;
      int p = from;
      while (p < to && b[p] == '#') {
        int nl = JsonLinesDecoder.nextNewline(b, p, to);
        h = h.apply(b, p, nl);
        p = nl + 1;
      }
      if (h.path() != null) {
        fieldMapSource = "zeek:" + h.path();
      } else if (fieldMapSource == null) {
        fieldMapSource = "zeek";
      }
    } else if (fieldMapSource == null && format == EventFormat.EVTX) {
      fieldMapSource = EventFormat.EVTX_JSON.cliName();
    } else if (fieldMapSource == null && format == EventFormat.ZEEK_JSON) {
      String type =
          fileName ? FormatDetector.zeekLogType(name, options.fieldMaps().zeekLogTypes()) : null;
      fieldMapSource = type == null ? "zeek" : "zeek:" + type;
    } else if (fieldMapSource == null) {
      fieldMapSource = format.cliName();
    }
    return new EventInput(name, format, fieldMapSource);
  }

  EventInput input() {
    return input;
  }

  boolean linesLayout() {
    return linesLayout;
  }

  long bytes() {
    return bytes;
  }

  /**
   * Once the input has been read to its end: what ended it early (a truncated gzip stream, a read
   * error, the file truncated or replaced meanwhile), or null when it was read whole.
   */
  String damage() {
    if (in.damage() != null) {
      return in.damage();
    }
    return file == null ? null : file.lossAfterReading(in.rawBytes());
  }

  /** Reads up to {@code target} bytes; the input's damage ends it like its end does. */
  private void fillTo(int target) {
    while (!eof && fill < target) {
      int n = in.read(buf, fill, target - fill);
      if (n < 0) {
        eof = true;
      } else {
        fill += n;
        bytes += n;
        progress.accept(n);
      }
    }
  }

  /** The next chunk of whole lines, or null at the end (the stream is then closed if owned). */
  Chunk next() throws IOException {
    if (finished) {
      return null;
    }
    if (uncounted != null) {
      // The chunk's buffer is intact even if it was given back: only this thread takes buffers.
      long end = uncounted.end().line;
      line = end >= 0 ? end : uncounted.firstLine() + countLines(uncounted.buf(), uncounted.len());
      uncounted = null;
    }
    int chunkBytes = options.chunkBytes();
    List<Long> pre = new ArrayList<>();
    while (true) {
      fillTo(Math.min(chunkBytes, buf.length));
      int cut = eof ? fill : lastNewline(buf, 0, fill) + 1;
      while (cut == 0 && !eof && fill < buf.length) {
        int from = fill;
        fillTo(Math.min(buf.length, fill + 64 * 1024));
        cut = eof ? fill : lastNewline(buf, from, fill) + 1;
      }
      if (cut == 0 && fill == buf.length) {
        pre.add(line);
        skipLine();
        continue;
      }
      if (cut == 0) {
        finished = true;
        if (closeWhenDone) {
          in.close();
        }
        if (pre.isEmpty()) {
          buffers.recycle(buf);
          return null;
        }
        Chunk last = new Chunk(buf, 0, line, header, pre, new LineEnd());
        buf = new byte[0];
        return last;
      }
      byte[] next = buffers.take();
      System.arraycopy(buf, cut, next, 0, fill - cut);
      Chunk chunk = new Chunk(buf, cut, line, header, pre, new LineEnd());
      if (input.format() == EventFormat.ZEEK_TSV) {
        // Counted here: the count follows the header lines, which the next chunk starts from.
        line += countLines(buf, cut);
      } else {
        uncounted = chunk;
      }
      buf = next;
      fill -= cut;
      return chunk;
    }
  }

  private void skipLine() {
    while (true) {
      fill = 0;
      fillTo(Math.min(buf.length, 64 * 1024));
      if (fill == 0) {
        return;
      }
      int k = JsonLinesDecoder.nextNewline(buf, 0, fill);
      if (k < fill) {
        System.arraycopy(buf, k + 1, buf, 0, fill - k - 1);
        fill -= k + 1;
        line++;
        return;
      }
    }
  }

  /** Counts newlines; for Zeek TSV also follows the header lines for the next chunk. */
  private long countLines(byte[] b, int len) {
    long n = 0;
    if (input.format() == EventFormat.ZEEK_TSV) {
      int p = 0;
      while (p < len) {
        int nl = JsonLinesDecoder.nextNewline(b, p, len);
        if (b[p] == '#') {
          header = header.apply(b, p, nl);
        }
        if (nl < len) {
          n++;
        }
        p = nl + 1;
      }
      return n;
    }
    int i = 0;
    for (; i + 8 <= len; i += 8) {
      long t = (long) LONGS.get(b, i) ^ 0x0a0a0a0a0a0a0a0aL;
      // High bit set exactly in the bytes of t that are zero (no borrow between bytes).
      long y = ~(((t & 0x7f7f7f7f7f7f7f7fL) + 0x7f7f7f7f7f7f7f7fL) | t | 0x7f7f7f7f7f7f7f7fL);
      n += Long.bitCount(y);
    }
    for (; i < len; i++) {
      if (b[i] == '\n') {
        n++;
      }
    }
    return n;
  }

  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
          long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  private static int lastNewline(byte[] b, int from, int to) {
    for (int i = to - 1; i >= from; i--) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /**
   * Decodes chunk {@code c} into {@code sink} with {@code config}, then gives its buffer back.
   * Returns what passed.
   */
  ChunkStats decodeChunk(Chunk c, DecoderConfig config, RecordSink sink) {
    ChunkStats stats = new ChunkStats(sink, input.name(), options.maxReportedMalformed());
    for (long line : c.tooLarge()) {
      stats.malformed(line, "record larger than " + options.maxRecordBytes() + " bytes");
    }
    c.end().line = decoder(config, c.header()).decode(c.buf(), 0, c.len(), c.firstLine(), stats);
    buffers.recycle(c.buf());
    return stats;
  }

  /**
   * Decodes {@code b[from, to)}, opened by {@link #openInPlace}, into {@code sink} with {@code
   * config} as one chunk from line 1, where it lies. Returns what passed.
   */
  ChunkStats decodeInPlace(byte[] b, int from, int to, DecoderConfig config, RecordSink sink) {
    ChunkStats stats = new ChunkStats(sink, input.name(), options.maxReportedMalformed());
    decoder(config, ZeekHeader.INITIAL).decode(b, from, to, 1, stats);
    return stats;
  }

  private ChunkDecoder decoder(DecoderConfig config, ZeekHeader header) {
    CaptureTable capture = config.table(input.format(), input.fieldMapSource());
    return input.format() == EventFormat.ZEEK_TSV
        ? new ZeekTsvDecoder(options.fieldMaps(), config, capture, header, options.maxRecordBytes())
        : new JsonLinesDecoder(
            config.map(options.fieldMaps().forSource(input.fieldMapSource())),
            config,
            capture,
            config.everyValueTable(input.format(), input.fieldMapSource()),
            options.maxRecordBytes(),
            options.maxDepth(),
            fallback);
  }

  /**
   * The rest of the input as an EVTX file (the bytes read for detection first); the stream is
   * counted for progress and closed by the caller.
   */
  EvtxStream evtxStream() throws IOException {
    InputStream counted =
        new java.io.FilterInputStream(in) {
          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
              bytes += n;
              progress.accept(n);
            }
            return n;
          }
        };
    InputStream all =
        new SequenceInputStream(new ByteArrayInputStream(Arrays.copyOf(buf, fill)), counted);
    buffers.recycle(buf);
    buf = new byte[0];
    return new EvtxStream(all);
  }

  /**
   * Decodes {@code n} chunks of an EVTX file, held at {@code chunks[0, n * 64 KiB)}, into {@code
   * sink} with {@code config}, then gives the buffer back; {@code pre} are problems found before.
   * Returns what passed.
   */
  ChunkStats decodeEvtx(
      byte[] chunks,
      int n,
      long first,
      List<EvtxProblem> pre,
      DecoderConfig config,
      RecordSink sink) {
    ChunkStats stats = new ChunkStats(sink, input.name(), options.maxReportedMalformed());
    for (EvtxProblem p : pre) {
      EvtxRecordDecoder.malformed(stats, p);
    }
    if (n > 0) {
      EvtxRecordDecoder decoder =
          new EvtxRecordDecoder(
              config.map(options.fieldMaps().forSource(input.fieldMapSource())),
              config,
              config.table(input.format(), input.fieldMapSource()),
              config.everyValueTable(input.format(), input.fieldMapSource()),
              options.maxRecordBytes(),
              options.maxDepth(),
              stats);
      for (int i = 0; i < n; i++) {
        decoder.decode(chunks, i * EvtxChunkDecoder.CHUNK_SIZE, first + i);
      }
      buffers.recycle(chunks);
    }
    return stats;
  }

  /**
   * Decodes the whole free-layout input into {@code sink} with {@code config}; the stats hold the
   * bytes read and what ended the input early (read error, damage), if anything did.
   */
  ChunkStats decodeObjects(DecoderConfig config, RecordSink sink) {
    ChunkStats stats = new ChunkStats(sink, input.name(), options.maxReportedMalformed());
    InputStream all =
        new SequenceInputStream(new ByteArrayInputStream(Arrays.copyOf(buf, fill)), in);
    buffers.recycle(buf);
    long before = bytes - fill;
    String error = null;
    long read = fill;
    JsonObjectStreamDecoder decoder =
        new JsonObjectStreamDecoder(
            config.map(options.fieldMaps().forSource(input.fieldMapSource())),
            config,
            config.table(input.format(), input.fieldMapSource()),
            config.everyValueTable(input.format(), input.fieldMapSource()),
            options.maxRecordBytes(),
            options.maxDepth());
    try {
      long[] prefix = {fill};
      read =
          decoder.decode(
              all,
              stats,
              n -> {
                long counted = Math.min(prefix[0], n);
                prefix[0] -= counted;
                progress.accept(n - counted);
              });
    } catch (IOException e) {
      error = "read error: " + e.getMessage();
    } finally {
      error = error != null ? error : damage();
      if (closeWhenDone) {
        try {
          in.close();
        } catch (IOException e) {
          error = error != null ? error : "cannot close: " + e.getMessage();
        }
      }
    }
    stats.bytes = before + read;
    stats.ioError = error;
    return stats;
  }
}
