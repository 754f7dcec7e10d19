package dev.kasa.node.detect;

import dev.kasa.detect.Finding;
import dev.kasa.detect.MatchedBatch;
import dev.kasa.detect.SnapshotHolder;
import dev.kasa.detect.Sweep;
import dev.kasa.event.Decoders;
import dev.kasa.event.EventSource;
import dev.kasa.event.InputSummary;
import dev.kasa.event.ScanOptions;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Matches request bodies against the detector's current snapshot: each body is decoded and matched
 * on its request's thread (any number at once), then delivered to the node's one {@link Sweep}
 * under a lock, because the sweep's correlation state (and its event-time watermark) lives across
 * requests and takes one delivery at a time. A correlation that fires is reported to the request
 * whose delivery fired it. Thread-safe.
 */
public final class EventMatching {
  /** Malformed records listed per body (every one is counted). */
  public static final int LISTED_PROBLEMS = 100;

  private final Decoders decoders;
  private final Sweep sweep;
  private final Object delivery = new Object();
  private List<Finding> target; // guarded by delivery

  /**
   * What one body gave.
   *
   * @param damage what ended the body early (a truncated gzip stream), or null
   */
  public record Outcome(List<Finding> findings, InputSummary summary, String damage) {
    public Outcome {
      findings = List.copyOf(findings);
      Objects.requireNonNull(summary, "summary");
    }
  }

  public EventMatching(SnapshotHolder holder, Clock clock) {
    ScanOptions d = ScanOptions.defaults();
    this.decoders =
        new Decoders(
            new ScanOptions(
                1,
                null,
                d.fieldMaps(),
                d.maxRecordBytes(),
                d.maxDepth(),
                d.chunkBytes(),
                LISTED_PROBLEMS));
    this.sweep = Sweep.over(holder, Sweep.Options.stream(clock::millis), f -> target.add(f));
  }

  /**
   * Decodes and matches everything {@code in} holds as {@code source}, then delivers the findings.
   *
   * @throws IOException when not even the start of the body can be read
   */
  public Outcome match(EventSource source, InputStream in) throws IOException {
    return delivered(decoders.decode(source, in, sweep.chunks()));
  }

  /**
   * Decodes and matches {@code b[from, to)} as {@code source}, where the bytes lie (see {@link
   * Decoders#decode(EventSource, byte[], int, int, dev.kasa.event.ChunkProcessor)}), then delivers
   * the findings. The bytes may be reused once this returns.
   */
  public Outcome match(EventSource source, byte[] b, int from, int to) {
    return delivered(decoders.decode(source, b, from, to, sweep.chunks()));
  }

  private Outcome delivered(Decoders.Decoded<MatchedBatch> decoded) {
    List<Finding> found = new ArrayList<>();
    if (decoded.result() != null) {
      synchronized (delivery) {
        target = found;
        try {
          sweep.deliver(decoded.result());
        } finally {
          target = null;
        }
      }
    }
    return new Outcome(found, decoded.summary(), decoded.damage());
  }
}
