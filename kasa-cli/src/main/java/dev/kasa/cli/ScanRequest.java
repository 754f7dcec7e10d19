package dev.kasa.cli;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.cli.filter.FilterSpec;
import dev.kasa.cli.report.ViewSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything one sweep needs, as parsed from the command line; values the user can get wrong are
 * checked here and rejected as usage errors naming the option.
 *
 * @param intel intelligence paths (files, directories, gzip)
 * @param sigma Sigma rule paths (files, directories)
 * @param logsources a log-source map file extending the defaults, or null
 * @param placeholders a placeholder values file for the {@code expand} modifier, or null
 * @param logs log paths (files, directories, gzip, {@code -} for stdin)
 * @param format the output format
 * @param identity the name written as the sighter in STIX output
 * @param threads worker threads, 0 for all cores, at most {@link #MAX_THREADS}
 * @param inputFormat a forced log format name, or null to detect per file
 * @param fieldMap a field map override file, or null
 * @param failOnHit exit with status 1 when anything is hit
 * @param progress draw a progress line on stderr
 * @param filters which findings are reported
 * @param output the file the report is written to, or null for standard output
 * @param inputs plain lists by option, the problems file
 * @param views the order, folding or sums of the findings (checked against the format)
 * @param html the file of the HTML report, or null for none
 * @param observed with the STIX format, also write the values seen as observed-data
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
    boolean progress,
    FilterSpec filters,
    Path output,
    InputOptions.Spec inputs,
    ViewSpec views,
    Path html,
    boolean observed) {
  static final String DEFAULT_IDENTITY = "Kasa node";

  /**
   * More decoding threads than this cannot help (reading is on one thread) and each holds two
   * chunks of {@code ScanOptions.chunkBytes} in flight.
   */
  static final int MAX_THREADS = 256;

  ScanRequest {
    intel = List.copyOf(intel);
    sigma = List.copyOf(sigma);
    logs = List.copyOf(logs);
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(filters, "filters");
    Objects.requireNonNull(inputs, "inputs");
    Objects.requireNonNull(views, "views");
    if (threads < 0 || threads > MAX_THREADS) {
      throw usage("--threads must be 0 (every core) to " + MAX_THREADS + ", got " + threads);
    }
    if (identity.isBlank()) {
      throw usage("--identity must name this node, got '" + identity + "'");
    }
    long stdin =
        intel.stream().filter("-"::equals).count()
            + inputs.intelLists().stream().filter("-"::equals).count()
            + logs.stream().filter("-"::equals).count();
    if (stdin > 1) {
      throw usage(
          "standard input (-) can be read only once; it is given "
              + stdin
              + " times among --intel and the logs");
    }
    if (sigma.isEmpty() && (logsources != null || placeholders != null)) {
      throw usage(
          (logsources != null ? "--logsources" : "--placeholders")
              + " applies to Sigma rules: give --sigma PATH too");
    }
    if (observed && format != OutputFormat.STIX) {
      throw usage("--observed adds observed-data to STIX output: give --format stix too");
    }
  }

  private static KasaException usage(String message) {
    return new KasaException(ErrorCode.USAGE, message);
  }
}
