package dev.kasa.bench;

import dev.kasa.bench.workload.IntelCatalog;
import dev.kasa.detect.IndicatorIndex;
import dev.kasa.intel.Indicator;
import java.util.List;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Builds an {@link IndicatorIndex} from 1,000,000 ready {@link Indicator} records (the workload's
 * mix), reported in indicators per second. Import is not included: see {@link StixImportBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
@State(Scope.Benchmark)
public class IndicatorIndexBuildBenchmark {
  static final int INDICATORS = 1_000_000;

  private List<Indicator> indicators;

  @Setup
  public void setUp() {
    indicators = IntelCatalog.generate(INDICATORS, new SplittableRandom(42)).indicators();
  }

  @Benchmark
  @OperationsPerInvocation(INDICATORS)
  public IndicatorIndex build() {
    IndicatorIndex.Builder builder = IndicatorIndex.builder();
    for (Indicator indicator : indicators) {
      builder.add(indicator);
    }
    IndicatorIndex index = builder.build();
    if (index.size() != INDICATORS) {
      throw new IllegalStateException("index has " + index.size() + " entries, not " + INDICATORS);
    }
    return index;
  }
}
