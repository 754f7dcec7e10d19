package dev.kasa.bench;

import dev.kasa.bench.workload.IntelCatalog.Kind;
import dev.kasa.bench.workload.Probes;
import dev.kasa.detect.IndicatorIndex;
import dev.kasa.detect.IndicatorMatcher;
import dev.kasa.detect.IntelSet;
import dev.kasa.detect.LayeredIndex;
import dev.kasa.intel.Indicator;
import dev.kasa.intel.IntelDiff;
import dev.kasa.intel.IntelVersion;
import dev.kasa.observable.ObservableType;
import java.time.Instant;
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
 * What a live detector pays for one new indicator with {@code indicators} (the workload's mix) in
 * the bulk index: applying it ({@link #applyOneAndMatch}: the set takes a newer version of one
 * indicator, the layered matcher takes the diff, and an event value is matched against the result
 * and hits it), and what the layers in front of the bulk cost every lookup afterwards (the miss
 * path of the layered matcher, one delta indicator and one hidden bulk id in front, against the
 * bulk alone). Times per operation, in nanoseconds.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@State(Scope.Thread)
public class LayeredIndexBenchmark {
  private static final int PROBES = 4096;
  private static final String NEW_VALUE = LayeredFixture.NEW_VALUE;

  @Param({"1000000"})
  public int indicators;

  private IntelSet set;
  private IndicatorIndex bulk;
  private LayeredIndex base;
  private LayeredIndex layered;
  private Indicator fresh;
  private long version;
  private String[] ipv4Miss;
  private String[] domainMiss;
  private int cursor;
  private long found;
  private final IntConsumer sink = entry -> found += entry;

  @Setup
  public void setUp() {
    LayeredFixture f = LayeredFixture.of(indicators);
    set = f.set();
    bulk = f.bulk();
    base = f.base();
    layered = f.layered();
    fresh = f.fresh();
    version = 2;
    ipv4Miss = Probes.misses(Kind.IPV4, PROBES, 3);
    domainMiss = Probes.misses(Kind.DOMAIN, PROBES, 6);
    if (count(layered, NEW_VALUE) != 1 || layered.hiddenIds() != 1) {
      throw new IllegalStateException("the layered matcher does not match the new indicator");
    }
    for (String p : ipv4Miss) {
      if (count(layered, p) != 0 || count(bulk, p) != 0) {
        throw new IllegalStateException("unexpected hit for " + p);
      }
    }
  }

  private static int count(IndicatorMatcher m, String ipv4) {
    int[] n = {0};
    m.match(ObservableType.IPV4, ipv4, IndicatorLookupBenchmark.EVENT_TIME_MILLIS, e -> n[0]++);
    return n[0];
  }

  /**
   * A newer version of one indicator arrives: the set supersedes the old one, the layered matcher
   * in front of the 1,000,000-indicator bulk takes the diff, and an event with the value hits it.
   */
  @Benchmark
  public long applyOneAndMatch() {
    IntelDiff diff = set.apply(IntelVersion.of(fresh, Instant.ofEpochSecond(++version)));
    LayeredIndex next = base.with(diff);
    next.match(ObservableType.IPV4, NEW_VALUE, IndicatorLookupBenchmark.EVENT_TIME_MILLIS, sink);
    return found;
  }

  @Benchmark
  public long bulkIpv4Miss() {
    return probe(bulk, ObservableType.IPV4, ipv4Miss);
  }

  @Benchmark
  public long layeredIpv4Miss() {
    return probe(layered, ObservableType.IPV4, ipv4Miss);
  }

  @Benchmark
  public long bulkDomainMiss() {
    return probe(bulk, ObservableType.DOMAIN, domainMiss);
  }

  @Benchmark
  public long layeredDomainMiss() {
    return probe(layered, ObservableType.DOMAIN, domainMiss);
  }

  private long probe(IndicatorMatcher m, ObservableType type, String[] probes) {
    m.match(
        type, probes[cursor++ & (PROBES - 1)], IndicatorLookupBenchmark.EVENT_TIME_MILLIS, sink);
    return found;
  }
}
