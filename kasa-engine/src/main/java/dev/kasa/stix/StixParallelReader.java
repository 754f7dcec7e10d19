package dev.kasa.stix;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.Problem;
import java.io.Closeable;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Reads a bundle like {@link StixReader} (same entries, indices, paths, errors and bundle
 * properties, in the same order) but decodes and validates the elements of {@code objects} on
 * several threads: one thread cuts the array into runs of whole elements ({@link
 * StixElementFramer}), worker threads read the runs, and {@link #next} hands the entries back in
 * bundle order. Memory stays bounded by a few runs in flight. Input that the framer does not
 * recognise as plain (and whatever follows {@code objects}) is read sequentially. The locations of
 * malformed JSON name the whole input's lines and columns; Jackson's own text inside such a message
 * may still name a location within a run.
 *
 * <p>Each entry is handed to {@code prepare} on the worker that read it, so that a consumer can
 * move its own per-object work off the calling thread; {@link #next} returns what {@code prepare}
 * made.
 *
 * <p>{@link #next}, {@link #bundleId}, {@link #bundleOther} and {@link #close} must be called from
 * one thread; {@code keep} and {@code prepare} are called from several and must be thread-safe.
 * Always {@link #close} it: that stops its threads (the input is not closed).
 */
public final class StixParallelReader<T> implements Closeable {
  /** Runs of this many bytes or more are handed over: a few hundred objects each. */
  static final int RUN_BYTES = 1 << 18;

  private static final StixReader.Origin ORIGIN = new StixReader.Origin(0, 0, 0);

  private final String source;
  private final StixReaderLimits limits;
  private final BiPredicate<String, String> keep;
  private final Executor workers;
  private final Thread framer;
  private final BlockingQueue<Object> pending;
  private final Map<String, JsonNode> bundleOther = new LinkedHashMap<>();
  private final List<Problem> bundleErrors = new ArrayList<>(0);
  private volatile boolean stopped;
  private String bundleId;
  private StixReader prefix; // reads the bundle up to objects, then null
  private StixReader rest; // reads sequentially what the framer left
  private final Function<StixEntry, T> prepare;
  private Iterator<T> run = List.<T>of().iterator();
  private KasaException runFailure;
  private boolean ended;
  private long framedEntries;

  /**
   * Starts reading {@code in}: a framing thread of its own cuts it into runs, decoded {@code
   * threads} (at least 1) at a time on {@code workers} (the caller's executor, never shut down).
   *
   * @throws KasaException {@link ErrorCode#INVALID_INPUT} when the input does not start with a JSON
   *     object
   */
  public StixParallelReader(
      InputStream in,
      String source,
      StixReaderLimits limits,
      BiPredicate<String, String> keep,
      Function<StixEntry, T> prepare,
      Executor workers,
      int threads) {
    this(in, source, limits, keep, prepare, workers, threads, RUN_BYTES, true);
  }

  /**
   * With {@code framedIndicators}, and one thread, the framer's thread reads the plain indicator
   * objects as it frames them (see {@link #framesIndicators}); off, it only cuts the runs.
   */
  StixParallelReader(
      InputStream in,
      String source,
      StixReaderLimits limits,
      BiPredicate<String, String> keep,
      Function<StixEntry, T> prepare,
      Executor workers,
      int threads,
      int runBytes,
      boolean framedIndicators) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1 but was " + threads);
    }
    this.source = source;
    this.limits = limits;
    this.keep = keep;
    this.prepare = prepare;
    this.pending = new ArrayBlockingQueue<>(threads * 3 + 2);
    this.workers = java.util.Objects.requireNonNull(workers, "workers");
    var framing =
        new StixElementFramer(
            in,
            this::submit,
            runBytes,
            limits.maxObjectBytes(),
            framedIndicators && framesIndicators(threads, limits)
                ? new StixIndicatorBytes(new StixIndicatorFields(), keep, limits.maxObjectBytes())
                : null);
    this.framer = Thread.ofPlatform().daemon().name("stix-framer").unstarted(framing);
    framer.start();
    try {
      Object first = take();
      switch (first) {
        case StixElementFramer.Prefix p -> {
          // It ends with "objects":[ and is read as an empty array: this checks the type and
          // collects the bundle's properties before the first element, as StixReader would.
          byte[] b = Arrays.copyOf(p.bytes(), p.bytes().length + 2);
          b[b.length - 2] = ']';
          b[b.length - 1] = '}';
          prefix =
              new StixReader(
                  null, b, b.length, Integer.MAX_VALUE, source, limits, keep, ORIGIN, null);
        }
        case StixElementFramer.Rest r ->
            rest = new StixReader(r.in(), null, 0, 0, source, limits, keep, r.origin(), null);
        default -> throw new IllegalStateException("framer began with " + first);
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * The next element of {@code objects}, or null at the end of the bundle.
   *
   * @throws KasaException {@link ErrorCode#INVALID_INPUT} when the JSON itself is malformed (the
   *     rest of the bundle cannot be read)
   */
  public T next() {
    while (!ended) {
      if (prefix != null) {
        StixReader p = prefix;
        prefix = null;
        try {
          if (p.next() != null) {
            throw new IllegalStateException("the prefix of a bundle held an element");
          }
        } finally {
          bundleId = p.bundleId();
          bundleOther.putAll(p.bundleOther());
          bundleErrors.addAll(p.bundleErrors());
        }
      }
      if (run.hasNext()) {
        return run.next();
      }
      if (runFailure != null) {
        KasaException e = runFailure;
        runFailure = null;
        ended = true;
        throw e;
      }
      if (rest != null) {
        StixEntry e = rest.next();
        if (e != null) {
          return prepare.apply(e);
        }
        ended = true;
        break;
      }
      switch (take()) {
        case Future<?> f -> {
          RunResult<T> r = result(f);
          run = r.entries().iterator();
          runFailure = r.failure();
          framedEntries += r.framed();
        }
        case StixElementFramer.Rest r -> {
          rest = new StixReader(r.in(), null, 0, 0, source, limits, keep, r.origin(), null);
        }
        default -> throw new IllegalStateException("unexpected item from the framer");
      }
    }
    return null;
  }

  /** The bundle's id once read (it may come after {@code objects}); null when absent. */
  public String bundleId() {
    return rest != null && rest.bundleId() != null ? rest.bundleId() : bundleId;
  }

  /** The bundle's other properties read so far (all of them once {@link #next} returned null). */
  public Map<String, JsonNode> bundleOther() {
    if (rest == null) {
      return bundleOther;
    }
    Map<String, JsonNode> all = new LinkedHashMap<>(bundleOther);
    all.putAll(rest.bundleOther());
    return all;
  }

  /** What was wrong with the bundle's own properties so far, as {@link StixReader#bundleErrors}. */
  public List<Problem> bundleErrors() {
    if (rest == null) {
      return List.copyOf(bundleErrors);
    }
    List<Problem> all = new ArrayList<>(bundleErrors);
    all.addAll(rest.bundleErrors());
    return all;
  }

  /** How many entries the framer's thread read as it framed (for tests). */
  long framedEntries() {
    return framedEntries;
  }

  @Override
  public void close() {
    // No interrupt: it would close an interruptible channel that the caller owns.
    stopped = true;
    // The workers are the caller's: runs not started are dropped, running ones finish unheard.
    for (Object queued : pending) {
      if (queued instanceof Future<?> f) {
        f.cancel(false);
      }
    }
    pending.clear();
    try {
      framer.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Whether the framer's thread reads plain indicators itself: with one decoding thread, which is
   * the framer's own when the caller's executor runs a run at once (on 2 cores), so that their
   * bytes are scanned once, not by the framer and again by the byte path; with more, the framer
   * only cuts, as the decoding is the workers'. Not when the reader's nesting cap could reach into
   * an object the byte path takes (the framer does not count the nesting of those it reads).
   */
  static boolean framesIndicators(int threads, StixReaderLimits limits) {
    return threads == 1 && StixReader.nestingCap(limits, true) > JsonBytes.MAX_SKIP_DEPTH + 4;
  }

  private record RunResult<T>(List<T> entries, KasaException failure, int framed) {}

  // On the framer's thread: a run goes to a worker, in order, and its future into the queue.
  // True when the run was read by the time it returns (an executor that runs the task at once):
  // the framer may fill its bytes again instead of allocating the next run.
  private boolean submit(StixElementFramer.Item item) {
    boolean read = false;
    try {
      Object queued = item;
      if (item instanceof StixElementFramer.Run r) {
        FutureTask<RunResult<T>> run = new FutureTask<>(() -> read(r));
        workers.execute(run);
        read = run.isDone();
        queued = run;
      }
      while (!pending.offer(queued, 20, TimeUnit.MILLISECONDS)) {
        if (stopped) {
          throw new StixElementFramer.Stopped();
        }
      }
    } catch (InterruptedException | RejectedExecutionException e) {
      throw new StixElementFramer.Stopped();
    }
    return read;
  }

  private RunResult<T> read(StixElementFramer.Run r) {
    List<T> entries = new ArrayList<>(512);
    // Closing hands the parser's symbols and buffers back to Jackson for the next run.
    try (var reader =
        new StixReader(
            null,
            r.bytes(),
            r.length(),
            r.deepest(),
            source,
            limits,
            keep,
            r.origin(),
            r.framed())) {
      try {
        for (StixEntry e = reader.next(); e != null; e = reader.next()) {
          entries.add(prepare.apply(e));
        }
      } catch (KasaException e) {
        return new RunResult<>(entries, e, reader.framedEntries());
      }
      return new RunResult<>(entries, null, reader.framedEntries());
    } catch (KasaException e) {
      return new RunResult<>(entries, e, 0);
    }
  }

  private Object take() {
    try {
      return pending.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KasaException(ErrorCode.IO_FAILURE, source + ": interrupted");
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> RunResult<T> result(Future<?> f) {
    try {
      return (RunResult<T>) f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KasaException(ErrorCode.IO_FAILURE, "interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
