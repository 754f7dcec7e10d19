package dev.kasa.cli;

import dev.kasa.ErrorCode;
import dev.kasa.cli.filter.FindingFilter;
import dev.kasa.cli.report.html.HtmlReport;
import dev.kasa.cli.report.html.RunFacts;
import dev.kasa.detect.Finding;
import dev.kasa.detect.RuleCompilation;
import dev.kasa.event.ScanTotals;
import dev.kasa.intel.IntelLoader;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code kasa scan --html FILE}: the HTML report fed beside the chosen format, and its file, which
 * appears whole at the end of the run or not at all (a {@link ReportFile}).
 */
final class HtmlOutput implements AutoCloseable {
  private final ReportFile file;
  private final HtmlReport report = new HtmlReport();
  private final List<String> logs;
  private IntelLoader.Report intel;
  private long indicators;
  private RuleCompilation rules;

  private HtmlOutput(ReportFile file, List<String> logs) {
    this.file = file;
    this.logs = logs;
  }

  /** The output of {@code request}, or null without {@code --html}; its directory is checked. */
  static HtmlOutput open(ScanRequest request) {
    return request.html() == null
        ? null
        : new HtmlOutput(ReportFile.open("--html", request.html()), request.logs());
  }

  /** What was loaded before the logs are read; the intelligence is null when none was given. */
  void loaded(IntelLoader.Report intel, long indicators, RuleCompilation rules) {
    this.intel = intel;
    this.indicators = indicators;
    this.rules = rules;
  }

  /** One finding the filters let through. */
  void add(Finding finding) {
    report.add(ScanRun.shortName(finding.event().source(), logs), finding);
  }

  /**
   * Writes the page and renames it to its file.
   *
   * @throws dev.kasa.KasaException {@link ErrorCode#WRITE_FAILED} when it cannot be written
   */
  void finish(
      ScanTotals totals,
      List<String> unreadable,
      FindingFilter filter,
      String nothingFound,
      Clock clock) {
    Map<String, Long> intelProblems = new LinkedHashMap<>();
    if (intel != null) {
      intel.problems().forEach((code, n) -> intelProblems.put(code.label(), n));
    }
    RunFacts facts =
        new RunFacts(
            clock.instant(),
            logs,
            totals.inputs(),
            totals.records(),
            totals.bytes(),
            totals.malformed(),
            unreadable,
            intel != null,
            intel == null ? 0 : intel.files(),
            indicators,
            intelProblems,
            rules != null,
            rules == null ? 0 : rules.program().rules().size(),
            rules == null ? 0 : rules.set().correlations().size(),
            rules == null ? 0 : rules.problems().size(),
            filter == null ? -1 : filter.leftOut(),
            nothingFound);
    report.write(file.writer(), facts);
    file.commit();
  }

  /** Deletes the temporary file unless the page was written. */
  @Override
  public void close() {
    file.close();
  }
}
