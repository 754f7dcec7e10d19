package dev.kasa.event;

import dev.kasa.Problem;
import dev.kasa.evtx.EvtxChunkDecoder;
import dev.kasa.evtx.EvtxProblem;
import dev.kasa.evtx.EvtxStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.function.LongConsumer;

/**
 * The file-free intake: decodes bytes or a stream named by an {@link EventSource} (a request body,
 * a broker record) exactly as {@link EventScanner} decodes a file of that source: gzip undone,
 * format detected unless the source names it, records cut and decoded by the same decoders, the
 * same limits and the same malformed-record reports. Decoding runs on the calling thread. No
 * meaning is read from the source's name. Thread-safe: one instance may serve many callers at once.
 */
public final class Decoders {
  private static final LongConsumer NO_PROGRESS = n -> {};

  private final ScanOptions options;
  private final int capacity;

  /** Chunk buffers kept for reuse; bounded, so idle memory is too. */
  private final ArrayBlockingQueue<byte[]> spare = new ArrayBlockingQueue<>(4);

  private final InputReader.Buffers pool =
      new InputReader.Buffers() {
        @Override
        public byte[] take() {
          byte[] b = spare.poll();
          return b != null ? b : new byte[capacity];
        }

        @Override
        public void recycle(byte[] b) {
          if (b.length == capacity) {
            spare.offer(b);
          }
        }
      };

  /**
   * Decoders with {@code options}' field maps, limits and chunk size ({@link ScanOptions#threads()}
   * and {@link ScanOptions#forcedFormat()} are not used: the source names a format or it is
   * detected).
   */
  public Decoders(ScanOptions options) {
    this.options = Objects.requireNonNull(options, "options").withForcedFormat(null);
    this.capacity =
        (int)
            Math.min(
                Integer.MAX_VALUE - 16, (long) options.chunkBytes() + options.maxRecordBytes() + 1);
  }

  /**
   * What decoding one input gave.
   *
   * @param input the input as decoded: its name, format and field-map source
   * @param result what the task returned
   * @param summary records, malformed records (the first ones listed) and bytes
   * @param damage what ended the input early (a truncated gzip stream, a read error), or null when
   *     it was read to its end; the records before it were decoded
   */
  public record Decoded<R>(EventInput input, R result, InputSummary summary, String damage) {
    public Decoded {
      Objects.requireNonNull(input, "input");
      Objects.requireNonNull(summary, "summary");
    }
  }

  /**
   * Decodes {@code bytes} as {@code source}; see {@link #decode(EventSource, InputStream,
   * ChunkProcessor)}.
   */
  public <R> Decoded<R> decode(EventSource source, byte[] bytes, ChunkProcessor<R> processor) {
    return decodeStream(source, bytes, 0, bytes.length, processor);
  }

  /** {@code b[from, to)} decoded as a stream of those bytes. */
  private <R> Decoded<R> decodeStream(
      EventSource source, byte[] b, int from, int to, ChunkProcessor<R> processor) {
    try {
      return decode(source, new ByteArrayInputStream(b, from, to - from), processor);
    } catch (IOException e) {
      // Only a gzip stream can fail this early; a byte array itself cannot.
      return new Decoded<>(
          new EventInput(source.name(), EventFormat.NDJSON, "ndjson"),
          null,
          new InputSummary(0, 0, List.of(), 0),
          "cannot read: " + e.getMessage());
    }
  }

