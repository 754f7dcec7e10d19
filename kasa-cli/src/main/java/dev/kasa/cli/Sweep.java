package dev.kasa.cli;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.Problem;
import dev.kasa.cli.option.OptionFile;
import dev.kasa.cli.option.PathArguments;
import dev.kasa.cli.report.HitReport;
import dev.kasa.cli.report.JsonLinesReport;
import dev.kasa.cli.report.ProgressLine;
import dev.kasa.cli.report.SightingReport;
import dev.kasa.cli.report.TableReport;
import dev.kasa.cli.report.TerminalWriter;
import dev.kasa.detect.Detector;
import dev.kasa.detect.Hit;
import dev.kasa.detect.IndicatorIndex;
import dev.kasa.event.ChunkTask;
import dev.kasa.event.DecodedRecord;
import dev.kasa.event.EventFormat;
import dev.kasa.event.EventInput;
import dev.kasa.event.EventScanner;
import dev.kasa.event.FieldMaps;
import dev.kasa.event.InputSummary;
import dev.kasa.event.ScanListener;
import dev.kasa.event.ScanOptions;
import dev.kasa.event.ScanTotals;
import dev.kasa.intel.Indicator;
import dev.kasa.intel.IntelLoader;
import dev.kasa.intel.IntelSink;
import dev.kasa.sigma.program.SigmaEvaluator;
import dev.kasa.sigma.program.SigmaMatch;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One run of the main job: load the intelligence, build the detector, sweep the logs, report. The
 * wiring of engine parts happens here and nowhere else.
 */
final class Sweep {
  private final InputStream in;
  private final PrintWriter out;
  private final TerminalWriter text;
  private final TerminalWriter err;
  private final Clock clock;

  /**
   * @param out standard output itself, for JSON reports
   * @param text standard output for the table
   * @param err standard error, for the summary and progress
   */
  Sweep(InputStream in, PrintWriter out, TerminalWriter text, TerminalWriter err, Clock clock) {
    this.in = in;
    this.out = out;
    this.text = text;
    this.err = err;
    this.clock = clock;
  }

