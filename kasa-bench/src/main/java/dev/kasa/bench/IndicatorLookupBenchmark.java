package dev.kasa.bench;

import dev.kasa.bench.workload.IntelCatalog;
import dev.kasa.bench.workload.IntelCatalog.Kind;
import dev.kasa.bench.workload.Probes;
import dev.kasa.detect.IndicatorIndex;
import dev.kasa.observable.ObservableType;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One {@link IndicatorIndex#match} call per operation, in nanoseconds, against an index of {@code
 * indicators} generated indicators (the workload's mix). Hit probes cycle through 4096 values that
 * each match; miss probes through 4096 benign values of the same type. Each benchmark returns the
 * sum of matched entry ordinals so the lookup cannot be optimised away.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@State(Scope.Thread)
public class IndicatorLookupBenchmark {
  /** 2025-06-02T00:00:00Z: inside every generated indicator's validity. */
  static final long EVENT_TIME_MILLIS = 1_748_822_400_000L;

  private static final int PROBES = 4096;

  @Param({"1000000"})
  public int indicators;

  private IndicatorIndex index;
  private String[] ipv4Hit;
  private String[] ipv4InRange;
  private String[] ipv4Miss;
  private String[] domainHit;
  private String[] subdomainHit;
  private String[] domainMiss;
  private String[] urlHit;
  private String[] urlMiss;
  private String[] sha256Hit;
  private String[] sha256Miss;
  private int cursor;
  private long found;
  private final IntConsumer sink = entry -> found += entry;

  @Setup
  public void setUp() {
    IntelCatalog intel = IntelCatalog.generate(indicators, new SplittableRandom(42));
    index = buildIndex(intel);
    ipv4Hit = Probes.hits(intel, Kind.IPV4, false, PROBES, 1);
    ipv4InRange = Probes.hits(intel, Kind.CIDR, false, PROBES, 2);
    ipv4Miss = Probes.misses(Kind.IPV4, PROBES, 3);
    domainHit = Probes.hits(intel, Kind.DOMAIN, false, PROBES, 4);
    subdomainHit = Probes.hits(intel, Kind.DOMAIN, true, PROBES, 5);
    domainMiss = Probes.misses(Kind.DOMAIN, PROBES, 6);
    urlHit = Probes.hits(intel, Kind.URL, false, PROBES, 7);
    urlMiss = Probes.misses(Kind.URL, PROBES, 8);
    sha256Hit = Probes.hits(intel, Kind.SHA256, false, PROBES, 9);
    sha256Miss = Probes.misses(Kind.SHA256, PROBES, 10);
    requireAll(ObservableType.IPV4, ipv4Hit, true);
    requireAll(ObservableType.IPV4, ipv4InRange, true);
    requireAll(ObservableType.IPV4, ipv4Miss, false);
    requireAll(ObservableType.DOMAIN, subdomainHit, true);
    requireAll(ObservableType.DOMAIN, domainMiss, false);
    requireAll(ObservableType.URL, urlHit, true);
    requireAll(ObservableType.SHA256, sha256Miss, false);
  }

  static IndicatorIndex buildIndex(IntelCatalog intel) {
    IndicatorIndex.Builder builder = IndicatorIndex.builder();
    for (int i = 0; i < intel.size(); i++) {
      builder.add(intel.indicator(i));
    }
    return builder.build();
  }

  /**
   * Fails the setup when the index disagrees with the workload: the numbers would be meaningless.
   */
  private void requireAll(ObservableType type, String[] probes, boolean hit) {
    for (String p : probes) {
      int[] n = {0};
      index.match(type, p, EVENT_TIME_MILLIS, e -> n[0]++);
      if ((n[0] > 0) != hit) {
        throw new IllegalStateException(
            (hit ? "no hit for " : "unexpected hit for ") + type + " '" + p + "'");
      }
    }
  }

  private long probe(ObservableType type, String[] probes) {
    index.match(type, probes[cursor++ & (PROBES - 1)], EVENT_TIME_MILLIS, sink);
    return found;
  }

  @Benchmark
  public long ipv4Hit() {
    return probe(ObservableType.IPV4, ipv4Hit);
  }

  @Benchmark
  public long ipv4InRange() {
    return probe(ObservableType.IPV4, ipv4InRange);
  }

  @Benchmark
  public long ipv4Miss() {
    return probe(ObservableType.IPV4, ipv4Miss);
  }

  @Benchmark
  public long domainHit() {
    return probe(ObservableType.DOMAIN, domainHit);
  }

  @Benchmark
  public long subdomainHit() {
    return probe(ObservableType.DOMAIN, subdomainHit);
  }

  @Benchmark
  public long domainMiss() {
    return probe(ObservableType.DOMAIN, domainMiss);
  }

  @Benchmark
  public long urlHit() {
    return probe(ObservableType.URL, urlHit);
  }

  @Benchmark
  public long urlMiss() {
    return probe(ObservableType.URL, urlMiss);
  }

  @Benchmark
  public long sha256Hit() {
    return probe(ObservableType.SHA256, sha256Hit);
  }

  @Benchmark
  public long sha256Miss() {
    return probe(ObservableType.SHA256, sha256Miss);
  }
}
