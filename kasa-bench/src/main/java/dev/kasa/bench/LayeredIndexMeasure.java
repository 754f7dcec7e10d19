package dev.kasa.bench;

import dev.kasa.bench.workload.IntelCatalog.Kind;
import dev.kasa.bench.workload.Probes;
import dev.kasa.detect.Detector;
import dev.kasa.detect.IndicatorIndex;
import dev.kasa.detect.IndicatorMatcher;
import dev.kasa.detect.LayeredIndex;
import dev.kasa.event.DecodedRecord;
import dev.kasa.intel.Indicator;
import dev.kasa.intel.IntelDiff;
import dev.kasa.intel.IntelVersion;
import dev.kasa.observable.Addresses;
import dev.kasa.observable.ObservableType;
import java.lang.management.ManagementFactory;
import java.time.Instant;

/**
 * The figures of {@link LayeredIndexBenchmark} measured as thread CPU time, for a shared machine
 * where wall-clock benchmarks run in turn see different loads: the miss path of the bulk index and
 * of the layered matcher (one delta indicator, one hidden bulk id) in alternating rounds in one
 * JVM, best round of each, and the cost of applying one new version over the bulk.
 *
 * <pre>
 * java -Xmx4g -cp kasa-bench/target/kasa-bench.jar dev.kasa.bench.LayeredIndexMeasure [N] [ROUNDS]
 * </pre>
 */
public final class LayeredIndexMeasure {
  private static final int PROBES = 4096;
  private static final long AT = IndicatorLookupBenchmark.EVENT_TIME_MILLIS;

  private LayeredIndexMeasure() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    LayeredFixture f = LayeredFixture.of(n);
    IndicatorIndex bulk = f.bulk();
    LayeredIndex layered = f.layered();
    String[][] misses = {
      Probes.misses(Kind.IPV4, PROBES, 3), Probes.misses(Kind.DOMAIN, PROBES, 6),
    };
    ObservableType[] types = {ObservableType.IPV4, ObservableType.DOMAIN};
    var threads = ManagementFactory.getThreadMXBean();
    double[][] best = new double[2][2];
    for (double[] b : best) {
      java.util.Arrays.fill(b, Double.MAX_VALUE);
    }
    long[] found = {0};
    java.util.function.IntConsumer sink = e -> found[0] += e;
    int lookups = 1 << 20;
    for (int r = 0; r < rounds; r++) {
      for (int t = 0; t < types.length; t++) {
        IndicatorMatcher[] matchers = {bulk, layered};
        for (int m = 0; m < 2; m++) {
          long c0 = threads.getCurrentThreadCpuTime();
          for (int i = 0; i < lookups; i++) {
            matchers[m].match(types[t], misses[t][i & (PROBES - 1)], AT, sink);
          }
          double ns = (threads.getCurrentThreadCpuTime() - c0) / (double) lookups;
          best[t][m] = Math.min(best[t][m], ns);
        }
      }
    }
    for (int t = 0; t < types.length; t++) {
      System.out.printf(
          "%s miss: bulk %.1f ns, layered %.1f ns (%+.1f%%), thread cpu, best of %d%n",
          types[t], best[t][0], best[t][1], 100 * (best[t][1] / best[t][0] - 1), rounds);
    }
    // An event as the scan decodes it: two addresses (already parsed), a domain and a URL, none a
    // hit; the Detector's whole per-record work against each matcher.
    String[] ips = Probes.misses(Kind.IPV4, PROBES, 11);
    String[] domains = misses[1];
    String[] urls = Probes.misses(Kind.URL, PROBES, 12);
    DecodedRecord[] events = new DecodedRecord[PROBES];
    for (int i = 0; i < PROBES; i++) {
      DecodedRecord e = new DecodedRecord();
      e.reset(i + 1);
      e.setTimeMillis(AT);
      address(e, "id.orig_h", misses[0][i]);
      address(e, "id.resp_h", ips[i]);
      e.add("query", ObservableType.DOMAIN, domains[i]);
      e.add("url", ObservableType.URL, urls[i]);
      events[i] = e;
    }
    Detector[] detectors = {new Detector(bulk), new Detector(layered)};
    double[] bestEvent = {Double.MAX_VALUE, Double.MAX_VALUE};
    int[] hits = {0};
    for (int r = 0; r < rounds; r++) {
      for (int m = 0; m < 2; m++) {
        long c0 = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < lookups / 4; i++) {
          detectors[m].match(events[i & (PROBES - 1)], AT, h -> hits[0]++);
        }
        bestEvent[m] =
            Math.min(bestEvent[m], (threads.getCurrentThreadCpuTime() - c0) / (lookups / 4.0));
      }
    }
    System.out.printf(
        "event (2 addresses, domain, URL) miss: bulk %.1f ns, layered %.1f ns (%+.1f%%), thread"
            + " cpu, best of %d (%d hits)%n",
        bestEvent[0], bestEvent[1], 100 * (bestEvent[1] / bestEvent[0] - 1), rounds, hits[0]);
    double bestApply = Double.MAX_VALUE;
    long version = 2;
    Indicator one = f.fresh();
    for (int r = 0; r < rounds; r++) {
      int reps = 200;
      long c0 = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < reps; i++) {
        IntelDiff diff = f.set().apply(IntelVersion.of(one, Instant.ofEpochSecond(++version)));
        LayeredIndex next = f.base().with(diff);
        next.match(ObservableType.IPV4, LayeredFixture.NEW_VALUE, AT, sink);
      }
      bestApply = Math.min(bestApply, (threads.getCurrentThreadCpuTime() - c0) / 1e3 / reps);
    }
    System.out.printf(
        "apply one version over %,d and match it: %.1f us, thread cpu, best of %d (%d)%n",
        n, bestApply, rounds, found[0] & 1);
  }

  private static void address(DecodedRecord e, String field, String value) {
    long a = Addresses.parseIpv4(value);
    if (a >= 0) {
      e.addIpv4(field, value, a);
    } else {
      e.add(field, ObservableType.IPV4, value); // an IPv6 address, as a decoder leaves it
    }
  }
}
