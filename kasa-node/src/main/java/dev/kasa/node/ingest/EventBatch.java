package dev.kasa.node.ingest;

import dev.kasa.event.EventSource;

/**
 * Events gathered for one delivery to the sink (delivered when full, or sooner when the receiver
 * has nothing more waiting), in one buffer that is handed to the sink without a copy and reused
 * after it. Not thread-safe: one per receiving thread.
 */
final class EventBatch {
  /** A batch is delivered at this many bytes or {@link #MAX_EVENTS} events at the latest. */
  static final int MAX_BYTES = 1 << 20;

  static final int MAX_EVENTS = 4000;

  private final String sourceName;
  private final EventSource source;
  private final SourceCounters counters;
  // Grown as a busy connection fills it: a quiet one holds little.
  private final EventBytes bytes = new EventBytes(64 * 1024);
  private int count;

  EventBatch(String sourceName, EventSource source, SourceCounters counters) {
    this.sourceName = sourceName;
    this.source = source;
    this.counters = counters;
  }

  void add(byte[] event) {
    bytes.write(event, 0, event.length);
    count++;
  }

  /**
   * Appends one event (with its newline) that {@code decoding} makes of a message, or counts the
   * message as malformed.
   */
  void add(SyslogDecoding decoding, byte[] b, int off, int len, String sender) {
    if (decoding.write(b, off, len, sender, bytes)) {
      count++;
    }
  }

  boolean full() {
    return count >= MAX_EVENTS || bytes.size() >= MAX_BYTES;
  }

  boolean isEmpty() {
    return count == 0;
  }

  /** Hands the batch to {@code sink} (blocking while it is full), then starts a new one. */
  void deliver(TelemetrySink sink) throws InterruptedException {
    if (count == 0) {
      return;
    }
    sink.accept(new TelemetryChunk(sourceName, source, bytes.array(), bytes.size(), count));
    counters.delivered(count);
    bytes.reset();
    count = 0;
  }
}
