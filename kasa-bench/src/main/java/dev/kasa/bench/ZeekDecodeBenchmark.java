package dev.kasa.bench;

import dev.kasa.bench.workload.WorkloadGenerator;
import dev.kasa.event.ChunkTask;
import dev.kasa.event.DecodedRecord;
import dev.kasa.event.EventScanner;
import dev.kasa.event.ScanOptions;
import dev.kasa.event.ScanTotals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * PENDING: not compiled until {@code dev.kasa.event.EventScanner} (branch {@code event}) is merged;
 * then move this file to {@code kasa-bench/src/main/java/dev/kasa/bench/}. Written against the API
 * of commit 3436224 ({@code EventScanner(ScanOptions)}, {@code scan(List, ChunkProcessor,
 * ScanListener)}, {@code ChunkTask extends RecordSink}, {@code
 * ScanOptions.defaults().withThreads}).
 *
 * <p>Decodes and extracts 200,000 generated Zeek JSON events (conn, dns, http, files; about 90 MB)
 * with {@link EventScanner}, without matching, reported in events per second. MB/s is events/s
 * times the average event size printed by the setup (about 450 bytes).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class ZeekDecodeBenchmark {
  static final int EVENTS = 200_000;

  @Param({"1", "2"})
  public int threads;

  private Path dir;
  private EventScanner scanner;
  private ExecutorService workers;

  @Setup
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("kasa-decode-bench");
    WorkloadGenerator.generate(new WorkloadGenerator.Spec(1_000, EVENTS, 42, dir));
    long bytes = 0;
    try (Stream<Path> logs = Files.list(dir.resolve("logs"))) {
      for (Path p : logs.toList()) {
        bytes += Files.size(p);
      }
    }
    System.out.printf(
        "%n%d events, %d bytes, %.0f bytes per event%n", EVENTS, bytes, (double) bytes / EVENTS);
    workers = Executors.newFixedThreadPool(threads);
    scanner = new EventScanner(ScanOptions.defaults().withThreads(threads), workers);
  }

  @TearDown
  public void tearDown() throws IOException {
    workers.shutdownNow();
    TempTrees.delete(dir);
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long decode() {
    SummingListener sums = new SummingListener();
    ScanTotals totals =
        scanner.scan(
            List.of(dir.resolve("logs").toString()),
            input ->
                new ChunkTask<Long>() {
                  private long n;

                  @Override
                  public void record(DecodedRecord record) {
                    n += record.size();
                  }

                  @Override
                  public void malformed(long line, String reason) {
                    throw new IllegalStateException(
                        "malformed generated event at " + line + ": " + reason);
                  }

                  @Override
                  public Long finish() {
                    return n;
                  }
                },
            sums);
    if (totals.records() != EVENTS) {
      throw new IllegalStateException(totals.records() + " records decoded, not " + EVENTS);
    }
    return sums.sum();
  }
}
