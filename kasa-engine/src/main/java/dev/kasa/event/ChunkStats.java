package dev.kasa.event;

import dev.kasa.ErrorCode;
import dev.kasa.EventRef;
import dev.kasa.Location.EventLocation;
import dev.kasa.Problem;
import java.util.ArrayList;
import java.util.List;

/** Counts what passes to the caller's sink for one chunk. Not thread-safe: one per chunk. */
final class ChunkStats implements RecordSink {
  private final RecordSink target;
  private final String input;
  private final int maxReported;
  final List<Problem> reasons = new ArrayList<>();
  long records;
  long malformed;

  /** For a free-layout input decoded whole: bytes read, and what ended it early (or null). */
  long bytes;

  String ioError;

  ChunkStats(RecordSink target, String input, int maxReported) {
    this.target = target;
    this.input = input;
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
      reasons.add(
          new Problem(
              ErrorCode.MALFORMED_RECORD,
              new EventLocation(EventRef.untimed(input, line)),
              reason));
    }
    target.malformed(line, reason);
  }
}
