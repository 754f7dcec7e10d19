package dev.kasa.detect;

import dev.kasa.intel.Actor;
import dev.kasa.intel.Attribution;
import dev.kasa.intel.Indicator;
import dev.kasa.intel.Origin;
import dev.kasa.intel.Provenance;
import dev.kasa.observable.ObservableType;
import dev.kasa.stix.Tlp;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A quick, JMH-free measurement of the index (not a test): builds N generated indicators (IPv4,
 * IPv4 CIDRs, domains, SHA-256, URLs in equal shares), reports retained heap per indicator after
 * several GCs, build time, and lookups per second on hits and misses. The real benchmarks live in
 * kasa-bench.
 *
 * <p>Run: {@code java -cp kasa-engine/target/classes:kasa-engine/target/test-classes
 * dev.kasa.detect.IndexFootprintProbe [N]}
 */
final class IndexFootprintProbe {
  private IndexFootprintProbe() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    List<Indicator> indicators = generate(n, new SplittableRandom(42));
    String[][] probes = probes(indicators, new SplittableRandom(7));

    var threads = ManagementFactory.getThreadMXBean();
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    for (int round = 0; round < rounds; round++) {
      long t0 = System.nanoTime();
      long c0 = threads.getCurrentThreadCpuTime();
      IndicatorIndex.Builder b = IndicatorIndex.builder();
      for (Indicator i : indicators) {
        b.add(i);
      }
      IndicatorIndex warm = b.build();
      System.out.printf(
          "build %d: %.0f ms wall, %.0f ms cpu (%d entries)%n",
          round,
          (System.nanoTime() - t0) / 1e6,
          (threads.getCurrentThreadCpuTime() - c0) / 1e6,
          warm.size());
    }

    long before = usedAfterGc();
    IndicatorIndex.Builder b = IndicatorIndex.builder();
    indicators.forEach(b::add);
    IndicatorIndex index = b.build();
    b = null;
    long after = usedAfterGc();
    System.out.printf(
        "retained: %.1f bytes/indicator (heap delta %d bytes; array estimate %.1f"
            + " bytes/indicator)%n",
        (after - before) / (double) n, after - before, index.approximateBytes() / (double) n);

    for (int round = 0; round < 3; round++) {
      measure("hit ", index, probes[0], probes[1]);
      measure("miss", index, probes[2], probes[3]);
    }
    System.out.println(indicators.size() + " " + index.size());
  }

  private static void measure(String label, IndicatorIndex index, String[] types, String[] values) {
    ObservableType[] t = new ObservableType[types.length];
    for (int i = 0; i < t.length; i++) {
      t[i] = ObservableType.valueOf(types[i]);
    }
    long at = Instant.parse("2025-06-01T00:00:00Z").toEpochMilli();
    int[] found = new int[1];
    var threads = ManagementFactory.getThreadMXBean();
    long c0 = threads.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    int reps = 5;
    for (int r = 0; r < reps; r++) {
      for (int i = 0; i < values.length; i++) {
        index.match(t[i], values[i], at, e -> found[0]++);
      }
    }
    double s = (System.nanoTime() - t0) / 1e9;
    double cpu = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
    System.out.printf(
        "%s lookups: %.2f M/s wall, %.2f M/s cpu (%d found)%n",
        label, reps * values.length / s / 1e6, reps * values.length / cpu / 1e6, found[0]);
  }

  private static long usedAfterGc() {
    var memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 6; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  static List<Indicator> generate(int n, SplittableRandom rnd) {
    Attribution[] attributions = new Attribution[40];
    for (int i = 0; i < attributions.length; i++) {
      attributions[i] =
          new Attribution(
              List.of(new Actor("Actor " + i, null, i % 3 == 0)),
              List.of("Campaign " + i),
              List.of(),
              List.of("T1071.00" + (i % 10)));
    }
    Instant base = Instant.parse("2024-01-01T00:00:00Z");
    Tlp[] tlps = Tlp.values();
    List<Indicator> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ObservableType type;
      String value;
      switch (i % 5) {
        case 0 -> {
          type = ObservableType.IPV4;
          value = ip(rnd);
        }
        case 1 -> {
          type = ObservableType.IPV4;
          int p = new int[] {24, 24, 24, 16, 28}[rnd.nextInt(5)];
          long a = rnd.nextLong(1L << 32) & ((0xffff_ffffL << (32 - p)) & 0xffff_ffffL);
          value = dev.kasa.observable.Addresses.formatIpv4(a) + "/" + p;
        }
        case 2 -> {
          type = ObservableType.DOMAIN;
          value = domain(rnd);
        }
        case 3 -> {
          type = ObservableType.SHA256;
          value = hex(rnd, 64);
        }
        default -> {
          type = ObservableType.URL;
          value = "http://" + domain(rnd) + "/" + hex(rnd, 10) + "/x.php";
        }
      }
      Instant from = base.plusSeconds(rnd.nextInt(86_400 * 30));
      Instant until = rnd.nextBoolean() ? null : from.plusSeconds(86_400L * 365 * 3);
      out.add(
          new Indicator(
              String.format(
                  "indicator--%08x-%04x-4%03x-8%03x-%012x",
                  rnd.nextInt(),
                  rnd.nextInt(1 << 16),
                  rnd.nextInt(1 << 12),
                  rnd.nextInt(1 << 12),
                  rnd.nextLong(1L << 48)),
              type,
              value,
              from,
              until,
              false,
              rnd.nextInt(101),
              tlps[rnd.nextInt(tlps.length)],
              attributions[rnd.nextInt(attributions.length)],
              Origin.file("test"),
              Provenance.of("test")));
    }
    return out;
  }

  private static String[][] probes(List<Indicator> indicators, SplittableRandom rnd) {
    int m = 1_000_000;
    String[][] p = new String[4][m];
    for (int i = 0; i < m; i++) {
      Indicator in = indicators.get(rnd.nextInt(indicators.size()));
      p[0][i] = in.type().name();
      p[1][i] =
          in.value().contains("/") && in.type() == ObservableType.IPV4
              ? in.value().substring(0, in.value().indexOf('/'))
              : in.value();
      switch (i % 4) {
        case 0 -> {
          p[2][i] = "IPV4";
          p[3][i] = ip(rnd);
        }
        case 1 -> {
          p[2][i] = "DOMAIN";
          p[3][i] = "www." + domain(rnd);
        }
        case 2 -> {
          p[2][i] = "SHA256";
          p[3][i] = hex(rnd, 64);
        }
        default -> {
          p[2][i] = "URL";
          p[3][i] = "http://" + domain(rnd) + "/" + hex(rnd, 10) + "/x.php";
        }
      }
    }
    return p;
  }

  private static String ip(SplittableRandom rnd) {
    return dev.kasa.observable.Addresses.formatIpv4(rnd.nextLong(1L << 32));
  }

  private static String domain(SplittableRandom rnd) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 13; i++) {
      sb.append((char) ('a' + rnd.nextInt(26)));
    }
    sb.append('.').append(new String[] {"example", "com", "net", "org"}[rnd.nextInt(4)]);
    if (rnd.nextBoolean()) {
      sb.insert(0, "cdn" + rnd.nextInt(100) + ".");
    }
    return sb.toString();
  }

  private static String hex(SplittableRandom rnd, int digits) {
    StringBuilder sb = new StringBuilder(digits);
    for (int i = 0; i < digits; i++) {
      sb.append(Character.forDigit(rnd.nextInt(16), 16));
    }
    return sb.toString();
  }
}
