package dev.kasa.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything one sweep needs, as parsed from the command line.
 *
 * @param intel intelligence paths (files, directories, gzip)
 * @param sigma Sigma rule paths (files, directories)
 * @param logsources a log-source map file extending the defaults, or null
 * @param placeholders a placeholder values file for the {@code expand} modifier, or null
 * @param logs log paths (files, directories, gzip, {@code -} for stdin)
 * @param format the output format
 * @param identity the name written as the sighter in STIX output
 * @param threads worker threads, 0 for all cores
 * @param inputFormat a forced log format name, or null to detect per file
 * @param fieldMap a field map override file, or null
 * @param failOnHit exit with status 1 when anything is hit
 * @param progress draw a progress line on stderr
 */
record ScanRequest(
    List<String> intel,
    List<String> sigma,
    Path logsources,
    Path placeholders,
    List<String> logs,
    OutputFormat format,
    String identity,
    int threads,
    String inputFormat,
    Path fieldMap,
    boolean failOnHit,
    boolean progress) {
  static final String DEFAULT_IDENTITY = "Kasa node";

  ScanRequest {
    intel = List.copyOf(intel);
    sigma = List.copyOf(sigma);
    logs = List.copyOf(logs);
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(identity, "identity");
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be 0 (all cores) or more, was " + threads);
    }
  }
}
