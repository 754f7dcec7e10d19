package dev.kasa.cli;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.cli.filter.FilterOptions;
import dev.kasa.cli.rules.SigmaOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kasa scan}: sweeps logs against shared intelligence and Sigma rules. */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = {
      "Sweeps logs for every indicator in the given intelligence and every Sigma rule, in one"
          + " pass, and reports the hits.",
      "Exit status: 0 completed; 1 hits with --fail-on-hit; 2 usage error; 3 incomplete (some"
          + " inputs could not be read, or the output could not be written); 4 internal error."
    })
final class ScanCommand implements Callable<Integer> {
  private final ScanRun sweep;

  @Option(
      names = {"-i", "--intel"},
      paramLabel = "PATH",
      description =
          "STIX bundle, MISP event or feed, or plain list: a file, directory or gzip file."
              + " Repeatable.")
  List<String> intel = new ArrayList<>();

  @Option(
      names = {"-s", "--sigma"},
      paramLabel = "PATH",
      description =
          "Sigma rules (rules, correlations, filters): a YAML file or a directory. Repeatable.")
  List<String> sigma = new ArrayList<>();

  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description = "Logs to sweep: files, directories, gzip files, or - for stdin.")
  List<String> logs;

  @Mixin SigmaOptions sigmaOptions = new SigmaOptions();

  @Mixin FilterOptions filters = new FilterOptions();

  @Mixin InputOptions inputs = new InputOptions();

  @Mixin ViewOptions views = new ViewOptions();

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description =
          "Write the report to FILE instead of standard output. The file appears whole at the"
              + " end of the run (written beside it, then renamed), or not at all.")
  Path output;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      description =
          "Also write a self-contained HTML report to FILE: summary, detection timeline, ATT&CK"
              + " techniques, top hosts and the first "
              + dev.kasa.cli.report.html.HtmlReport.MAX_ROWS
              + " findings (docs/output.md).")
  Path html;

  @Option(
      names = {"-f", "--format"},
      defaultValue = "table",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Option(
      names = "--input-format",
      paramLabel = "NAME",
      description =
          "Read every log as this format instead of detecting it per file: ndjson, zeek-tsv,"
              + " zeek-json, eve, evtx-json, windows-json, evtx (.evtx files are always read as"
              + " such, found by their header).")
  String inputFormat;

  @Option(
      names = "--field-map",
      paramLabel = "FILE",
      description = "Field map entries that add to or replace the defaults (docs/field-maps.md).")
  Path fieldMap;

  @Option(
      names = "--threads",
      defaultValue = "0",
      description =
          "Worker threads, 0 to "
              + ScanRequest.MAX_THREADS
              + "; 0 uses every core (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--identity",
      defaultValue = ScanRequest.DEFAULT_IDENTITY,
      description = "Our name as the sighter in --format stix output (default: ${DEFAULT-VALUE}).")
  String identity;

  @Option(
      names = "--observed",
      description =
          "With --format stix: also share the values seen and the hosts that logged them, as"
              + " observed-data marked as the indicator they sight.")
  boolean observed;

  @Option(
      names = "--fail-on-hit",
      description =
          "Exit with status 1 when anything is reported: an indicator hit, a Sigma match or a"
              + " correlation, counted after the filters.")
  boolean failOnHit;

  @Option(
      names = "--progress",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "Show a progress line on stderr when it is a terminal (default: on).")
  boolean progress;

  ScanCommand(ScanRun sweep) {
    this.sweep = sweep;
  }

  @Override
  public Integer call() {
    boolean terminal = Boolean.getBoolean("kasa.stderr.tty");
    if (intel.isEmpty() && inputs.intelLists.isEmpty() && sigma.isEmpty()) {
      throw new KasaException(
          ErrorCode.USAGE,
          "give --intel PATH, --sigma PATH, or both (--intel-list FILE counts as --intel)");
    }
    ScanRequest request =
        new ScanRequest(
            intel,
            sigma,
            sigmaOptions.logsourcesFile(),
            sigmaOptions.placeholdersFile(),
            logs,
            format,
            identity,
            threads,
            inputFormat,
            fieldMap,
            failOnHit,
            progress && terminal,
            filters.spec(),
            output,
            inputs.spec(),
            views.spec(format),
            html,
            observed);
    return sweep.run(request);
  }
}
