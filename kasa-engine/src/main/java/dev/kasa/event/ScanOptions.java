package dev.kasa.event;

import java.util.Objects;

/**
 * How {@link EventScanner} and {@link Decoders} read events. What decoders capture for Sigma is not
 * here: it belongs to the detection snapshot a chunk is matched against ({@link
 * ChunkTask#decoderConfig()}).
 *
 * @param threads decoding worker threads, 1 to {@link #MAX_THREADS}
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

  /** The most worker threads; the scanner keeps two chunks per thread in flight. */
  public static final int MAX_THREADS = 1024;

  public ScanOptions {
    Objects.requireNonNull(fieldMaps, "fieldMaps");
    if (threads < 1 || threads > MAX_THREADS) {
      throw new IllegalArgumentException(
          "threads must be 1 to " + MAX_THREADS + ", got " + threads);
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

  /**
   * Defaults: all available processors (at most {@link #MAX_THREADS}), detection, default field
   * maps, 1 MiB, 64, 4 MiB, 20.
   */
  public static ScanOptions defaults() {
    return new ScanOptions(
        Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()),
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

  /** These options listing up to {@code n} malformed records per input. */
  public ScanOptions withMaxReportedMalformed(int n) {
    return new ScanOptions(
        threads, forcedFormat, fieldMaps, maxRecordBytes, maxDepth, chunkBytes, n);
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
