package dev.kasa.event;

import java.util.ArrayList;
import java.util.List;

/** Counts what passes to the caller's sink for one chunk. Not thread-safe: one per chunk. */
final class ChunkStats implements RecordSink {
  private final RecordSink target;
  private final int maxReported;
  final List<InputSummary.Malformed> reasons = new ArrayList<>();
  long records;
  long malformed;

  /** For a free-layout input decoded whole: bytes read, and what ended it early (or null). */
  long bytes;

  String ioError;

  ChunkStats(RecordSink target, int maxReported) {
    this.target = target;
    this.maxReported = maxReported;
  }

  @Override
  public void record(DecodedRecord record) {
    records++;
    target.record(record);
  }

  @Override
  public void malformed(long line, String reason) {
    malformed++;
    if (reasons.size() < maxReported) {
      reasons.add(new InputSummary.Malformed(line, reason));
    }
    target.malformed(line, reason);
  }
}
