package dev.kasa.cli;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.Problem;
import dev.kasa.cli.filter.FindingFilter;
import dev.kasa.cli.option.OptionFile;
import dev.kasa.cli.option.PathArguments;
import dev.kasa.cli.report.AggregateReport;
import dev.kasa.cli.report.CsvReport;
import dev.kasa.cli.report.HitReport;
import dev.kasa.cli.report.JsonLinesReport;
import dev.kasa.cli.report.ProgressLine;
import dev.kasa.cli.report.SightingReport;
import dev.kasa.cli.report.TableReport;
import dev.kasa.cli.report.Terminal;
import dev.kasa.cli.report.TerminalWriter;
import dev.kasa.cli.report.TimelineReport;
import dev.kasa.cli.report.ViewSpec;
import dev.kasa.cli.rules.SigmaOptions;
import dev.kasa.detect.DetectionSnapshot;
import dev.kasa.detect.Finding;
import dev.kasa.detect.IndicatorIndex;
import dev.kasa.detect.IntelSet;
import dev.kasa.detect.MatchedBatch;
import dev.kasa.detect.RuleCompilation;
import dev.kasa.detect.Sweep;
import dev.kasa.event.EventFormat;
import dev.kasa.event.EventInput;
import dev.kasa.event.EventScanner;
import dev.kasa.event.FieldMaps;
import dev.kasa.event.InputSummary;
import dev.kasa.event.ScanListener;
import dev.kasa.event.ScanOptions;
import dev.kasa.event.ScanTotals;
import dev.kasa.intel.BenignValues;
import dev.kasa.intel.IntelLoader;
import dev.kasa.intel.IntelSink;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One run of the main job: load the intelligence and the rules into a detection snapshot, sweep the
 * logs with the engine's {@link Sweep}, and write its findings in the format asked for. What a
 * sweep means is the engine's; this class only wires files, threads and reports to it.
 */
final class ScanRun {
  private final InputStream in;
  private final PrintWriter out;
  private final TerminalWriter text;
  private final TerminalWriter err;
  private final Clock clock;
  private final Terminal terminal;
  // The report of the run under way, closed when the run ends however it ends (temporary files).
  private HitReport current;

  /**
   * @param out standard output itself, for JSON reports
   * @param text standard output for the table
   * @param err standard error, for the summary and progress
   * @param terminal standard output's width and colour, for the table
   */
  ScanRun(
      InputStream in,
      PrintWriter out,
      TerminalWriter text,
      TerminalWriter err,
      Clock clock,
      Terminal terminal) {
    this.in = in;
    this.out = out;
    this.text = text;
    this.err = err;
    this.clock = clock;
    this.terminal = terminal;
  }

  int run(ScanRequest request) {
    PathArguments.requireExisting("intelligence", request.intel());
    PathArguments.requireExisting("--intel-list", request.inputs().intelLists());
    PathArguments.requireExisting("--allowlist", request.inputs().allowlists());
    PathArguments.requireExisting("--warninglists", request.inputs().warninglists());
    PathArguments.requireExisting("Sigma rule", request.sigma());
    PathArguments.requireExisting("log", request.logs());
    ScanOptions options = scanOptions(request);
    DetectionSnapshot.Builder snapshot = DetectionSnapshot.builder();
    RuleCompilation rules = null;
    if (!request.sigma().isEmpty()) {
      long rulesStart = clock.millis();
      // Option files first: a bad one is a usage error before any rule is read.
      SigmaOptions.Resolved resolved =
          SigmaOptions.resolve(request.logsources(), request.placeholders());
      rules = resolved.load(request.sigma().stream().map(Path::of).toList(), err);
      snapshot.rules(rules);
      new RuleSummary(err).loaded(rules, clock.millis() - rulesStart);
    }
    ExecutorService workers =
        Executors.newFixedThreadPool(
            options.threads(),
            r -> {
              Thread t = new Thread(r, "kasa-worker");
              t.setDaemon(true);
              return t;
            });
    try (ProblemLog problemLog = ProblemLog.open(request.inputs().problems())) {
      return loadAndSweep(request, options, snapshot, rules, workers, problemLog);
    } finally {
      workers.shutdownNow();
      if (current != null) {
        current.close();
        current = null;
      }
    }
  }

