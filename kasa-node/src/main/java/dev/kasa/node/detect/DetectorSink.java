package dev.kasa.node.detect;

import dev.kasa.node.ingest.TelemetryChunk;
import dev.kasa.node.ingest.TelemetrySink;
import java.io.ByteArrayInputStream;
import java.io.IOException;
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

  @Override
  public void accept(TelemetryChunk chunk) {
    String sensor = "ingest:" + chunk.sourceName();
    try {
      FindingRecorder.Recorded r =
          recorder.record(
              chunk.source(), new ByteArrayInputStream(chunk.records(), 0, chunk.length()), sensor);
      records.addAndGet(r.outcome().summary().records());
      findings.addAndGet(r.lines().size());
      long bad = r.outcome().summary().malformed();
      if (bad > 0) {
        malformed.addAndGet(bad);
        var listed = r.outcome().summary().firstMalformed();
        log.println(
            "kasa serve: ingest "
                + chunk.sourceName()
                + ": "
                + bad
                + " malformed record(s)"
                + (listed.isEmpty() ? "" : ", first: " + listed.getFirst().text()));
      }
    } catch (IOException | RuntimeException e) {
      // A receiver must not die of one chunk: the events are lost to detection, so say so.
      failed.addAndGet(chunk.count());
      log.println(
          "kasa serve: ingest "
              + chunk.sourceName()
              + ": "
              + chunk.count()
              + " event(s) not matched: "
              + e.getMessage());
    }
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
