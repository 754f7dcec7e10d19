package dev.kasa.bench;

import dev.kasa.detect.DetectionSnapshot;
import dev.kasa.detect.IndicatorIndex;
import dev.kasa.detect.IntelSet;
import dev.kasa.detect.MatchedBatch;
import dev.kasa.detect.RuleCompilation;
import dev.kasa.detect.Sweep;
import dev.kasa.event.ChunkTask;
import dev.kasa.event.DecodedRecord;
import dev.kasa.event.DecoderConfig;
import dev.kasa.event.EventInput;
import dev.kasa.event.EventScanner;
import dev.kasa.event.InputSummary;
import dev.kasa.event.ScanListener;
import dev.kasa.event.ScanOptions;
import dev.kasa.event.ScanTotals;
import dev.kasa.intel.IntelLoader;
import dev.kasa.sigma.binary.BinaryIn;
import dev.kasa.sigma.binary.BinaryOut;
import dev.kasa.sigma.correlation.CorrelationEngine;
import dev.kasa.sigma.logsource.LogSourceMap;
import dev.kasa.sigma.logsource.PlaceholderConfig;
import dev.kasa.sigma.match.LiteralAutomaton;
import dev.kasa.sigma.match.Placeholders;
import dev.kasa.sigma.program.ProgramCodec;
import dev.kasa.sigma.program.SigmaProgram;
import dev.kasa.sigma.rule.RuleLoader;
import dev.kasa.sigma.rule.RuleSet;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * Measures detection throughput (Sigma rules, indicators or both) against the cost of parsing
 * alone, in one JVM and one run: the same files are swept (a) decoding only, capturing the fields
 * the rules read and the observables the indicators are looked up by, and (b) by the engine's
 * {@link Sweep} (decoding, every compiled rule and indicator, findings delivered in order,
 * correlations fed), each with one thread and with every core; beside them the reference of issue
 * 14, Jackson's streaming parser reading every token and decoding every string of the same files
 * ({@link JacksonReference}). Reports events/s, MB/s, the detection/parse time ratio and each
 * pass's time as a multiple of the reference's. The targets: with the full Sigma rule set
 * at least 100,000 events/s per core and detection at most 2x a parse-only pass; the IOC sweep
 * within 2x of the reference per core.
 *
 * <pre>
 * java -cp kasa-bench/target/kasa-bench.jar dev.kasa.bench.DetectionThroughputMeasure \
 *     [--runs K] [--only reference|parse|detect] [--thread-cpu] [--placeholders FILE] \
 *     [--rules DIR…] [--intel FILE…] LOGS…
 * </pre>
 *
 * <p>{@code --only} runs one pass K times with one thread and nothing else, for a profiler. {@code
 * --thread-cpu} prints each pass's CPU by thread (worker, reading thread, GC, JIT), from Linux's
 * {@code /proc}.
 *
 * <p>Each configuration runs {@code K} times (default 3) after one warm-up pass over all of them;
 * the run of least CPU is reported (the least disturbed by the rest of the machine). Ratios are of
 * CPU seconds (the process's, every thread), which a loaded machine disturbs far less than wall
 * time.
 */
public final class DetectionThroughputMeasure {
  private DetectionThroughputMeasure() {}

  public static void main(String[] args) {
    int runs = 3;
    String only = null;
    boolean readBack = false;
    List<Path> rules = new ArrayList<>();
    Placeholders placeholders = Placeholders.NONE;
    List<String> logs = new ArrayList<>();
    List<String> intel = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--only" -> only = args[++i];
        case "--read-back" -> readBack = true;
        case "--thread-cpu" -> threadCpu = ThreadCpu.available();
        case "--rules" -> rules.add(Path.of(args[++i]));
        case "--placeholders" -> placeholders = PlaceholderConfig.load(Path.of(args[++i]));
        case "--intel" -> intel.add(args[++i]);
        default -> logs.add(args[i]);
      }
    }
    if ((rules.isEmpty() && intel.isEmpty()) || logs.isEmpty()) {
      System.err.println(
          "usage: DetectionThroughputMeasure [--runs K] [--only reference|parse|detect]"
              + " [--read-back] [--thread-cpu] [--placeholders FILE] [--rules DIR...] [--intel"
              + " FILE...] LOGS...");
      System.exit(2);
    }
    DetectionSnapshot.Builder builder = DetectionSnapshot.builder();
    if (!rules.isEmpty()) {
      RuleCompilation compiled = compile(rules, placeholders);
      builder.rules(readBack ? readBack(compiled, placeholders) : compiled);
    }
    if (!intel.isEmpty()) {
      builder.indicators(load(intel));
    }
    DetectionSnapshot snapshot = builder.build(0);
    int cores = Runtime.getRuntime().availableProcessors();
    List<Path> files = regularFiles(logs);
    if (only != null) {
      // For a profiler: one pass, one thread, K times, nothing else in the JVM's samples.
      for (int i = 0; i < runs; i++) {
        switch (only) {
          case "reference" ->
              print("jackson ref", 1, best(1, () -> reference(files, 1)), null, null);
          case "parse" ->
              print(
                  "parse only",
                  1,
                  best(1, () -> parse(logs, snapshot.decoderConfig(), 1)),
                  null,
                  null);
          case "detect" ->
              print("parse+detect", 1, best(1, () -> detect(logs, snapshot, 1)), null, null);
          default ->
              throw new IllegalArgumentException("--only " + only + ": reference, parse or detect");
        }
      }
      return;
    }
    // Warm-up: every configuration once.
    for (int threads : new int[] {1, cores}) {
      JacksonReference.read(files, threads);
      parse(logs, snapshot.decoderConfig(), threads);
      detect(logs, snapshot, threads);
    }
    for (int threads : threads(cores)) {
      Result j = best(runs, () -> reference(files, threads));
      Result p = best(runs, () -> parse(logs, snapshot.decoderConfig(), threads));
      Result d = best(runs, () -> detect(logs, snapshot, threads));
      print("jackson ref", threads, j, null, null);
      print("parse only", threads, p, null, j);
      print("parse+detect", threads, d, p, j);
    }
  }

  /**
   * {@code compiled} written in the compiled-rules cache's program form and read back, so that the
   * sweep runs the program a cached `kasa scan --sigma` runs (its patterns compiled on first use).
   */
  private static RuleCompilation readBack(RuleCompilation compiled, Placeholders placeholders) {
    try {
      byte[] automata = encode(out -> ProgramCodec.writeAutomata(compiled.program(), out));
      byte[] program = encode(out -> ProgramCodec.write(compiled.program(), compiled.set(), out));
      List<LiteralAutomaton> all =
          ProgramCodec.readAutomata(new BinaryIn(ByteBuffer.wrap(automata)));
      SigmaProgram read =
          ProgramCodec.read(
              new BinaryIn(ByteBuffer.wrap(program)), compiled.set(), placeholders, () -> all);
      System.out.println("program read back from its cache form");
      return RuleCompilation.read(compiled.set(), read, CorrelationEngine.Limits.defaults());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private interface Writing {
    void write(BinaryOut out) throws IOException;
  }

  private static byte[] encode(Writing w) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream data = new DataOutputStream(bytes);
    BinaryOut out = new BinaryOut(data);
    w.write(out);
    out.finish();
    data.flush();
    return bytes.toByteArray();
  }

  private static RuleCompilation compile(List<Path> rules, Placeholders placeholders) {
    long t0 = System.nanoTime();
    RuleSet set = RuleLoader.load(rules);
    RuleCompilation compiled = RuleCompilation.of(set, LogSourceMap.defaults(), placeholders);
    SigmaProgram program = compiled.program();
    System.out.printf(
        Locale.ROOT,
        "rules: %d compiled, %d problems, %d unmapped; load+compile %.2f s; %d fields captured%s%n",
        program.rules().size(),
        set.problems().size() + program.problems().size(),
        program.unmapped().size(),
        (System.nanoTime() - t0) / 1e9,
        program.capture().names().size(),
        program.capture().all() ? " + all (keyword rules)" : "");
    return compiled;
  }

  /** Loads intelligence as {@code kasa scan --intel} does: every version through one set. */
  private static IndicatorIndex load(List<String> intel) {
    long t0 = System.nanoTime();
    IntelSet set = new IntelSet();
    long[] problems = new long[1];
    ExecutorService workers =
        Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
    try {
      new IntelLoader(IntelLoader.Options.defaults(), workers, null)
          .load(intel, set.sink(problem -> problems[0]++));
    } finally {
      workers.shutdownNow();
    }
    IndicatorIndex index = set.index();
    System.out.printf(
        Locale.ROOT,
        "intel: %,d index entries, %,d problems; load %.2f s%n",
        index.size(),
        problems[0],
        (System.nanoTime() - t0) / 1e9);
    return index;
  }

  /** The files under the given files or directories, as the scanner reads them (recursively). */
  private static List<Path> regularFiles(List<String> logs) {
    List<Path> files = new ArrayList<>();
    for (String log : logs) {
      // From the real path, as the scanner follows a link given on its command line.
      try (Stream<Path> walk = Files.walk(Path.of(log).toRealPath())) {
        walk.filter(Files::isRegularFile).sorted().forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException(log + ": " + e.getMessage(), e);
      }
    }
    return files;
  }

  private static int[] threads(int cores) {
    return cores == 1 ? new int[] {1} : new int[] {1, cores};
  }

  /**
   * One pass: wall seconds and the process's CPU seconds over it (every thread, GC and JIT
   * included: the figure that holds on a loaded machine), events, bytes and matches.
   */
  private record Result(double seconds, double cpu, long events, long bytes, long matches) {
    Result withCpu(double cpuSeconds) {
      return new Result(seconds, cpuSeconds, events, bytes, matches);
    }
  }

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean)
          java.lang.management.ManagementFactory.getOperatingSystemMXBean();

  /** Whether each pass prints its CPU by thread (--thread-cpu, where /proc tells it). */
  private static boolean threadCpu;

  private static Result best(int runs, java.util.function.Supplier<Result> run) {
    Result best = null;
    for (int i = 0; i < runs; i++) {
      var threads0 = threadCpu ? ThreadCpu.snapshot() : null;
      long cpu0 = OS.getProcessCpuTime();
      Result r = run.get();
      r = r.withCpu((OS.getProcessCpuTime() - cpu0) / 1e9);
      if (threadCpu) {
        System.out.println(ThreadCpu.between(threads0, ThreadCpu.snapshot(), r.cpu()));
      }
      if (best == null || r.cpu() < best.cpu()) {
        best = r;
      }
    }
    return best;
  }

  private static Result reference(List<Path> files, int threads) {
    JacksonReference.Pass pass = JacksonReference.read(files, threads);
    return new Result(pass.seconds(), 0, pass.events(), pass.bytes(), 0);
  }

  private static void print(String what, int threads, Result r, Result parse, Result reference) {
    System.out.printf(
        Locale.ROOT,
        "%-13s threads=%d  %6.2f s  %6.2f cpu-s  %,9.0f events/s  %,9.0f events/cpu-s  %6.1f MB/s"
            + "  %,d events  %,d matches%s%s%n",
        what,
        threads,
        r.seconds(),
        r.cpu(),
        r.events() / r.seconds(),
        r.events() / r.cpu(),
        r.bytes() / 1e6 / r.seconds(),
        r.events(),
        r.matches(),
        parse == null
            ? ""
            : String.format(Locale.ROOT, "  detection/parse = %.2fx cpu", r.cpu() / parse.cpu()),
        reference == null
            ? ""
            : String.format(Locale.ROOT, "  /reference = %.2fx cpu", r.cpu() / reference.cpu()));
  }

  /** Decodes and captures what the rules read; nothing is evaluated. */
  private static Result parse(List<String> logs, DecoderConfig config, int threads) {
    SummingListener sum = new SummingListener();
    ExecutorService workers = Executors.newFixedThreadPool(threads);
    try {
      long start = System.nanoTime();
      ScanTotals totals =
          new EventScanner(ScanOptions.defaults().withThreads(threads), workers)
              .scan(logs, input -> new Decoding(config), sum);
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Result(seconds, 0, totals.records(), totals.bytes(), sum.sum());
    } finally {
      workers.shutdownNow();
    }
  }

  /** The whole sweep: every rule, findings delivered in input order, correlations fed. */
  private static Result detect(List<String> logs, DetectionSnapshot snapshot, int threads) {
    long[] matches = new long[1];
    Sweep sweep = Sweep.over(snapshot, Sweep.Options.files(0), f -> matches[0]++);
    ExecutorService workers = Executors.newFixedThreadPool(threads);
    try {
      long start = System.nanoTime();
      ScanTotals totals =
          new EventScanner(ScanOptions.defaults().withThreads(threads), workers)
              .scan(
                  logs,
                  sweep.chunks(),
                  new ScanListener<MatchedBatch>() {
                    @Override
                    public void chunkDone(EventInput input, MatchedBatch batch) {
                      sweep.deliver(batch);
                    }

                    @Override
                    public void inputDone(EventInput input, InputSummary summary) {}

                    @Override
                    public void unreadable(String input, String reason) {
                      throw new IllegalStateException(input + " unreadable: " + reason);
                    }
                  });
      sweep.finish();
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Result(seconds, 0, totals.records(), totals.bytes(), matches[0]);
    } finally {
      workers.shutdownNow();
    }
  }

  /** Receives the decoded records of one chunk and drops them. */
  private record Decoding(DecoderConfig decoderConfig) implements ChunkTask<Long> {
    @Override
    public void record(DecodedRecord record) {}

    @Override
    public void malformed(long line, String reason) {}

    @Override
    public Long finish() {
      return 0L;
    }
  }
}
