package dev.kasa.sigma.correlation;

import static dev.kasa.sigma.correlation.Fixtures.correlation;
import static dev.kasa.sigma.correlation.Fixtures.gt;
import static dev.kasa.sigma.correlation.Fixtures.gte;

import dev.kasa.EventRef;
import dev.kasa.sigma.correlation.CorrelationEngine.Limits;
import dev.kasa.sigma.rule.SigmaCorrelation;
import dev.kasa.sigma.rule.SigmaCorrelation.CorrelationType;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A quick measurement (not a test): matches per second fed to one correlation of each type, over
 * {@code groups} groups (all within the group limit) with a 10-minute window and one match every 10
 * ms of event time, and the retained heap per kept match when every group is full.
 *
 * <p>Run: {@code java -cp kasa-engine/target/classes:kasa-engine/target/test-classes
 * dev.kasa.sigma.correlation.CorrelationThroughputProbe [matches] [groups] [footprint-only]}
 */
final class CorrelationThroughputProbe {
  private CorrelationThroughputProbe() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
    int groups = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    String[] hosts = new String[groups];
    for (int i = 0; i < groups; i++) {
      hosts[i] = "host-" + i;
    }
    var threads = ManagementFactory.getThreadMXBean();
    boolean footprintOnly = args.length > 2 && args[2].equals("footprint-only");
    for (CorrelationType type : footprintOnly ? new CorrelationType[0] : CorrelationType.values()) {
      for (int round = 0; round < 3; round++) {
        CorrelationEngine engine =
            CorrelationEngine.create(List.of(of(type)), new Limits(groups, 1000));
        SplittableRandom random = new SplittableRandom(42);
        String[] host = new String[1];
        String[] value = new String[1];
        FieldLookup fields = f -> f.equals("Host") ? host[0] : value[0];
        long[] hits = new long[1];
        CorrelationSink sink = h -> hits[0]++;
        long c0 = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
          host[0] = hosts[random.nextInt(groups)];
          value[0] = Integer.toString(random.nextInt(1000));
          String rule = random.nextBoolean() ? "a" : "b";
          engine.onMatch(rule, null, new EventRef("f", i, i * 10L), fields, sink);
        }
        engine.finish(sink);
        double s = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
        System.out.printf(
            "%-17s round %d: %,.0f matches/s (cpu), %,d hits, %s%n",
            type, round, n / s, hits[0], engine.stats());
      }
    }
    footprint(groups);
  }

  private static SigmaCorrelation of(CorrelationType type) {
    var b = correlation(type).rules("a", "b").groupBy("Host").timespan(Duration.ofMinutes(10));
    return switch (type) {
      case EVENT_COUNT -> b.condition(gte(500)).build();
      case VALUE_COUNT -> b.field("v").condition(gte(300)).build();
      case TEMPORAL, TEMPORAL_ORDERED -> b.build();
      case VALUE_SUM -> b.field("v").condition(gt(500_000)).build();
      case VALUE_AVG -> b.field("v").condition(gt(600)).build();
      case VALUE_PERCENTILE -> b.field("v").condition(gt(900)).build();
    };
  }

  /** Fills every group of an {@code event_count} correlation to its event limit. */
  private static void footprint(int groups) {
    Limits limits = new Limits(groups, 1000);
    SigmaCorrelation never =
        correlation(CorrelationType.EVENT_COUNT)
            .rules("a")
            .groupBy("Host")
            .timespan(Duration.ofDays(1))
            .condition(gte(1000))
            .build();
    long before = usedAfterGc();
    CorrelationEngine engine = CorrelationEngine.create(List.of(never), limits);
    String[] host = new String[1];
    for (int i = 0; i < groups * 999; i++) {
      host[0] = "host-" + (i % groups);
      engine.onMatch("a", null, new EventRef("f", i, i), f -> host[0], h -> {});
    }
    long after = usedAfterGc();
    System.out.printf(
        "footprint: %,d groups x 999 matches kept: %,d MB, %.0f bytes per kept match (%s)%n",
        groups, (after - before) >> 20, (after - before) / (groups * 999.0), engine.stats());
  }

  private static long usedAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
