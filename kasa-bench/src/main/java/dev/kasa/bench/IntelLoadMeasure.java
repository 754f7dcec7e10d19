package dev.kasa.bench;

import dev.kasa.Problem;
import dev.kasa.detect.IndicatorIndex;
import dev.kasa.detect.IntelSet;
import dev.kasa.intel.Indicator;
import dev.kasa.intel.IntelLoader;
import dev.kasa.intel.IntelSink;
import dev.kasa.intel.IntelVersion;
import dev.kasa.intel.VersionColumns;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Measures loading intelligence into an {@link IndicatorIndex} the way {@code kasa scan} does, and
 * the heap the loaded index retains. Checks issue 14's targets: load &le; 2 s and &le; 100 bytes of
 * heap per indicator for 1,000,000 indicators.
 *
 * <pre>
 * java -Xmx8g -cp kasa-bench/target/kasa-bench.jar dev.kasa.bench.IntelLoadMeasure [--runs K] FILE
 * </pre>
 *
 * <p>{@code FILE} is a STIX bundle ({@code .json}, optionally {@code .gz}) read with {@link
 * StixBundleImporter}, or a plain list ({@code .txt}) of values whose types are inferred. Each run
 * loads from scratch in the same JVM; the first run is the cold figure a CLI user sees. Retained
 * heap is measured after the last run: heap used after repeated {@code System.gc()} with the index
 * alive, minus the same before loading.
 */
public final class IntelLoadMeasure {
  private static final double TARGET_SECONDS = 2.0;
  private static final double TARGET_BYTES = 100.0;

  private IntelLoadMeasure() {}

  public static void main(String[] args) throws Exception {
    int runs = 1;
    Path file = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--runs") && i + 1 < args.length) {
        runs = Integer.parseInt(args[++i]);
      } else {
        file = Path.of(args[i]);
      }
    }
    if (file == null || runs < 1) {
      System.err.println("usage: IntelLoadMeasure [--runs K] FILE.json|FILE.txt");
      System.exit(2);
    }
    IndicatorIndex index = null;
    double firstSeconds = 0;
    long baseline = 0;
    for (int run = 1; run <= runs; run++) {
      index = null;
      baseline = usedHeapAfterGc();
      Counts counts = new Counts();
      long cpuStart = processCpuNanos();
      long start = System.nanoTime();
      index = load(file, counts);
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
      if (run == 1) {
        firstSeconds = seconds;
      }
      System.out.printf(
          "run %d: %,d indicators (%,d index entries), %,d problems, load %.3f s, %,.0f"
              + " indicators/s (import %.3f s + build %.3f s), process cpu %.3f s%n",
          run,
          counts.indicators,
          index.size(),
          counts.problems,
          seconds,
          counts.indicators / seconds,
          counts.importNanos / 1e9,
          counts.buildNanos / 1e9,
          cpuSeconds);
    }
    long retained = usedHeapAfterGc() - baseline;
    double perIndicator = (double) retained / Math.max(1, index.size());
    System.out.printf(
        "retained heap: %,d bytes, %.1f bytes per index entry%n", retained, perIndicator);
    System.out.printf(
        "targets: load %.3f s (first run) %s %.1f s; heap %.1f B/indicator %s %.0f B%n",
        firstSeconds,
        firstSeconds <= TARGET_SECONDS ? "<=" : "> ",
        TARGET_SECONDS,
        perIndicator,
        perIndicator <= TARGET_BYTES ? "<=" : "> ",
        TARGET_BYTES);
    Reference.reachabilityFence(index);
  }

  private static final class Counts {
    long indicators;
    long problems;
    long importNanos;
    long buildNanos;
  }

  /**
   * Imports into a set of versions and builds the index from it, as {@code kasa scan} does; the set
   * and importer become garbage when this returns.
   */
  private static IndicatorIndex load(Path file, Counts counts) throws IOException {
    IntelSet set = new IntelSet();
    IntelSink versions =
        set.sink(
            problem -> {
              if (counts.problems++ < 5) {
                System.err.println("problem: " + problem);
              }
            });
    IntelSink sink =
        new IntelSink() {
          @Override
          public void version(IntelVersion version) {
            counts.indicators += version.observables().size();
            versions.version(version);
          }

          @Override
          public void indicator(Indicator indicator) {
            counts.indicators++;
            versions.indicator(indicator);
          }

          @Override
          public void problem(Problem problem) {
            versions.problem(problem);
          }

          // Passes the load's columns on, as kasa scan's counting sink does, so that the set
          // takes them without records.
          @Override
          public void versions(VersionColumns columns) {
            // A refusal is counted as a problem by the set's problem consumer.
            counts.indicators += columns.standingObservables();
            versions.versions(columns);
          }

          @Override
          public boolean takesColumns() {
            return versions.takesColumns();
          }

          @Override
          public void expect(int count, int observables) {
            versions.expect(count, observables);
          }
        };
    long start = System.nanoTime();
    // The same path as `kasa scan --intel`: format and gzip detected per file, and a pool of
    // one worker per processor (ScanRun's) to decode and finish on.
    ExecutorService workers =
        Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(),
            r -> {
              Thread t = new Thread(r, "kasa-worker");
              t.setDaemon(true);
              return t;
            });
    try {
      new IntelLoader(IntelLoader.Options.defaults(), workers, null)
          .load(List.of(file.toString()), sink);
    } finally {
      workers.shutdownNow();
    }
    long imported = System.nanoTime();
    IndicatorIndex index = set.index();
    counts.importNanos = imported - start;
    counts.buildNanos = System.nanoTime() - imported;
    return index;
  }

  /** CPU time of the whole process (all threads, GC included): comparable on a loaded machine. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    var memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 6; i++) {
      System.gc();
      Thread.sleep(60);
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
