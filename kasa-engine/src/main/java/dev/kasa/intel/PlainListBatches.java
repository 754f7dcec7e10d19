package dev.kasa.intel;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.Problem;
import dev.kasa.stix.Tlp;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * Turns the lines of one plain list into indicators in batches: on worker threads once the list is
 * longer than a batch and there are several workers, inline otherwise. Results reach the sink on
 * the reading thread in line order, so the order of indicators and problems does not depend on the
 * threads. Not thread-safe: one per read, closed by the reader.
 */
final class PlainListBatches implements AutoCloseable {
  private final String source;
  private final Tlp tlp;
  private final Origin origin;
  private final Provenance provenance;
  private final IntelSink sink;
  private final Executor pool;
  private final int workers;
  private final int batch;
  private final ArrayDeque<Future<Object[]>> pending = new ArrayDeque<>();
  private PlainListIds inlineIds;
  private Batch current;
  private long indicators;

  /**
   * Raw lines copied out of the reader's buffer, so that trimming, comments, inference and ids all
   * run on the workers; a problem found while reading takes the place of its line.
   */
  private static final class Batch {
    char[] chars;
    final int[] ends;
    final long[] lines;
    final Problem[] problems;
    int charCount;
    int size;

    Batch(int batch, int chars) {
      this.chars = new char[chars];
      ends = new int[batch];
      lines = new long[batch];
      problems = new Problem[batch];
    }
  }

  /**
   * Characters a batch holds at most (it starts small, so that a short list costs little); a batch
   * ends at this or at its number of lines.
   */
  private static final int CHARS = Math.max(1 << 18, PlainListImporter.MAX_LINE_CHARS + 1);

  /**
   * @param pool the caller's executor for batches, or null to convert every batch inline
   * @param workers batches converted at once on {@code pool} (1: all inline)
   */
  PlainListBatches(
      String source,
      Tlp tlp,
      Origin origin,
      IntelSink sink,
      Executor pool,
      int workers,
      int batch) {
    this.source = source;
    this.tlp = tlp;
    this.origin = origin;
    this.provenance = Provenance.of(source);
    this.sink = sink;
    this.pool = pool;
    this.workers = pool == null ? 1 : workers;
    this.batch = batch;
    this.current = new Batch(batch, 1024);
  }

  /** Queues line {@code lineNo}, {@code buf[from, to)} without its line end. */
  void line(char[] buf, int from, int to, long lineNo) {
    int len = to - from;
    Batch b = current;
    if (b.charCount + len > b.chars.length) {
      if (b.chars.length < CHARS) {
        b.chars =
            Arrays.copyOf(
                b.chars, Math.min(CHARS, Math.max(2 * b.chars.length, b.charCount + len)));
      }
      if (b.charCount + len > b.chars.length) {
        submit();
        b = current;
      }
    }
    System.arraycopy(buf, from, b.chars, b.charCount, len);
    b.charCount += len;
    add(b, lineNo, null);
  }

  /** Queues a problem found while reading, in its place among the lines. */
  void problem(Problem problem) {
    add(current, 0, problem);
  }

  private void add(Batch b, long lineNo, Problem problem) {
    b.ends[b.size] = b.charCount;
    b.lines[b.size] = lineNo;
    b.problems[b.size] = problem;
    if (++b.size == batch) {
      submit();
    }
  }

  private void submit() {
    Batch full = current;
    current = new Batch(batch, full.chars.length);
    if (full.size == 0) {
      return;
    }
    if (workers <= 1) {
      deliver(convert(full, inlineIds()));
      return;
    }
    FutureTask<Object[]> task = new FutureTask<>(() -> convert(full, new PlainListIds()));
    pending.add(task);
    pool.execute(task);
    while (pending.size() > 2 * workers) {
      deliver(await(pending.poll()));
    }
  }

  /**
   * Converts and delivers everything queued; the last, partial batch is converted on this thread
   * while the workers finish theirs.
   *
   * @return the number of indicators delivered by this reader
   */
  long finish() {
    Object[] last = convert(current, inlineIds());
    current = null;
    while (!pending.isEmpty()) {
      deliver(await(pending.poll()));
    }
    deliver(last);
    return indicators;
  }

  @Override
  public void close() {
    // The pool is the caller's: batches not started are dropped, running ones finish unheard.
    for (Future<Object[]> f : pending) {
      f.cancel(false);
    }
    pending.clear();
  }

  /** Indicators and problems of a batch in line order; null for blank and comment lines. */
  private Object[] convert(Batch b, PlainListIds ids) {
    Object[] out = new Object[b.size];
    int from = 0;
    for (int i = 0; i < b.size; i++) {
      if (b.problems[i] != null) {
        out[i] = b.problems[i];
      } else {
        String raw = PlainListImporter.value(b.chars, from, b.ends[i], b.lines[i]);
        out[i] =
            raw == null
                ? null
                : PlainListImporter.indicatorOf(
                    raw, b.lines[i], source, tlp, origin, provenance, ids);
      }
      from = b.ends[i];
    }
    return out;
  }

  private void deliver(Object[] results) {
    for (Object r : results) {
      switch (r) {
        case null -> {}
        case Indicator indicator -> {
          indicators++;
          sink.version(IntelVersion.of(indicator, Instant.EPOCH));
        }
        case PlainListImporter.Warned w -> {
          sink.problem(w.warning());
          indicators++;
          sink.version(IntelVersion.of(w.indicator(), Instant.EPOCH));
        }
        default -> sink.problem((Problem) r);
      }
    }
  }

  private PlainListIds inlineIds() {
    if (inlineIds == null) {
      inlineIds = new PlainListIds();
    }
    return inlineIds;
  }

  private static Object[] await(Future<Object[]> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KasaException(ErrorCode.IO_FAILURE, "interrupted while reading a plain list", e);
    } catch (ExecutionException e) {
      // A worker only fails on a bug (an Indicator the importer built wrongly): rethrow it as is.
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error r) {
        throw r;
      }
      throw new KasaException(ErrorCode.INTERNAL, "plain list worker failed: " + e.getCause(), e);
    }
  }
}
