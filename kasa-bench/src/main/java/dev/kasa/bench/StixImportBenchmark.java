package dev.kasa.bench;

import dev.kasa.Problem;
import dev.kasa.bench.workload.WorkloadGenerator;
import dev.kasa.intel.Indicator;
import dev.kasa.intel.IntelSink;
import dev.kasa.intel.StixBundleImporter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Streams a generated STIX 2.1 bundle of 200,000 indicators (about 115 MB, in the page cache after
 * the first read) through {@link StixBundleImporter}, reported in indicators per second. The index
 * build is not included: see {@link IndicatorIndexBuildBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class StixImportBenchmark {
  static final int INDICATORS = 200_000;

  private Path dir;
  private Path bundle;

  @Setup
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("kasa-stix-bench");
    WorkloadGenerator.generate(new WorkloadGenerator.Spec(INDICATORS, 0, 42, dir));
    bundle = dir.resolve("intel/indicators.json");
  }

  @TearDown
  public void tearDown() throws IOException {
    TempTrees.delete(dir);
  }

  @Benchmark
  @OperationsPerInvocation(INDICATORS)
  public long importBundle(Blackhole bh) throws IOException {
    long[] counts = new long[2];
    try (InputStream in = Files.newInputStream(bundle)) {
      new StixBundleImporter()
          .read(
              in,
              bundle.toString(),
              new IntelSink() {
                @Override
                public void indicator(Indicator indicator) {
                  bh.consume(indicator);
                  counts[0]++;
                }

                @Override
                public void problem(Problem problem) {
                  counts[1]++;
                }
              });
    }
    if (counts[0] != INDICATORS || counts[1] != 0) {
      throw new IllegalStateException(
          counts[0]
              + " indicators and "
              + counts[1]
              + " problems, expected "
              + INDICATORS
              + " and 0");
    }
    return counts[0];
  }
}
