package dev.kasa.node.ingest;

import java.util.concurrent.Semaphore;

/**
 * The memory that busy stream connections may hold in batches larger than the base one, shared by
 * every syslog listener of a node: a connection whose batch reaches {@link EventBatch#BASE_BYTES}
 * takes a grant and grows its batch to {@link EventBatch#LARGE_BYTES} (per-chunk costs — the
 * decoder's setup, the snapshot pin, the store's transaction — then come a quarter as often), and
 * gives it back when it goes quiet or closes. When the budget is spent, a batch is delivered at the
 * base size as before: nothing waits for a grant, so a grant can never hold a reader up, and the
 * sink's blocking stays the backpressure. So 256 connections hold at most 256 base batches plus the
 * budget, not 256 large batches. Thread-safe.
 */
final class BatchBudget {
  /** The budget of a node's listeners. */
  static final int DEFAULT_BYTES = 64 << 20;

  private static final int KIB = 1024;

  private final Semaphore kib;

  /** A budget of {@code bytes} (whole KiB). */
  BatchBudget(int bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("a batch budget cannot be negative: " + bytes);
    }
    this.kib = new Semaphore(bytes / KIB);
  }

  /** Takes {@code bytes} (whole KiB) if that much is left; never waits. */
  boolean tryTake(int bytes) {
    return kib.tryAcquire(bytes / KIB);
  }

  /** Gives back what {@link #tryTake} took. */
  void give(int bytes) {
    kib.release(bytes / KIB);
  }

  /** The bytes left (for tests and the status). */
  long left() {
    return (long) kib.availablePermits() * KIB;
  }
}