  int run(ScanRequest request) {
    PathArguments.requireExisting("intelligence", request.intel());
    PathArguments.requireExisting("Sigma rule", request.sigma());
    PathArguments.requireExisting("log", request.logs());
    ScanOptions options = scanOptions(request);
    SigmaRules sigma = null;
    if (!request.sigma().isEmpty()) {
      long rulesStart = clock.millis();
      sigma = SigmaRules.load(request.sigma(), request.logsources(), request.placeholders());
      options = options.withCapture(sigma.program().capture());
      new RuleSummary(err).loaded(sigma, clock.millis() - rulesStart);
    }

    long intelStart = clock.millis();
    IntelProblems problems = new IntelProblems();
    IndicatorIndex.Builder builder = IndicatorIndex.builder();
    IntelLoader.Report intel =
        new IntelLoader(IntelLoader.Options.defaults(), in)
            .load(
                request.intel(),
                new IntelSink() {
                  @Override
                  public void indicator(Indicator indicator) {
                    builder.add(indicator);
                  }

                  @Override
                  public void problem(Problem problem) {
                    problems.add(problem);
                  }
                });
    IndicatorIndex index = builder.build();
    RunSummary summary = new RunSummary(err);
    if (!request.intel().isEmpty()) {
      summary.intel(intel, index.size(), index.duplicates(), problems, clock.millis() - intelStart);
      if (index.size() == 0) {
        err.println("kasa: warning: no indicator was loaded; nothing can be hit");
      }
    }

    Detector detector = new Detector(index);
    long fallbackTime = clock.millis();
    HitReport report = report(request);
    AtomicLong hits = new AtomicLong();
    SigmaRules sigmaForTask = sigma;
    FindingsDelivery findings = new FindingsDelivery(report, sigma);
    EventScanner scanner = new EventScanner(options, in);
    List<String> unreadable = new ArrayList<>();
    List<String> malformed = new ArrayList<>();
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
                hits::get)
            : null) {
      totals =
          scanner.scan(
              request.logs(),
              input ->
                  new MatchingTask(
                      detector,
                      sigmaForTask == null ? null : sigmaForTask.program().evaluator(input),
                      fallbackTime),
              new ScanListener<Findings>() {
                @Override
                public void chunkDone(EventInput input, Findings result) {
                  String name =
                      request.format() == OutputFormat.TABLE
                          ? shortName(input.name(), request.logs())
                          : input.name();
                  hits.addAndGet(findings.deliver(input.name(), name, result));
                  // Stop at the first write error rather than scan on for nothing.
                  String failure = OutputWriter.failureOf(out);
                  if (failure != null) {
                    throw cannotWrite(failure, hits.get());
                  }
                }

                @Override
                public void inputDone(EventInput input, InputSummary inputSummary) {
                  for (Problem m : inputSummary.firstMalformed()) {
                    if (malformed.size() < RunSummary.LISTED) {
                      malformed.add(m.text());
                    }
                  }
                }

                @Override
                public void unreadable(String input, String reason) {
                  unreadable.add(input + ": " + reason);
                }
              });
    }
    hits.addAndGet(findings.finish());
    report.finish();
    String failure = OutputWriter.failureOf(out);
    summary.logs(totals, malformed, unreadable, clock.millis() - scanStart);
    if (failure != null) {
      throw cannotWrite(failure, hits.get());
    }
    summary.hits(hits.get());
    if (sigma != null) {
      new RuleSummary(err).after(sigma, findings);
    }
    if (request.failOnHit() && hits.get() > 0) {
      return Kasa.HITS;
    }
    return totals.unreadable() > 0
            || intel.problems().getOrDefault(ErrorCode.UNREADABLE_INPUT, 0L) > 0
        ? Kasa.INCOMPLETE
        : Kasa.OK;
  }

  private static KasaException cannotWrite(String failure, long findings) {
    return new KasaException(
        ErrorCode.WRITE_FAILED,
        "cannot write the output: " + failure + " (" + findings + " hits found, not all written)");
  }

  /** Matches the records of one chunk on its worker thread, keeping the hits in order. */
  private static final class MatchingTask implements ChunkTask<Findings> {
    private final Detector detector;
    private final SigmaEvaluator sigma;
    private final long fallbackTime;
    private final List<Hit> hits = new ArrayList<>();
    private final List<SigmaMatch> matches = new ArrayList<>();

    MatchingTask(Detector detector, SigmaEvaluator sigma, long fallbackTime) {
      this.detector = detector;
      this.sigma = sigma != null && sigma.active() ? sigma : null;
      this.fallbackTime = fallbackTime;
    }

    @Override
    public void record(DecodedRecord record) {
      detector.match(record, fallbackTime, hits::add);
      if (sigma != null) {
        sigma.evaluate(record, matches::add);
      }
    }

    @Override
    public void malformed(long line, String reason) {
      // Counted and listed by the scanner's InputSummary.
    }

    @Override
    public Findings finish() {
      return new Findings(hits, matches);
    }
  }

  private ScanOptions scanOptions(ScanRequest request) {
    ScanOptions options = ScanOptions.defaults();
    if (request.threads() > 0) {
      options = options.withThreads(request.threads());
    }
    if (request.inputFormat() != null) {
      options = options.withForcedFormat(EventFormat.byName(request.inputFormat()));
    }
    if (request.fieldMap() != null) {
      FieldMaps user = OptionFile.load("--field-map", request.fieldMap(), FieldMaps::load);
      options = options.withFieldMaps(FieldMaps.defaults().overriddenBy(user));
    }
    return options;
  }

  private HitReport report(ScanRequest request) {
    return switch (request.format()) {
      case TABLE -> new TableReport(text);
      case JSONL -> new JsonLinesReport(out);
      case STIX -> new SightingReport(out, clock, request.identity());
    };
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
