package dev.kasa.cli.report;

import java.time.InstantSource;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A one-line progress display on a terminal's stderr: bytes read (of the total when known),
 * events/s and hits, redrawn a few times a second from counters that the scan updates. Thread-safe:
 * the counters are read from a daemon thread of its own.
 */
public final class ProgressLine implements AutoCloseable {
  private final TerminalWriter err;
  private final InstantSource clock;
  private final LongSupplier bytes;
  private final LongSupplier events;
  private final LongSupplier hits;
  private final long totalBytes;
  private final long startMillis;
  private final ScheduledExecutorService timer;

  /**
   * @param totalBytes the sum of input sizes, or -1 when unknown (stdin, gzip)
   */
  public ProgressLine(
      TerminalWriter err,
      InstantSource clock,
      long totalBytes,
      LongSupplier bytes,
      LongSupplier events,
      LongSupplier hits) {
    this.err = err;
    this.clock = clock;
    this.totalBytes = totalBytes;
    this.bytes = bytes;
    this.events = events;
    this.hits = hits;
    this.startMillis = clock.millis();
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "kasa-progress");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleAtFixedRate(this::draw, 250, 250, TimeUnit.MILLISECONDS);
  }

  private void draw() {
    synchronized (err) {
      err.control("\r");
      err.print(render());
      err.control("\u001b[K");
      err.flush();
    }
  }

  String render() {
    double seconds = Math.max(0.001, (clock.millis() - startMillis) / 1000.0);
    long b = bytes.getAsLong();
    long e = events.getAsLong();
    String done = mb(b) + (totalBytes > 0 ? " / " + mb(totalBytes) : "");
    String pct =
        totalBytes > 0
            ? String.format(Locale.ROOT, " %3d%%", Math.min(100, b * 100 / totalBytes))
            : "";
    return String.format(
        Locale.ROOT,
        "scanning%s  %s  %,d events  %,.0f events/s  %.1f MB/s  %,d hits",
        pct,
        done,
        e,
        e / seconds,
        b / seconds / 1e6,
        hits.getAsLong());
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  /** Stops redrawing and clears the line. */
  @Override
  public void close() {
    timer.shutdownNow();
    synchronized (err) {
      err.control("\r\u001b[K");
      err.flush();
    }
  }
}
