package dev.kasa.node.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;

/** A test sink: keeps every record line; can be held shut to show backpressure. */
final class RecordingSink implements TelemetrySink {
  private final List<String> lines = new ArrayList<>();
  private final List<TelemetryChunk> chunks = new ArrayList<>();
  private final Semaphore open = new Semaphore(Integer.MAX_VALUE);

  // Events of the chunk an accept holds while the sink is shut (0 when none waits).
  private volatile int waiting;

  @Override
  public void accept(TelemetryChunk chunk) throws InterruptedException {
    waiting = chunk.count();
    open.acquire();
    open.release();
    waiting = 0;
    synchronized (this) {
      chunks.add(
          new TelemetryChunk(chunk.sourceName(), chunk.source(), chunk.bytes(), chunk.count()));
      for (String l :
          new String(chunk.records(), 0, chunk.length(), StandardCharsets.UTF_8).split("\n")) {
        if (!l.isEmpty()) {
          lines.add(l);
        }
      }
    }
  }

  /** Blocks every accept until {@link #release()}. */
  void hold() throws InterruptedException {
    open.acquire(Integer.MAX_VALUE);
  }

  void release() {
    open.release(Integer.MAX_VALUE);
  }

  /** The events of the chunk an accept is holding now (the sink shut), else 0. */
  int waiting() {
    return waiting;
  }

  synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  synchronized List<TelemetryChunk> chunks() {
    return List.copyOf(chunks);
  }

  /** Waits (up to 30 s, then fails) until {@code done}. */
  static void await(String what, BooleanSupplier done) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting for " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }
}