  private int loadAndSweep(
      ScanRequest request,
      ScanOptions options,
      DetectionSnapshot.Builder snapshot,
      RuleCompilation rules,
      ExecutorService workers,
      ProblemLog problemLog) {
    long intelStart = clock.millis();
    IntelProblems problems = new IntelProblems(problemLog);
    // Every version goes through the set: a newer version supersedes an older one, a revocation
    // withdraws every version, whatever the order of the files.
    IntelSet versions = new IntelSet();
    BenignValues benign = benignValues(request.inputs(), problems);
    IntelSink sink = versions.sink(problems::add);
    IntelLoader.Report intel =
        new IntelLoader(IntelLoader.Options.defaults(), workers, in)
            .load(
                request.intel(),
                request.inputs().intelLists(),
                benign.isEmpty() ? sink : benign.filter(sink));
    IndicatorIndex index = versions.index();
    snapshot.indicators(index);
    RunSummary summary = new RunSummary(err);
    if (intelGiven(request)) {
      summary.intel(intel, index, versions, problems, clock.millis() - intelStart);
      summary.suppressed(benign);
      if (index.size() == 0) {
        err.println("kasa: warning: no indicator was loaded; nothing can be hit");
      }
    }

    FindingFilter filter =
        request.filters().any()
            ? FindingFilter.of(request.filters(), rules, versions::modified, clock.instant(), err)
            : null;
    try (ReportFile file = request.output() == null ? null : ReportFile.open(request.output());
        HtmlOutput html = HtmlOutput.open(request)) {
      if (html != null) {
        html.loaded(intelGiven(request) ? intel : null, index.size(), rules);
      }
      PrintWriter reportOut = file == null ? out : file.writer();
      int status =
          sweep(
              request,
              options,
              snapshot.build(0),
              rules,
              workers,
              new Loaded(intel, index.size() > 0, summary, filter, problemLog),
              html,
              reportOut,
              file == null ? text : new TerminalWriter(reportOut),
              file == null ? terminal : terminal.file());
      if (file != null) {
        file.commit();
      }
      return status;
    }
  }

  private static boolean intelGiven(ScanRequest request) {
    return !request.intel().isEmpty() || !request.inputs().intelLists().isEmpty();
  }

  /** The allowlists and warninglists of the request, their problems counted with the intel's. */
  private static BenignValues benignValues(InputOptions.Spec inputs, IntelProblems problems) {
    BenignValues benign = new BenignValues();
    inputs.allowlists().forEach(f -> benign.allowlist(Path.of(f), problems::add));
    inputs.warninglists().forEach(d -> benign.warninglists(Path.of(d), problems::add));
    return benign;
  }

  /** What was loaded before the logs are read. */
  private record Loaded(
      IntelLoader.Report intel,
      boolean indicators,
      RunSummary summary,
      FindingFilter filter,
      ProblemLog problemLog) {}

  private int sweep(
      ScanRequest request,
      ScanOptions options,
      DetectionSnapshot detection,
      RuleCompilation rules,
      ExecutorService workers,
      Loaded loaded,
      HtmlOutput html,
      PrintWriter out,
      PrintWriter text,
      Terminal shownOn) {
    RunSummary summary = loaded.summary();
    FindingFilter filter = loaded.filter();
    HitReport report = report(request, out, text, shownOn, loaded.indicators(), rules);
    current = report;
    // Read by the progress line's thread.
    AtomicLong written = new AtomicLong();
    Sweep sweep =
        Sweep.over(
            detection,
            Sweep.Options.files(clock.millis()),
            finding -> {
              if (filter == null || filter.keeps(finding)) {
                route(finding, report, request);
                if (html != null) {
                  html.add(finding);
                }
                written.incrementAndGet();
              }
            });
    EventScanner scanner = new EventScanner(options, workers, in);
    List<String> unreadable = new ArrayList<>();
    List<String> malformed = new ArrayList<>();
    List<String> notLogs = new ArrayList<>();
    ProblemLog problemLog = loaded.problemLog();
    long scanStart = clock.millis();
    ScanTotals totals;
    try (ProgressLine progress =
        request.progress()
            ? new ProgressLine(
                err,
                clock,
                totalBytes(request.logs()),
                scanner::bytesRead,
                scanner::recordsDecoded,
                written::get)
            : null) {
      totals =
          scanner.scan(
              request.logs(),
              sweep.chunks(),
              new ScanListener<MatchedBatch>() {
                @Override
                public void chunkDone(EventInput input, MatchedBatch batch) {
                  sweep.deliver(batch);
                  // Stop at the first write error rather than scan on for nothing.
                  String failure = OutputWriter.failureOf(out);
                  if (failure != null) {
                    throw cannotWrite(failure, sweep.reported());
                  }
                }

                @Override
                public void inputDone(EventInput input, InputSummary inputSummary) {
                  for (Problem m : inputSummary.firstMalformed()) {
                    problemLog.write("malformed", m.text());
                    if (malformed.size() < RunSummary.LISTED) {
                      malformed.add(m.text());
                    }
                  }
                }

                @Override
                public void unreadable(String input, String reason) {
                  unreadable.add(input + ": " + reason);
                  problemLog.write("unreadable", input + ": " + reason);
                }

                @Override
                public void skipped(String input, String reason) {
                  notLogs.add(input);
                  problemLog.write("skipped", input + ": " + reason);
                }
              });
    }
    sweep.finish();
    report.finish();
    if (report instanceof TimelineReport timeline && timeline.folded() > 0) {
      err.printf(
          java.util.Locale.ROOT,
          "kasa: dedup: %,d findings folded into the rows of their first copy%n",
          timeline.folded());
    }
    String failure = OutputWriter.failureOf(out);
    summary.logs(totals, malformed, unreadable, clock.millis() - scanStart);
    summary.notLogs(notLogs);
    problemLog.finish(err);
    if (failure != null) {
      throw cannotWrite(failure, sweep.reported());
    }
    summary.hits(sweep.reported());
    if (filter != null) {
      summary.filtered(written.get(), filter);
    }
    if (rules != null) {
      new RuleSummary(err).after(rules, sweep);
    }
    if (html != null) {
      html.finish(totals, unreadable, filter, nothingFound(loaded.indicators(), rules), clock);
    }
    long reported = filter == null ? sweep.reported() : written.get();
    if (request.failOnHit() && reported > 0) {
      return Kasa.HITS;
    }
    return totals.unreadable() > 0
            || loaded.intel().problems().getOrDefault(ErrorCode.UNREADABLE_INPUT, 0L) > 0
        ? Kasa.INCOMPLETE
        : Kasa.OK;
  }

