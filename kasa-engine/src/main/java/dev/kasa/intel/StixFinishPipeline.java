package dev.kasa.intel;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Makes the versions of a load's pending indicators ({@link StixLoad#finish}) on a worker while the
 * calling thread delivers them in order: objects are made in chunks (one {@code T} each), which
 * ever thread claims a chunk first makes it, and the calling thread delivers chunk after chunk,
 * making one itself only when the one it waits for is not made yet. At most {@link #AHEAD} chunks
 * wait to be delivered; the worker sleeps while that many wait, until the calling thread takes one
 * (making a chunk takes a fraction of delivering it, so the worker waits most of the finish, and
 * waking every 20 µs to look spent CPU that C2 and the collector could use). Nothing waits for the
 * worker to start: if it never runs, the calling thread makes every chunk. One per finish.
 */
final class StixFinishPipeline<T> {
  /** Objects per chunk. */
  static final int CHUNK = 2048;

  /** Chunks made ahead of the one being delivered, at most. */
  static final int AHEAD = 16;

  private static final long WAIT_NANOS = 20_000;

  private final int objects;
  private final int chunks;
  private final Chunks<T> make;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicReferenceArray<T> made;
  private final Thread caller = Thread.currentThread();
  private volatile int delivering;
  private volatile Throwable failure;

  /** The worker while it sleeps until a chunk is delivered, else null. */
  private volatile Thread sleeping;

  /** Makes the chunk of objects {@code [first, first + size)}. */
  @FunctionalInterface
  interface Chunks<T> {
    T make(int first, int size);
  }

  /**
   * @param objects how many objects, numbered from 0
   * @param make makes the chunk of {@link #CHUNK} objects (fewer for the last); called from two
   *     threads at once; never returns null
   */
  StixFinishPipeline(int objects, Chunks<T> make) {
    this.objects = objects;
    this.chunks = (objects + CHUNK - 1) / CHUNK;
    this.make = make;
    this.made = new AtomicReferenceArray<>(chunks);
  }

  /** Makes every chunk, on a worker and the calling thread, and delivers them in order. */
  void run(Executor workers, Consumer<? super T> deliver) {
    try {
      workers.execute(this::help);
    } catch (RejectedExecutionException e) {
      // The calling thread makes every chunk.
    }
    try {
      for (int c = 0; c < chunks; c++) {
        delivering = c;
        wakeWorker();
        T ready;
        while ((ready = made.get(c)) == null) {
          if (failure != null) {
            throw new IllegalStateException("making versions failed", failure);
          }
          if (!makeNext(c)) {
            LockSupport.parkNanos(this, WAIT_NANOS);
          }
        }
        made.set(c, null);
        deliver.accept(ready);
      }
    } finally {
      // Whatever stopped the delivery, the worker stops claiming.
      next.set(chunks);
      wakeWorker();
    }
  }

  private void wakeWorker() {
    Thread t = sleeping;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  // On the worker: makes chunks ahead of the delivery until none is left.
  private void help() {
    try {
      while (next.get() < chunks) {
        if (!makeNext(delivering)) {
          // Said before looking again, so that a delivery after the look wakes it (both
          // volatile): the caller either sees it sleeping or it sees the new delivery.
          sleeping = Thread.currentThread();
          int c = next.get();
          if (c < chunks && c > delivering + AHEAD) {
            LockSupport.park(this);
          }
          sleeping = null;
        }
      }
    } catch (RuntimeException | Error e) {
      failure = e;
      LockSupport.unpark(caller);
    }
  }

  // Claims and makes the next chunk when it is at most AHEAD after chunk `from`; false when there
  // is none to claim.
  private boolean makeNext(int from) {
    int c = next.get();
    if (c >= chunks || c > from + AHEAD) {
      return false;
    }
    if (!next.compareAndSet(c, c + 1)) {
      return true; // the other thread claimed it: try again
    }
    int first = c * CHUNK;
    made.set(c, make.make(first, Math.min(CHUNK, objects - first)));
    if (Thread.currentThread() != caller) {
      LockSupport.unpark(caller);
    }
    return true;
  }
}
