package dev.kasa.node.detect;

import dev.kasa.event.EventSource;
import dev.kasa.node.ingest.TelemetryChunk;
import dev.kasa.node.ingest.TelemetrySink;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where {@code kasa serve} delivers continuous ingest: every chunk is matched by the live detector
 * and its findings stored, attributed to the sensor {@code ingest:NAME} (the source's name in
 * {@code kasa.yml}). A record the decoder rejects is counted and its first problem per chunk
 * reported to the node's log with its place; a chunk whose findings cannot be stored is reported
 * and counted, and the receiver goes on. Thread-safe.
 */
public final class DetectorSink implements TelemetrySink {
  private final FindingRecorder recorder;
  private final PrintStream log;
  private final AtomicLong records = new AtomicLong();
  private final AtomicLong malformed = new AtomicLong();
  private final AtomicLong findings = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  public DetectorSink(FindingRecorder recorder, PrintStream log) {
    this.recorder = recorder;
    this.log = log;
  }

  /**
   * Decodes the chunk where it lies (the receiver's batch, reused once this returns): no copy into
   * the decoder's own buffer and no count of its lines ahead of the decoder, which a stream of the
   * same bytes would cost; the same records either way ({@link
   * dev.kasa.event.Decoders#decode(EventSource, byte[], int, int, dev.kasa.event.ChunkProcessor)}).
   */
  @Override
  public void accept(TelemetryChunk chunk) {
    try {
      noted(
          chunk.sourceName(),
          recorder.record(
              chunk.source(), chunk.records(), 0, chunk.length(), "ingest:" + chunk.sourceName()));
    } catch (RuntimeException e) {
      failed(chunk.sourceName(), chunk.count(), e);
    }
  }

  /** Decodes the lines where they lie and counts their records as the decoder does. */
  @Override
  public int acceptLines(String sourceName, EventSource source, byte[] lines, int length) {
    try {
      FindingRecorder.Recorded r =
          recorder.record(source, lines, 0, length, "ingest:" + sourceName);
      noted(sourceName, r);
      var summary = r.outcome().summary();
      return Math.toIntExact(summary.records() + summary.malformed());
    } catch (RuntimeException e) {
      int count = TelemetrySink.countRecords(source, lines, length);
      failed(sourceName, count, e);
      return count;
    }
  }

  private void noted(String sourceName, FindingRecorder.Recorded r) {
    records.addAndGet(r.outcome().summary().records());
    findings.addAndGet(r.lines().size());
    long bad = r.outcome().summary().malformed();
    if (bad > 0) {
      malformed.addAndGet(bad);
      var listed = r.outcome().summary().firstMalformed();
      log.println(
          "kasa serve: ingest "
              + sourceName
              + ": "
              + bad
              + " malformed record(s)"
              + (listed.isEmpty() ? "" : ", first: " + listed.getFirst().text()));
    }
  }

  /** A receiver must not die of one chunk: the events are lost to detection, so say so. */
  private void failed(String sourceName, long count, Exception e) {
    failed.addAndGet(count);
    log.println(
        "kasa serve: ingest "
            + sourceName
            + ": "
            + count
            + " event(s) not matched: "
            + e.getMessage());
  }

  /** Events matched. */
  public long records() {
    return records.get();
  }

  /** Records the decoder rejected. */
  public long malformed() {
    return malformed.get();
  }

  /** Findings stored. */
  public long findings() {
    return findings.get();
  }

  /** Events lost to a failure to match or store. */
  public long failed() {
    return failed.get();
  }
}
