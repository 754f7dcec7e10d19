package dev.kasa.event;

import dev.kasa.Problem;
import java.util.List;

/**
 * What decoding one input gave.
 *
 * @param records records decoded (delivered to the sinks)
 * @param malformed records skipped as malformed
 * @param firstMalformed the first malformed records (at most {@link
 *     ScanOptions#maxReportedMalformed}), each a {@link dev.kasa.ErrorCode#MALFORMED_RECORD} at the
 *     event (input and line) where the record starts
 * @param bytes bytes read (after decompression)
 */
public record InputSummary(long records, long malformed, List<Problem> firstMalformed, long bytes) {
  public InputSummary {
    firstMalformed = List.copyOf(firstMalformed);
  }
}
