package dev.kasa.event;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.Problem;
import dev.kasa.evtx.EvtxChunkDecoder;
import dev.kasa.evtx.EvtxProblem;
import dev.kasa.evtx.EvtxStream;
import dev.kasa.input.InputFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Scans event inputs: files, directories (walked recursively, sorted by path), gzip (detected by
 * its magic bytes) and {@code -} for stdin. The format is detected per file (or forced);
 * line-oriented inputs are read on the calling thread in chunks cut at newlines and decoded on
 * worker threads; free-layout JSON (pretty-printed evtx_dump) is decoded as one stream by one
 * worker. Results reach the {@link ScanListener} on the calling thread in input order. Memory is
 * bounded: at most two chunks per worker are in flight.
 *
 * <p>One scan at a time per instance; {@link #bytesRead()} and {@link #recordsDecoded()} may be
 * read from any thread while it runs (for a progress bar).
 */
public final class EventScanner {
  private final ScanOptions options;
  private final InputStream stdin;
  private final AtomicLong bytesRead = new AtomicLong();
  private final LongAdder recordsDecoded = new LongAdder();
  private final ConcurrentLinkedQueue<byte[]> buffers = new ConcurrentLinkedQueue<>();
  private final int capacity;

  /** Per {@link CaptureTable.Layout}: the table without, then with, capture-all. */
  private final CaptureTable[] captures;

  /** A scanner reading {@code -} from {@link System#in}. */
  public EventScanner(ScanOptions options) {
    this(options, System.in);
  }

  /** A scanner reading {@code -} from {@code stdin} (which it does not close). */
  public EventScanner(ScanOptions options, InputStream stdin) {
    this.options = options;
    this.stdin = stdin;
    CaptureTable.Layout[] layouts = CaptureTable.Layout.values();
    this.captures = new CaptureTable[layouts.length * 2];
    for (CaptureTable.Layout layout : layouts) {
      captures[layout.ordinal() * 2] = CaptureTable.of(options.capture(), layout, false);
      captures[layout.ordinal() * 2 + 1] =
          CaptureTable.of(options.capture(), layout, options.capture().all());
    }
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
   * Scans {@code inputs} in order. Unreadable inputs are reported to the listener and skipped.
   * Exceptions thrown by the processor's tasks or by the listener end the scan and are rethrown.
   */
  public <R> ScanTotals scan(
      List<String> inputs, ChunkProcessor<R> processor, ScanListener<R> listener) {
    ExecutorService workers =
        Executors.newFixedThreadPool(
            options.threads(),
            r -> {
              Thread t = new Thread(r, "kasa-decoder");
              t.setDaemon(true);
              return t;
            });
    try {
      Run<R> run = new Run<>(processor, listener, workers);
      for (String input : inputs) {
        run.input(input);
      }
      run.drainAll();
      return run.totals();
    } finally {
      workers.shutdownNow();
    }
  }

  /** The compiled capture for {@code input}: by format, and whether it captures every field. */
  CaptureTable capture(EventInput input) {
    boolean all = options.capture().allFor(input.fieldMapSource());
    return captures[CaptureTable.Layout.of(input.format()).ordinal() * 2 + (all ? 1 : 0)];
  }

  byte[] takeBuffer() {
    byte[] b = buffers.poll();
    return b != null ? b : new byte[capacity];
  }

  void recycle(byte[] b) {
    if (b.length == capacity) {
      buffers.offer(b);
    }
  }

  private final class Run<R> {
    private final ChunkProcessor<R> processor;
    private final ScanListener<R> listener;
    private final ExecutorService workers;
    private final ArrayDeque<Pending<R>> pending = new ArrayDeque<>();
    private int inFlight;
    private int inputs;
    private int unreadable;
    private long records;
    private long malformed;
    private long bytes;

    Run(ChunkProcessor<R> processor, ScanListener<R> listener, ExecutorService workers) {
      this.processor = processor;
      this.listener = listener;
      this.workers = workers;
    }

    ScanTotals totals() {
      return new ScanTotals(inputs, unreadable, records, malformed, bytes);
    }

    void input(String input) {
      if (input.equals("-")) {
        stream("-", stdin, false, null);
        return;
      }
      Path path = Path.of(input);
      if (Files.isDirectory(path)) {
        for (InputFiles.Entry e : InputFiles.walk(path)) {
          if (e.skipped() == null) {
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
      InputReader reader = new InputReader(EventScanner.this, options, bytesRead);
      try {
        reader.open(name, raw, close, file);
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
        submit(input, acc, () -> reader.decodeObjects(processor, recordsDecoded));
        pending.add(Pending.end(input, acc));
        return;
      }
      try {
        InputReader.Chunk chunk;
        while ((chunk = reader.next()) != null) {
          InputReader.Chunk c = chunk;
          while (inFlight >= 2 * options.threads()) {
            drainOne();
          }
          submit(input, acc, () -> reader.decodeChunk(c, processor, recordsDecoded));
        }
      } catch (IOException e) {
        closeQuietly(raw, close);
        pending.add(Pending.unreadable(name, "cannot close: " + e.getMessage()));
      }
      if (reader.damage() != null) {
        pending.add(Pending.unreadable(name, reader.damage()));
      }
      acc.bytes = reader.bytes();
      pending.add(Pending.end(input, acc));
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
        while (true) {
          // The pooled buffers hold at least one chunk unless the limits are tiny.
          byte[] buf =
              capacity >= EvtxChunkDecoder.CHUNK_SIZE
                  ? takeBuffer()
                  : new byte[EvtxChunkDecoder.CHUNK_SIZE];
          long first = evtx.nextChunk();
          int n = evtx.read(buf, batch);
          if (n == 0) {
            recycle(buf);
            break;
          }
          while (inFlight >= 2 * options.threads()) {
            drainOne();
          }
          List<EvtxProblem> before = List.copyOf(pre);
          pre.clear();
          submit(
              input,
              acc,
              () -> reader.decodeEvtx(buf, n, first, before, processor, recordsDecoded));
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
      if (!pre.isEmpty()) {
        List<EvtxProblem> last = List.copyOf(pre);
        submit(
            input,
            acc,
            () -> reader.decodeEvtx(new byte[0], 0, 0, last, processor, recordsDecoded));
      }
      acc.bytes = reader.bytes();
      pending.add(Pending.end(input, acc));
    }

    private void closeQuietly(InputStream raw, boolean close) {
      if (close) {
        try {
          raw.close();
        } catch (IOException ignored) {
          // already reporting the input as unreadable
        }
      }
    }

    private void submit(
        EventInput input, InputAccumulator acc, java.util.concurrent.Callable<Outcome<R>> job) {
      pending.add(new Pending<>(input, acc, workers.submit(job), null));
      inFlight++;
    }

    void drainAll() {
      while (!pending.isEmpty()) {
        drainOne();
      }
    }

    private void drainOne() {
      Pending<R> p = pending.poll();
      if (p.future() != null) {
        inFlight--;
        Outcome<R> o = await(p.future());
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
