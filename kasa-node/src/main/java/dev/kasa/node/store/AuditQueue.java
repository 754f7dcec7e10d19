package dev.kasa.node.store;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Audit events waiting to be appended by one writer thread, many callers' events in one
 * transaction. A page served to a partner is answered without waiting for its entry's commit (a
 * write transaction per page cost more than the page itself); the entry is committed a few
 * milliseconds later, in the order the events were queued. Reads of the chain through this process
 * ({@link AuditLog}) first wait for what was queued before them, and closing the store waits for
 * everything queued: only a process killed outright can lose the last few milliseconds' entries.
 * Appends that record a change (grants, objects received) stay in that change's transaction.
 */
final class AuditQueue {
  // At most this many events per transaction, so that one commit stays short.
  private static final int BATCH = 512;
  private static final long RETRY_MILLIS = 200;

  private final Store store;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition queued = lock.newCondition();
  private final Condition committed = lock.newCondition();
  // Guarded by lock: the waiting events, how many were ever queued and how many are committed.
  private final List<AuditEvent> waiting = new ArrayList<>();
  private long queuedCount;
  private long committedCount;
  private boolean closed;
  private String failure;
  private Thread writer;

  AuditQueue(Store store) {
    this.store = store;
  }

  /** Queues {@code events}, in order, to be appended soon. */
  void add(List<AuditEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    lock.lock();
    try {
      if (closed) {
        throw new KasaException(ErrorCode.IO_FAILURE, "store: the audit chain is closed");
      }
      if (writer == null) {
        writer = Thread.ofPlatform().name("kasa-audit-writer").daemon().start(this::run);
      }
      waiting.addAll(events);
      queuedCount += events.size();
      queued.signal();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until every event queued before this call is committed.
   *
   * @throws KasaException {@link ErrorCode#IO_FAILURE} when they could not be written within {@code
   *     timeoutMillis}
   */
  void flush(long timeoutMillis) {
    lock.lock();
    try {
      long target = queuedCount;
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
      while (committedCount < target) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new KasaException(
              ErrorCode.IO_FAILURE,
              "store: "
                  + (target - committedCount)
                  + " audit entries are not yet written"
                  + (failure == null ? "" : ": " + failure));
        }
        committed.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KasaException(ErrorCode.IO_FAILURE, "store: interrupted writing the audit chain");
    } finally {
      lock.unlock();
    }
  }

  /** Writes everything queued (waiting up to {@code timeoutMillis}) and stops the writer. */
  void close(long timeoutMillis) {
    try {
      flush(timeoutMillis);
    } finally {
      lock.lock();
      try {
        closed = true;
        queued.signal();
      } finally {
        lock.unlock();
      }
    }
  }

  private boolean isClosed() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    while (true) {
      List<AuditEvent> batch;
      lock.lock();
      try {
        while (waiting.isEmpty() && !closed) {
          queued.awaitUninterruptibly();
        }
        if (waiting.isEmpty()) {
          return;
        }
        batch = List.copyOf(waiting.subList(0, Math.min(BATCH, waiting.size())));
      } finally {
        lock.unlock();
      }
      String problem = null;
      try {
        store.write(
            h -> {
              AuditLog.append(store, h, batch);
              return null;
            });
      } catch (RuntimeException e) {
        problem = Store.rootMessage(e);
      }
      lock.lock();
      try {
        if (problem == null) {
          // Only the writer removes events, so the batch is still the head of the list.
          waiting.subList(0, batch.size()).clear();
          committedCount += batch.size();
          failure = null;
          committed.signalAll();
        } else {
          failure = problem; // kept, and tried again: an audit entry is never dropped
          committed.signalAll();
        }
      } finally {
        lock.unlock();
      }
      if (problem != null) {
        if (isClosed()) {
          return; // close() has given up waiting and the store is closing
        }
        try {
          Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }
}