  /**
   * Decodes {@code b[from, to)}, held in memory, as {@code source}: the same records, malformed
   * records and summary as {@link #decode(EventSource, InputStream, ChunkProcessor)} of a stream of
   * those bytes, but where they lie when the source names a line format (not EVTX) and the bytes
   * are plain, one record per line: no copy, no detection of the format, no counting of lines ahead
   * of the decoder. Anything else is decoded as such a stream. The caller must not change the bytes
   * until this returns; they are not kept.
   */
  public <R> Decoded<R> decode(
      EventSource source, byte[] b, int from, int to, ChunkProcessor<R> processor) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(processor, "processor");
    Objects.checkFromToIndex(from, to, b.length);
    InputReader reader = new InputReader(pool, options, NO_PROGRESS);
    if (!reader.openInPlace(source, b, from, to)) {
      return decodeStream(source, b, from, to, processor);
    }
    ChunkTask<R> task = processor.start(reader.input());
    ChunkStats stats = reader.decodeInPlace(b, from, to, task.decoderConfig(), task);
    List<Problem> reasons = new ArrayList<>();
    keep(reasons, stats.reasons);
    R result = task.finish();
    return new Decoded<>(
        reader.input(),
        result,
        new InputSummary(stats.records, stats.malformed, reasons, reader.bytes()),
        null);
  }

  /**
   * Decodes everything {@code in} holds (not closing it) as {@code source}: {@code processor} is
   * asked once, when the format is known, for the one task that receives every record in order and
   * whose {@link ChunkTask#decoderConfig()} the decoders use.
   *
   * @throws IOException when not even the start can be read (a read error, a gzip header cut
   *     short); damage later ends the input and is reported in {@link Decoded#damage()}
   */
  public <R> Decoded<R> decode(EventSource source, InputStream in, ChunkProcessor<R> processor)
      throws IOException {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(processor, "processor");
    InputReader reader = new InputReader(pool, options, NO_PROGRESS);
    reader.open(source, false, in, false, null);
    EventInput input = reader.input();
    ChunkTask<R> task = processor.start(input);
    DecoderConfig config = task.decoderConfig();
    long records = 0;
    long malformed = 0;
    long bytes;
    List<Problem> reasons = new ArrayList<>();
    String damage;
    if (input.format() == EventFormat.EVTX) {
      ChunkStats stats = evtx(reader, config, task);
      records = stats.records;
      malformed = stats.malformed;
      keep(reasons, stats.reasons);
      bytes = reader.bytes();
      damage = stats.ioError;
    } else if (reader.linesLayout()) {
      InputReader.Chunk chunk;
      while ((chunk = reader.next()) != null) {
        ChunkStats stats = reader.decodeChunk(chunk, config, task);
        records += stats.records;
        malformed += stats.malformed;
        keep(reasons, stats.reasons);
      }
      bytes = reader.bytes();
      damage = reader.damage();
    } else {
      ChunkStats stats = reader.decodeObjects(config, task);
      records = stats.records;
      malformed = stats.malformed;
      keep(reasons, stats.reasons);
      bytes = stats.bytes;
      damage = stats.ioError;
    }
    R result = task.finish();
    return new Decoded<>(
        input, result, new InputSummary(records, malformed, reasons, bytes), damage);
  }

  /**
   * Decodes an EVTX input chunk by chunk on this thread; the problems of the file (a damaged
   * header, a truncated chunk) are counted as malformed records as for files, and a read error ends
   * it as damage.
   */
  private ChunkStats evtx(InputReader reader, DecoderConfig config, RecordSink sink) {
    ChunkStats all = new ChunkStats(sink, reader.input().name(), options.maxReportedMalformed());
    List<EvtxProblem> pre = new ArrayList<>();
    EvtxStream evtx;
    try {
      evtx = reader.evtxStream();
    } catch (IOException | IllegalArgumentException e) {
      all.ioError = "cannot read: " + e.getMessage();
      return all;
    }
    try {
      if (evtx.headerProblem() != null) {
        pre.add(evtx.headerProblem());
      }
      byte[] buf = new byte[EvtxChunkDecoder.CHUNK_SIZE];
      while (true) {
        long first = evtx.nextChunk();
        int n = evtx.read(buf, 1);
        if (n == 0) {
          break;
        }
        add(all, reader.decodeEvtx(buf, n, first, List.copyOf(pre), config, sink));
        pre.clear();
      }
      if (evtx.truncation() != null) {
        pre.add(evtx.truncation());
      }
    } catch (IOException e) {
      all.ioError = "read error after " + reader.bytes() + " bytes: " + e.getMessage();
    }
    if (!pre.isEmpty()) {
      add(all, reader.decodeEvtx(new byte[0], 0, 0, pre, config, sink));
    }
    return all;
  }

  private void add(ChunkStats into, ChunkStats more) {
    into.records += more.records;
    into.malformed += more.malformed;
    keep(into.reasons, more.reasons);
  }

  private void keep(List<Problem> into, List<Problem> more) {
    for (Problem m : more) {
      if (into.size() < options.maxReportedMalformed()) {
        into.add(m);
      }
    }
  }
}