  /** Writes one finding; the table shows a file found in a directory argument by a short name. */
  private static void route(Finding finding, HitReport report, ScanRequest request) {
    switch (finding) {
      case Finding.IndicatorHit hit -> report.hit(shown(hit.event().source(), request), hit);
      case Finding.RuleMatch match -> report.sigma(shown(match.event().source(), request), match);
      case Finding.CorrelationHit fired -> report.correlation(fired);
    }
  }

  private static String shown(String input, ScanRequest request) {
    return request.format() == OutputFormat.TABLE ? shortName(input, request.logs()) : input;
  }

  private static KasaException cannotWrite(String failure, long findings) {
    return new KasaException(
        ErrorCode.WRITE_FAILED,
        "cannot write the output: " + failure + " (" + findings + " hits found, not all written)");
  }

  private ScanOptions scanOptions(ScanRequest request) {
    ScanOptions options = ScanOptions.defaults();
    if (request.threads() > 0) {
      options = options.withThreads(request.threads());
    }
    if (request.inputFormat() != null) {
      options = options.withForcedFormat(EventFormat.byName(request.inputFormat()));
    }
    if (request.inputs().problems() != null) {
      // Every malformed record goes to the problems file; a bound still keeps memory finite.
      options = options.withMaxReportedMalformed(ProblemLog.MAX_MALFORMED_PER_INPUT);
    }
    if (request.fieldMap() != null) {
      FieldMaps user = OptionFile.load("--field-map", request.fieldMap(), FieldMaps::load);
      options = options.withFieldMaps(FieldMaps.defaults().overriddenBy(user));
    }
    return options;
  }

  private HitReport report(
      ScanRequest request,
      PrintWriter out,
      PrintWriter text,
      Terminal shownOn,
      boolean indicators,
      RuleCompilation rules) {
    ViewSpec views = request.views();
    if (views.aggregate()) {
      return new AggregateReport(
          request.format() == OutputFormat.TABLE ? text : out,
          switch (request.format()) {
            case CSV -> AggregateReport.Format.CSV;
            case JSONL -> AggregateReport.Format.JSONL;
            case TABLE, STIX -> AggregateReport.Format.TABLE;
          },
          shownOn);
    }
    if (views.timeline()) {
      return new TimelineReport(
          out,
          request.format() == OutputFormat.CSV,
          views,
          Path.of(System.getProperty("java.io.tmpdir")));
    }
    return switch (request.format()) {
      case TABLE -> new TableReport(text, shownOn, nothingFound(indicators, rules));
      case JSONL -> new JsonLinesReport(out);
      case STIX -> new SightingReport(out, clock, request.identity(), request.observed());
      case CSV -> new CsvReport(out);
    };
  }

  /** What the table says when nothing was found: only what could have been found. */
  private static String nothingFound(boolean indicators, RuleCompilation rules) {
    boolean sigma =
        rules != null && !(rules.set().rules().isEmpty() && rules.set().correlations().isEmpty());
    if (indicators && sigma) {
      return "No indicator was hit and no Sigma rule matched.";
    }
    if (indicators) {
      return "No indicator was hit.";
    }
    if (sigma) {
      return "No Sigma rule matched.";
    }
    return "Nothing was searched for: no indicator and no Sigma rule was loaded.";
  }

  /**
   * For the table: a file found inside a directory argument is shown from that directory's name on
   * ({@code logs/zeek/conn.log}), not with the directory's whole path.
   */
  static String shortName(String input, List<String> arguments) {
    for (String arg : arguments) {
      String dir = arg.endsWith("/") ? arg.substring(0, arg.length() - 1) : arg;
      if (input.startsWith(dir + "/")) {
        Path name = Path.of(dir).getFileName();
        return (name == null ? "" : name + "/") + input.substring(dir.length() + 1);
      }
    }
    return input;
  }

  private static long totalBytes(List<String> logs) {
    long total = 0;
    for (String p : logs) {
      if (p.equals("-")) {
        return -1;
      }
      try (var files = Files.walk(Path.of(p))) {
        total += files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
      } catch (java.io.IOException | java.io.UncheckedIOException e) {
        return -1;
      }
    }
    return total;
  }
}
