package dev.kasa.node.ingest;

import dev.kasa.event.EventSource;

/**
 * Events gathered for one delivery to the sink (delivered when full, or sooner when the receiver
 * has nothing more waiting), in one buffer that is handed to the sink without a copy and reused
 * after it. A batch with a {@link BatchBudget} grows past its base size when the budget grants it
 * (see there); {@link #settle()} gives the grant back. Not thread-safe: one per receiving thread.
 */
final class EventBatch {
  /** A batch without a grant is delivered at this many bytes or {@link #BASE_EVENTS} events. */
  static final int BASE_BYTES = 1 << 20;

  static final int BASE_EVENTS = 4000;

  /** A batch with a grant is delivered at this many bytes or {@link #LARGE_EVENTS} events. */
  static final int LARGE_BYTES = 4 << 20;

  static final int LARGE_EVENTS = 16_000;

  /**
   * What a grant takes from the budget: the buffer doubles as it grows, so a batch just over its
   * limit holds up to twice it.
   */
  static final int GRANT_BYTES = 2 * (LARGE_BYTES - BASE_BYTES);

  private static final int INITIAL = 64 * 1024;

  private final String sourceName;
  private final EventSource source;
  // For an event the decoder must see on its own (SyslogDecoding.ALONE), or null: none come.
  private final EventSource alone;
  // Where the event to be decoded on its own starts in the batch, or -1; it is the last one.
  private int aloneAt = -1;
  private final SourceCounters counters;
  private final BatchBudget budget;
  // Grown as a busy connection fills it: a quiet one holds little.
  private EventBytes bytes = new EventBytes(INITIAL);
  private int count;
  private boolean granted;
  // The last message's header as read and written (the batch is its connection's).
  private final HeaderMemo memo;

  /** A batch that never grows past its base size. */
  EventBatch(String sourceName, EventSource source, SourceCounters counters) {
    this(sourceName, source, null, counters, null);
  }

  /**
   * A batch that grows when {@code budget} (may be null) grants it, whose events decode as {@code
   * source} but for one that must be decoded on its own, as {@code alone}.
   */
  EventBatch(
      String sourceName,
      EventSource source,
      EventSource alone,
      SourceCounters counters,
      BatchBudget budget) {
    this(sourceName, source, alone, counters, budget, new HeaderMemo());
  }

  /**
   * As {@link #EventBatch(String, EventSource, EventSource, SourceCounters, BatchBudget)}, reading
   * and writing the connection's headers through {@code memo} (one connection's at a time).
   */
  EventBatch(
      String sourceName,
      EventSource source,
      EventSource alone,
      SourceCounters counters,
      BatchBudget budget,
      HeaderMemo memo) {
    this.memo = memo;
    this.sourceName = sourceName;
    this.source = source;
    this.alone = alone;
    this.counters = counters;
    this.budget = budget;
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
    int at = bytes.size();
    int written = decoding.write(b, off, len, sender, bytes, memo);
    if (written != SyslogDecoding.MALFORMED) {
      count++;
    }
    if (written == SyslogDecoding.ALONE) {
      aloneAt = at;
    }
  }

  /**
   * Whether the batch must go out now (also right after an event to be decoded on its own); at its
   * base size it first asks the budget for a grant.
   */
  boolean full() {
    if (aloneAt >= 0) {
      return true;
    }
    if (granted) {
      return count >= LARGE_EVENTS || bytes.size() >= LARGE_BYTES;
    }
    if (count < BASE_EVENTS && bytes.size() < BASE_BYTES) {
      return false;
    }
    if (budget != null && budget.tryTake(GRANT_BYTES)) {
      granted = true;
      return full();
    }
    return true;
  }

  boolean isEmpty() {
    return count == 0;
  }

  /** Whether the batch holds a grant of the budget. */
  boolean granted() {
    return granted;
  }

  /** Hands the batch to {@code sink} (blocking while it is full), then starts a new one. */
  void deliver(TelemetrySink sink) throws InterruptedException {
    if (count == 0) {
      return;
    }
    if (aloneAt >= 0) {
      // The events before it as usual, then it in a chunk of its own (rare: see SyslogEvents).
      byte[] last = java.util.Arrays.copyOfRange(bytes.array(), aloneAt, bytes.size());
      if (count > 1) {
        sink.accept(new TelemetryChunk(sourceName, source, bytes.array(), aloneAt, count - 1));
      }
      sink.accept(new TelemetryChunk(sourceName, alone, last, 1));
      aloneAt = -1;
    } else {
      sink.accept(new TelemetryChunk(sourceName, source, bytes.array(), bytes.size(), count));
    }
    counters.delivered(count);
    bytes.reset();
    count = 0;
  }

  /**
   * Gives back the batch's grant and its large buffer with it: after a delivery when the receiver
   * went quiet, or when it closes (what was not delivered then is dropped).
   */
  void settle() {
    if (granted) {
      bytes = new EventBytes(INITIAL);
      count = 0;
      aloneAt = -1;
      granted = false;
      budget.give(GRANT_BYTES);
    }
  }
}
