package dev.kasa.event;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.Problem;
import dev.kasa.evtx.EvtxChunkDecoder;
import dev.kasa.evtx.EvtxProblem;
import dev.kasa.evtx.EvtxStream;
import dev.kasa.input.InputFiles;
import dev.kasa.input.InputNames;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The file front end of event decoding: scans files, directories (walked recursively, sorted by
 * path), gzip (detected by its magic bytes) and {@code -} for the standard input it was given. The
 * format is detected per file (or forced); line-oriented inputs are read on the calling thread in
 * chunks cut at newlines and decoded on the injected executor's threads; {@code .evtx} files (found
 * by their header, whatever format is forced) in batches of whole 64 KiB chunks, decoded likewise;
 * free-layout JSON (pretty-printed evtx_dump) is decoded as one stream by one task. When {@link
 * ScanOptions#threads()} is 1, every task runs on the calling thread instead, between reads (the
 * executor is not used). Each file is read exactly as {@link Decoders} reads bytes of the same
 * {@link EventSource}, except that a Zeek JSON log's type may be read from its file name. Results
 * reach the {@link ScanListener} on the calling thread in input order. Memory is bounded: at most
 * two chunks per thread of {@link ScanOptions#threads()} are in flight.
 *
 * <p>One scan at a time per instance; {@link #bytesRead()}, {@link #recordsDecoded()} and {@link
 * #cancel()} may be called from any thread while it runs.
 */
public final class EventScanner {
  private final ScanOptions options;
  private final Executor workers;
  private final InputStream stdin;
  private final AtomicLong bytesRead = new AtomicLong();
  private final LongAdder recordsDecoded = new LongAdder();
  private final ConcurrentLinkedQueue<byte[]> buffers = new ConcurrentLinkedQueue<>();
  private final int capacity;
  private volatile boolean cancelled;

  /**
   * A scanner whose chunks are decoded on {@code workers} (which it never shuts down), and which
   * has no standard input: {@code -} is reported unreadable.
   */
  public EventScanner(ScanOptions options, Executor workers) {
    this(options, workers, null);
  }

  /**
   * A scanner whose chunks are decoded on {@code workers} (which it never shuts down), reading
   * {@code -} from {@code stdin} (which it does not close).
   */
  public EventScanner(ScanOptions options, Executor workers, InputStream stdin) {
    this.options = Objects.requireNonNull(options, "options");
    this.workers = Objects.requireNonNull(workers, "workers");
    this.stdin = stdin;
    this.capacity =
        (int)
            Math.min(
                Integer.MAX_VALUE - 16, (long) options.chunkBytes() + options.maxRecordBytes() + 1);
  }

  /** Bytes read so far (after decompression), for progress. Thread-safe. */
  public long bytesRead() {
    return bytesRead.get();
  }

  /** Records decoded so far (updated per chunk), for progress. Thread-safe. */
  public long recordsDecoded() {
    return recordsDecoded.sum();
  }

  /**
   * Stops the scan running now: no further chunk is read or delivered, and {@link #scan} returns
   * totals marked {@link ScanTotals#cancelled()}. Chunks a worker already started finish there and
   * their results are dropped. Thread-safe; a later scan starts afresh.
   */
  public void cancel() {
    cancelled = true;
  }

  /**
   * Scans {@code inputs} in order. Unreadable inputs are reported to the listener and skipped.
   * Exceptions thrown by the processor's tasks or by the listener end the scan and are rethrown.
   */
  public <R> ScanTotals scan(
      List<String> inputs, ChunkProcessor<R> processor, ScanListener<R> listener) {
    cancelled = false;
    Run<R> run = new Run<>(processor, listener);
    try {
      for (String input : inputs) {
        if (cancelled) {
          break;
        }
        run.input(input);
      }
      run.drainAll();
      return run.totals(cancelled);
    } finally {
      run.abandon();
    }
  }

  private final InputReader.Buffers pool =
      new InputReader.Buffers() {
        @Override
        public byte[] take() {
          byte[] b = buffers.poll();
          return b != null ? b : new byte[capacity];
        }

        @Override
        public void recycle(byte[] b) {
          if (b.length == capacity) {
            buffers.offer(b);
          }
        }
      };

  private final class Run<R> {
    private final ChunkProcessor<R> processor;
    private final ScanListener<R> listener;
    private final ArrayDeque<Pending<R>> pending = new ArrayDeque<>();
    private int inFlight;
    private int inputs;
    private int unreadable;
    private long records;
    private long malformed;
    private long bytes;

    Run(ChunkProcessor<R> processor, ScanListener<R> listener) {
      this.processor = processor;
      this.listener = listener;
    }

    ScanTotals totals(boolean cancelled) {
      return new ScanTotals(inputs, unreadable, records, malformed, bytes, cancelled);
    }

    void input(String input) {
      if (input.equals("-")) {
        if (stdin == null) {
          pending.add(Pending.unreadable("-", "no standard input to read"));
        } else {
          stream("-", stdin, false, null);
        }
        return;
      }
      Path path = Path.of(input);
      if (Files.isDirectory(path)) {
        for (InputFiles.Entry e : InputFiles.walk(path)) {
          if (cancelled) {
            return;
          }
          String notLog = e.skipped() == null ? InputNames.notLog(e.path()) : null;
          if (notLog != null) {
            // A README or licence beside the logs: a dataset's furniture, not a broken input.
            listener.skipped(e.path().toString(), notLog);
          } else if (e.skipped() == null) {
            file(e.path().toString(), e.path());
          } else {
            pending.add(Pending.unreadable(e.path().toString(), e.skipped()));
          }
        }
      } else if (!Files.exists(path)) {
        pending.add(Pending.unreadable(input, "no such file or directory"));
      } else {
        file(input, path);
      }
    }

    private void file(String name, Path path) {
      InputStream in;
      try {
        in = Files.newInputStream(path);
      } catch (IOException e) {
        pending.add(Pending.unreadable(name, "cannot open: " + InputFiles.reason(e)));
        return;
      }
      stream(name, in, true, OpenedFile.of(path));
    }

    /**
     * Reads one input on this thread; submits its chunks. Closes {@code raw} when {@code close}.
     */
    private void stream(String name, InputStream raw, boolean close, OpenedFile file) {
      InputReader reader = new InputReader(pool, options, bytesRead::addAndGet);
      try {
        reader.open(EventSource.detected(name), true, raw, close, file);
      } catch (IOException e) {
        closeQuietly(raw, close);
        pending.add(Pending.unreadable(name, "cannot read: " + e.getMessage()));
        return;
      }
      EventInput input = reader.input();
      InputAccumulator acc = new InputAccumulator(options.maxReportedMalformed());
      if (input.format() == EventFormat.EVTX) {
        evtx(reader, input, acc, raw, close);
        return;
      }
      inputs++;
      if (!reader.linesLayout()) {
        ChunkTask<R> task = processor.start(input);
        submit(input, acc, () -> objects(reader, task));
        pending.add(Pending.end(input, acc));
        return;
      }
      try {
        InputReader.Chunk chunk;
        while (!cancelled && (chunk = reader.next()) != null) {
          InputReader.Chunk c = chunk;
          while (inFlight >= 2 * options.threads()) {
            drainOne();
          }
          ChunkTask<R> task = processor.start(input);
          submit(input, acc, () -> lines(reader, c, task));
        }
      } catch (IOException e) {
        closeQuietly(raw, close);
        pending.add(Pending.unreadable(name, "cannot close: " + e.getMessage()));
      }
      if (cancelled) {
        closeQuietly(raw, close);
        return;
      }
      if (reader.damage() != null) {
        pending.add(Pending.unreadable(name, reader.damage()));
      }
      acc.bytes = reader.bytes();
      pending.add(Pending.end(input, acc));
    }

    private Outcome<R> lines(InputReader reader, InputReader.Chunk c, ChunkTask<R> task) {
      ChunkStats stats = reader.decodeChunk(c, task.decoderConfig(), task);
      R result = task.finish();
      recordsDecoded.add(stats.records);
      return new Outcome<>(result, stats.records, stats.malformed, stats.reasons, 0, null);
    }

    private Outcome<R> objects(InputReader reader, ChunkTask<R> task) {
      ChunkStats stats = reader.decodeObjects(task.decoderConfig(), task);
      R result = task.finish();
      recordsDecoded.add(stats.records);
      return new Outcome<>(
          result, stats.records, stats.malformed, stats.reasons, stats.bytes, stats.ioError);
    }

    /** Reads a .evtx file in batches of whole chunks; workers decode them. */
    private void evtx(
        InputReader reader,
        EventInput input,
        InputAccumulator acc,
        InputStream raw,
        boolean close) {
      EvtxStream evtx;
      try {
        evtx = reader.evtxStream();
      } catch (IOException | IllegalArgumentException e) {
        closeQuietly(raw, close);
        pending.add(Pending.unreadable(input.name(), "cannot read: " + e.getMessage()));
        return;
      }
      inputs++;
      List<EvtxProblem> pre = new ArrayList<>();
      if (evtx.headerProblem() != null) {
        pre.add(evtx.headerProblem());
      }
      int batch =
          Math.max(1, Math.min(capacity, options.chunkBytes()) / EvtxChunkDecoder.CHUNK_SIZE);
      try {
        while (!cancelled) {
          // The pooled buffers hold at least one chunk unless the limits are tiny.
          byte[] buf =
              capacity >= EvtxChunkDecoder.CHUNK_SIZE
                  ? pool.take()
                  : new byte[EvtxChunkDecoder.CHUNK_SIZE];
          long first = evtx.nextChunk();
          int n = evtx.read(buf, batch);
          if (n == 0) {
            pool.recycle(buf);
            break;
          }
          while (inFlight >= 2 * options.threads()) {
            drainOne();
          }
          List<EvtxProblem> before = List.copyOf(pre);
          pre.clear();
          ChunkTask<R> task = processor.start(input);
          submit(input, acc, () -> evtxChunks(reader, buf, n, first, before, task));
        }
        if (evtx.truncation() != null) {
          pre.add(evtx.truncation());
        }
      } catch (IOException e) {
        pending.add(
            Pending.unreadable(
                input.name(), "read error after " + reader.bytes() + " bytes: " + e.getMessage()));
      } finally {
        closeQuietly(raw, close);
      }
      if (cancelled) {
        return;
      }
      if (!pre.isEmpty()) {
        List<EvtxProblem> last = List.copyOf(pre);
        ChunkTask<R> task = processor.start(input);
        submit(input, acc, () -> evtxChunks(reader, new byte[0], 0, 0, last, task));
      }
      acc.bytes = reader.bytes();
      pending.add(Pending.end(input, acc));
    }

    private Outcome<R> evtxChunks(
        InputReader reader,
        byte[] buf,
        int n,
        long first,
        List<EvtxProblem> pre,
        ChunkTask<R> task) {
      ChunkStats stats = reader.decodeEvtx(buf, n, first, pre, task.decoderConfig(), task);
      R result = task.finish();
      recordsDecoded.add(stats.records);
      return new Outcome<>(result, stats.records, stats.malformed, stats.reasons, 0, null);
    }

    private void closeQuietly(InputStream raw, boolean close) {
      if (close) {
        try {
          raw.close();
        } catch (IOException ignored) {
          // already reporting the input as unreadable, or cancelled
        }
      }
    }

    private void submit(EventInput input, InputAccumulator acc, Callable<Outcome<R>> job) {
      FutureTask<Outcome<R>> future = new FutureTask<>(job);
      pending.add(new Pending<>(input, acc, future, null));
      inFlight++;
      if (options.threads() == 1) {
        // One thread reading and decoding, as the reference parser does: no hand-off per chunk,
        // the chunk still in this core's cache, and its lines counted by its decoder, not again
        // by the reader (InputReader.LineEnd).
        future.run();
      } else {
        workers.execute(future);
      }
    }

    void drainAll() {
      while (!pending.isEmpty() && !cancelled) {
        drainOne();
      }
    }

    private void drainOne() {
      Pending<R> p = pending.poll();
      if (p.future() != null) {
        inFlight--;
        Outcome<R> o = await(p.future());
        if (cancelled) {
          return;
        }
        p.acc().add(o);
        records += o.records();
        malformed += o.malformed();
        listener.chunkDone(p.input(), o.result());
        if (o.ioError() != null) {
          unreadable++;
          listener.unreadable(p.input().name(), o.ioError());
        }
      } else if (p.input() != null) {
        bytes += p.acc().bytes;
        listener.inputDone(p.input(), p.acc().summary());
      } else {
        unreadable++;
        listener.unreadable(p.name(), p.reason());
      }
    }

    /** Tasks not started yet are dropped (the executor is the caller's, so it is not shut down). */
    void abandon() {
      for (Pending<R> p : pending) {
        if (p.future() != null) {
          p.future().cancel(false);
        }
      }
      pending.clear();
    }

    private Outcome<R> await(Future<Outcome<R>> f) {
      try {
        return f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KasaException(ErrorCode.INTERNAL, "scan interrupted", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        if (e.getCause() instanceof Error err) {
          throw err;
        }
        throw new KasaException(ErrorCode.INTERNAL, "decoder failed: " + e.getCause(), e);
      }
    }
  }

  /** A chunk result in flight, an input's end marker, or an unreadable input, in input order. */
  private record Pending<R>(
      EventInput input, InputAccumulator acc, Future<Outcome<R>> future, String[] unreadable) {
    static <R> Pending<R> unreadable(String name, String reason) {
      return new Pending<>(null, null, null, new String[] {name, reason});
    }

    static <R> Pending<R> end(EventInput input, InputAccumulator acc) {
      return new Pending<>(input, acc, null, null);
    }

    String name() {
      return unreadable[0];
    }

    String reason() {
      return unreadable[1];
    }
  }

  /** What one chunk gave. */
  record Outcome<R>(
      R result, long records, long malformed, List<Problem> reasons, long bytes, String ioError) {}

  /** Sums the outcomes of one input's chunks, in order. Used on the calling thread only. */
  static final class InputAccumulator {
    private final int maxReported;
    private final List<Problem> reasons = new ArrayList<>();
    private long records;
    private long malformed;
    long bytes;

    InputAccumulator(int maxReported) {
      this.maxReported = maxReported;
    }

    void add(Outcome<?> o) {
      records += o.records();
      malformed += o.malformed();
      bytes += o.bytes();
      for (var m : o.reasons()) {
        if (reasons.size() < maxReported) {
          reasons.add(m);
        }
      }
    }

    InputSummary summary() {
      return new InputSummary(records, malformed, reasons, bytes);
    }
  }
}
