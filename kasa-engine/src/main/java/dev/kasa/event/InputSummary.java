package dev.kasa.event;

import java.util.List;

/**
 * What decoding one input gave.
 *
 * @param records records decoded (delivered to the sinks)
 * @param malformed records skipped as malformed
 * @param firstMalformed the first malformed records (at most {@link
 *     ScanOptions#maxReportedMalformed})
 * @param bytes bytes read (after decompression)
 */
public record InputSummary(
    long records, long malformed, List<Malformed> firstMalformed, long bytes) {
  public InputSummary {
    firstMalformed = List.copyOf(firstMalformed);
  }

  /** A malformed record: the 1-based line where it starts and what is wrong. */
  public record Malformed(long line, String reason) {}
}
