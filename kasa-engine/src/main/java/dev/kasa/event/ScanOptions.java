package dev.kasa.event;

import java.util.Objects;

/**
 * How {@link EventScanner} works.
 *
 * @param threads decoding worker threads, at least 1
 * @param forcedFormat the format of every input, or null to detect per file
 * @param fieldMaps the field maps (defaults, possibly overridden)
 * @param maxRecordBytes larger records are malformed (default 1 MiB)
 * @param maxDepth deeper JSON nesting is malformed (default 64)
 * @param chunkBytes size of the chunks files are split into (default 4 MiB)
 * @param maxReportedMalformed malformed records listed per input in {@link InputSummary}
 */
public record ScanOptions(
    int threads,
    EventFormat forcedFormat,
    FieldMaps fieldMaps,
    int maxRecordBytes,
    int maxDepth,
    int chunkBytes,
    int maxReportedMalformed) {

  public ScanOptions {
    Objects.requireNonNull(fieldMaps, "fieldMaps");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    if (maxRecordBytes < 16) {
      throw new IllegalArgumentException("maxRecordBytes must be >= 16, got " + maxRecordBytes);
    }
    if (maxDepth < 1) {
      throw new IllegalArgumentException("maxDepth must be >= 1, got " + maxDepth);
    }
    if (chunkBytes < 1) {
      throw new IllegalArgumentException("chunkBytes must be >= 1, got " + chunkBytes);
    }
    if (maxReportedMalformed < 0) {
      throw new IllegalArgumentException(
          "maxReportedMalformed must be >= 0, got " + maxReportedMalformed);
    }
  }

  /** Defaults: all available processors, detection, default field maps, 1 MiB, 64, 4 MiB, 20. */
  public static ScanOptions defaults() {
    return new ScanOptions(
        Runtime.getRuntime().availableProcessors(),
        null,
        FieldMaps.defaults(),
        1 << 20,
        64,
        4 << 20,
        20);
  }

  public ScanOptions withThreads(int n) {
    return new ScanOptions(
        n, forcedFormat, fieldMaps, maxRecordBytes, maxDepth, chunkBytes, maxReportedMalformed);
  }

  public ScanOptions withForcedFormat(EventFormat f) {
    return new ScanOptions(
        threads, f, fieldMaps, maxRecordBytes, maxDepth, chunkBytes, maxReportedMalformed);
  }

  public ScanOptions withFieldMaps(FieldMaps m) {
    return new ScanOptions(
        threads, forcedFormat, m, maxRecordBytes, maxDepth, chunkBytes, maxReportedMalformed);
  }

  public ScanOptions withLimits(int recordBytes, int depth) {
    return new ScanOptions(
        threads, forcedFormat, fieldMaps, recordBytes, depth, chunkBytes, maxReportedMalformed);
  }

  public ScanOptions withChunkBytes(int n) {
    return new ScanOptions(
        threads, forcedFormat, fieldMaps, maxRecordBytes, maxDepth, n, maxReportedMalformed);
  }
}
