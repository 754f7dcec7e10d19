package dev.kasa.node.ingest;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A sink that only counts what it is given: what {@code kasa serve} delivers to until a detector
 * consumes the events. Never full.
 */
public final class CountingSink implements TelemetrySink {
  private final AtomicLong chunks = new AtomicLong();
  private final AtomicLong records = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();

  @Override
  public void accept(TelemetryChunk chunk) {
    chunks.incrementAndGet();
    records.addAndGet(chunk.count());
    bytes.addAndGet(chunk.records().length);
  }

  public long chunks() {
    return chunks.get();
  }

  public long records() {
    return records.get();
  }

  public long bytes() {
    return bytes.get();
  }
}
