package dev.kasa.node.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;

/**
 * Several callers' writes in one transaction. Each caller queues its work; whoever holds the lock
 * next takes every queued work (up to {@link #MAX_WEIGHT}) and runs them one after another in one
 * write transaction, so that the commit's cost (SQLite writing the WAL, PostgreSQL syncing it) is
 * paid once for all of them. Every caller returns only after the transaction that holds its work
 * has committed. When a combined transaction fails, each of its works is run again in a transaction
 * of its own, so that a failure reaches only the caller whose work caused it.
 *
 * <p>SQLite only: its transactions queue on its one write lock anyway. PostgreSQL runs each work in
 * its own transaction, concurrently: grouping them there made ingest slower (the same-load
 * comparison in docs/benchmarks.md), as it gave up storing several requests' versions at once.
 */
final class GroupCommit {
  /** At most this much weight (objects, for ingest) per transaction. */
  static final int MAX_WEIGHT = 8_000;

  /** A caller's part of a transaction. */
  interface Work<T> {
    T run(Handle h);
  }

  private static final class Queued<T> {
    final Work<T> work;
    final int weight;
    final CompletableFuture<T> done = new CompletableFuture<>();
    T result;

    Queued(Work<T> work, int weight) {
      this.work = work;
      this.weight = weight;
    }
  }

  private final Store store;
  private final ReentrantLock leader = new ReentrantLock();
  private final ConcurrentLinkedQueue<Queued<?>> queue = new ConcurrentLinkedQueue<>();

  GroupCommit(Store store) {
    this.store = store;
  }

  /**
   * Runs {@code work} in a write transaction that may hold other callers' works too, and returns
   * its result once that transaction has committed.
   *
   * @param weight how much the work writes, for the transaction's size limit
   */
  <T> T write(Work<T> work, int weight) {
    if (store.dialect() != Dialect.SQLITE) {
      return store.write(work::run);
    }
    var mine = new Queued<>(work, weight);
    queue.add(mine);
    // Lead a transaction when none runs; else wait for ours, or for the lock to come free (a
    // caller whose work another leader committed must not wait for the next leader's commit).
    while (!mine.done.isDone()) {
      if (leader.tryLock()) {
        try {
          if (!mine.done.isDone()) {
            runQueued();
          }
        } finally {
          leader.unlock();
        }
      } else {
        try {
          mine.done.get(1, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
          // not yet (or failed: reported below)
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted waiting for a write", e);
        }
      }
    }
    try {
      return mine.done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted after the write finished", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** How many works wait for a transaction (for tests that arrange a group). */
  int waiting() {
    return queue.size();
  }

  // Runs with the leader lock held: the queue's head, one transaction.
  private void runQueued() {
    List<Queued<?>> batch = new ArrayList<>();
    int weight = 0;
    for (Queued<?> q = queue.peek();
        q != null && (batch.isEmpty() || weight + q.weight <= MAX_WEIGHT);
        q = queue.peek()) {
      batch.add(queue.poll());
      weight += q.weight;
    }
    if (batch.isEmpty()) {
      return;
    }
    if (batch.size() > 1) {
      try {
        store.write(
            h -> {
              for (Queued<?> q : batch) {
                runInto(q, h);
              }
              return null;
            });
        for (Queued<?> q : batch) {
          complete(q);
        }
        return;
      } catch (RuntimeException | Error e) {
        // Run each alone below: only the work that fails should fail.
      }
    }
    for (Queued<?> q : batch) {
      try {
        store.write(
            h -> {
              runInto(q, h);
              return null;
            });
        complete(q);
      } catch (RuntimeException | Error e) {
        q.done.completeExceptionally(e);
      }
    }
  }

  private static <T> void runInto(Queued<T> q, Handle h) {
    q.result = q.work.run(h);
  }

  private static <T> void complete(Queued<T> q) {
    q.done.complete(q.result);
  }
}
