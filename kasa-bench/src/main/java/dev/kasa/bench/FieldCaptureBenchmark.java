package dev.kasa.bench;

import dev.kasa.bench.workload.WindowsEvents;
import dev.kasa.event.ChunkTask;
import dev.kasa.event.DecodedRecord;
import dev.kasa.event.DecoderConfig;
import dev.kasa.event.Decoders;
import dev.kasa.event.EventFormat;
import dev.kasa.event.EventSource;
import dev.kasa.event.FieldCapture;
import dev.kasa.event.ScanOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decodes 50,000 generated NXLog-style flat Windows JSON events (Sysmon 1/3/11/13, Security
 * 4624/4688; about 40 fields each, long {@code CommandLine} and {@code Message} values) from memory
 * on one thread through the file-free intake ({@link Decoders}), with field capture {@code none},
 * {@code names} (25 Sigma field names) or {@code all}. The score is decode passes per second; the
 * {@code records} and {@code bytes} secondary scores of the same run are records/s and bytes/s
 * (divide by 10^6 for MB/s). The {@code captured} score counts captured values (and observables)
 * per second, a check that capture happened.
 *
 * <p>On a shared machine wall-clock rates swing with the load; {@link #main} runs the three modes
 * interleaved and also reports rates per CPU second of the process ({@code java -cp kasa-bench.jar
 * dev.kasa.bench.FieldCaptureBenchmark [rounds]}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class FieldCaptureBenchmark {
  static final int EVENTS = 50_000;

  /** The 25 names a typical Windows rule set reads. */
  static final List<String> SIGMA_NAMES =
      List.of(
          "EventID",
          "Channel",
          "Image",
          "CommandLine",
          "ParentImage",
          "ParentCommandLine",
          "OriginalFileName",
          "User",
          "IntegrityLevel",
          "Hashes",
          "CurrentDirectory",
          "TargetFilename",
          "TargetObject",
          "Details",
          "DestinationIp",
          "DestinationPort",
          "DestinationHostname",
          "Initiated",
          "LogonType",
          "TargetUserName",
          "NewProcessName",
          "ParentProcessName",
          "SubjectUserName",
          "Product",
          "Company");

  @Param({"none", "names", "all"})
  public String capture;

  private byte[] events;
  private DecoderConfig options;

  /** Per-iteration totals JMH turns into rates next to the main score. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Counters {
    public long records;
    public long bytes;
    public long captured;

    @Setup(Level.Iteration)
    public void clear() {
      records = 0;
      bytes = 0;
      captured = 0;
    }
  }

  @Setup
  public void setUp() {
    events = WindowsEvents.generate(EVENTS, 42);
    System.out.printf(
        "%n%d events, %d bytes, %.0f bytes per event%n",
        EVENTS, events.length, (double) events.length / EVENTS);
    options = options(capture);
  }

  static final ScanOptions SCAN = ScanOptions.defaults().withThreads(1).withChunkBytes(4 << 20);

  static final EventSource SOURCE = new EventSource("-", EventFormat.WINDOWS_JSON, null);

  static DecoderConfig options(String capture) {
    FieldCapture c =
        switch (capture) {
          case "none" -> FieldCapture.NONE;
          case "names" -> FieldCapture.of(SIGMA_NAMES);
          case "all" -> new FieldCapture(List.of(), true);
          default ->
              throw new IllegalArgumentException("capture must be none|names|all: " + capture);
        };
    return DecoderConfig.of(c);
  }

  @Benchmark
  public long decode(Counters counters) {
    long captured = decode(options, events);
    counters.records += EVENTS;
    counters.bytes += events.length;
    counters.captured += captured;
    return captured;
  }

  /** Interleaved passes of the three modes, rates by wall time and by process CPU time. */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
    byte[] events = WindowsEvents.generate(EVENTS, 42);
    var os =
        (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    String[] modes = {"none", "names", "all"};
    long[] wall = new long[3];
    long[] cpu = new long[3];
    long[] captured = new long[3];
    int warmup = 2;
    for (int round = 0; round < rounds + warmup; round++) {
      for (int m = 0; m < modes.length; m++) {
        DecoderConfig options = options(modes[m]);
        long w0 = System.nanoTime();
        long c0 = os.getProcessCpuTime();
        long n = decode(options, events);
        if (round >= warmup) {
          wall[m] += System.nanoTime() - w0;
          cpu[m] += os.getProcessCpuTime() - c0;
          captured[m] = n;
        }
      }
    }
    System.out.printf(
        "%d events, %.1f MB, %d rounds after %d warm-up rounds%n",
        EVENTS, events.length / 1e6, rounds, warmup);
    System.out.printf(
        "%-6s %12s %10s %14s %12s %12s%n",
        "mode", "records/s", "MB/s", "records/cpu-s", "MB/cpu-s", "values/rec");
    for (int m = 0; m < modes.length; m++) {
      double ws = wall[m] / 1e9;
      double cs = cpu[m] / 1e9;
      double records = (double) EVENTS * rounds;
      double mb = events.length / 1e6 * rounds;
      System.out.printf(
          "%-6s %,12.0f %10.1f %,14.0f %12.1f %12.1f%n",
          modes[m], records / ws, mb / ws, records / cs, mb / cs, (double) captured[m] / EVENTS);
    }
  }

  private static long decode(DecoderConfig config, byte[] events) {
    Decoders.Decoded<Long> decoded =
        new Decoders(SCAN)
            .decode(
                SOURCE,
                events,
                input ->
                    new ChunkTask<Long>() {
                      private long n;

                      @Override
                      public DecoderConfig decoderConfig() {
                        return config;
                      }

                      @Override
                      public void record(DecodedRecord record) {
                        n += record.capturedCount() + record.size();
                      }

                      @Override
                      public void malformed(long line, String reason) {
                        throw new IllegalStateException(
                            "malformed event at " + line + ": " + reason);
                      }

                      @Override
                      public Long finish() {
                        return n;
                      }
                    });
    if (decoded.summary().records() != EVENTS) {
      throw new IllegalStateException(
          decoded.summary().records() + " records decoded, not " + EVENTS);
    }
    return decoded.result();
  }
}
