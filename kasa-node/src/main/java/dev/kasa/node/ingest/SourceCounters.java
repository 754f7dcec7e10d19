package dev.kasa.node.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** The live counters of one source; receivers write, the status endpoint reads. Thread-safe. */
final class SourceCounters {
  private final String name;
  private final String kind;
  private final String where;
  private final Clock clock;
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong malformed = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong lastEventMillis = new AtomicLong(-1);
  final AtomicInteger connections = new AtomicInteger();
  private volatile LongSupplier lag = () -> 0;

  // The rate: events at the start of the current window and the window's start time.
  private long windowEvents;
  private long windowStart;
  private double rate;

  SourceCounters(String name, String kind, String where, Clock clock) {
    this.name = name;
    this.kind = kind;
    this.where = where;
    this.clock = clock;
    this.windowStart = clock.millis();
  }

  String name() {
    return name;
  }

  void delivered(int records) {
    events.addAndGet(records);
    lastEventMillis.set(clock.millis());
  }

  void malformed() {
    malformed.incrementAndGet();
  }

  void dropped() {
    dropped.incrementAndGet();
  }

  void lag(LongSupplier lag) {
    this.lag = lag;
  }

  /** The status now; the rate is over the last window of at least 5 s. */
  synchronized SourceStatus status() {
    long now = clock.millis();
    long total = events.get();
    if (now - windowStart >= 5_000) {
      rate = (total - windowEvents) * 1000.0 / (now - windowStart);
      windowEvents = total;
      windowStart = now;
    } else if (rate == 0 && now > windowStart) {
      rate = (total - windowEvents) * 1000.0 / (now - windowStart);
    }
    long last = lastEventMillis.get();
    return new SourceStatus(
        name,
        kind,
        where,
        total,
        Math.round(rate * 10) / 10.0,
        malformed.get(),
        dropped.get(),
        lag.getAsLong(),
        last < 0 ? null : Instant.ofEpochMilli(last),
        connections.get());
  }
}
