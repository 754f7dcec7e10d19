package dev.kasa.intel;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.stix.Tlp;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns the values of one plain list into indicators in batches: on worker threads once the list
 * is longer than a batch and there are several workers, inline otherwise. Results reach the sink on
 * the reading thread in line order, so the order of indicators and problems does not depend on the
 * threads. Not thread-safe: one per read, closed by the reader.
 */
final class PlainListBatches implements AutoCloseable {
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final String source;
  private final Tlp tlp;
  private final IntelSink sink;
  private final int workers;
  private final int batch;
  private final ArrayDeque<Future<Object[]>> pending = new ArrayDeque<>();
  private ExecutorService pool;
  private PlainListIds inlineIds;
  // Each item is a raw value (a String) or a problem found while reading (an IntelProblem).
  private Object[] items;
  private long[] lines;
  private int size;
  private long indicators;

  PlainListBatches(String source, Tlp tlp, IntelSink sink, int workers, int batch) {
    this.source = source;
    this.tlp = tlp;
    this.sink = sink;
    this.workers = workers;
    this.batch = batch;
    this.items = new Object[batch];
    this.lines = new long[batch];
  }

  /** Queues the raw (stripped, non-empty) value of line {@code lineNo}. */
  void value(String raw, long lineNo) {
    add(raw, lineNo);
  }

  /** Queues a problem found while reading, in its place among the values. */
  void problem(IntelProblem problem) {
    add(problem, 0);
  }

  private void add(Object item, long lineNo) {
    items[size] = item;
    lines[size] = lineNo;
    if (++size == batch) {
      Object[] full = items;
      long[] fullLines = lines;
      int n = size;
      items = new Object[batch];
      lines = new long[batch];
      size = 0;
      if (workers <= 1) {
        deliver(convert(full, fullLines, n, inlineIds()));
        return;
      }
      if (pool == null) {
        pool = Executors.newFixedThreadPool(workers, PlainListBatches::thread);
      }
      pending.add(pool.submit(() -> convert(full, fullLines, n, new PlainListIds())));
      while (pending.size() > 2 * workers) {
        deliver(await(pending.poll()));
      }
    }
  }

  /**
   * Converts and delivers everything queued; the last, partial batch is converted on this thread
   * while the workers finish theirs.
   *
   * @return the number of indicators delivered by this reader
   */
  long finish() {
    Object[] last = convert(items, lines, size, inlineIds());
    size = 0;
    while (!pending.isEmpty()) {
      deliver(await(pending.poll()));
    }
    deliver(last);
    return indicators;
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
      pending.clear();
    }
  }

  private Object[] convert(Object[] in, long[] lineNos, int n, PlainListIds ids) {
    Object[] out = new Object[n];
    for (int i = 0; i < n; i++) {
      out[i] =
          in[i] instanceof String raw
              ? PlainListImporter.indicatorOf(raw, lineNos[i], source, tlp, ids)
              : in[i];
    }
    return out;
  }

  private void deliver(Object[] results) {
    for (Object r : results) {
      if (r instanceof Indicator indicator) {
        indicators++;
        sink.indicator(indicator);
      } else {
        sink.problem((IntelProblem) r);
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

  private static Thread thread(Runnable task) {
    var t = new Thread(task, "kasa-plain-list-" + THREADS.incrementAndGet());
    t.setDaemon(true);
    return t;
  }
}
