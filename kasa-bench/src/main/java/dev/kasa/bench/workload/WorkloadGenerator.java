package dev.kasa.bench.workload;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Writes a reproducible benchmark workload: N indicators as a STIX 2.1 bundle and as a plain list,
 * M Zeek JSON events in which about one in a thousand carries an indicator value, and the exact
 * number (and positions) of the events that must produce a hit. The same arguments always produce
 * the same bytes.
 *
 * <pre>
 * DIR/intel/indicators.json     STIX 2.1 bundle
 * DIR/intel/values.txt          the indicator values, one per line (for grep -F -f and Kasa)
 * DIR/logs/{conn,dns,http,files}.log
 * DIR/expected-hits.txt         number of events with at least one hit
 * DIR/expected-hit-lines.txt    those events as log:line, one per line
 * DIR/workload.properties       the parameters, so scripts can reuse a matching workload
 * </pre>
 */
public final class WorkloadGenerator {
  /** Bumped whenever the output for given parameters changes. */
  public static final int FORMAT_VERSION = 1;

  private static final int BUFFER = 1 << 20;

  private WorkloadGenerator() {}

  /**
   * What to generate.
   *
   * @param indicators number of indicators, &ge; 0
   * @param events number of Zeek events, &ge; 0
   * @param seed seed of the random generator
   * @param out the directory to write into (created if missing; files are overwritten)
   */
  public record Spec(int indicators, long events, long seed, Path out) {
    public Spec {
      if (indicators < 0) {
        throw new IllegalArgumentException("--indicators must be >= 0 but was " + indicators);
      }
      if (events < 0) {
        throw new IllegalArgumentException("--events must be >= 0 but was " + events);
      }
      Objects.requireNonNull(out, "out");
    }
  }

  /** What was written. */
  public record Summary(int indicators, int relationships, long events, long expectedHits) {}

  public static void main(String[] args) throws IOException {
    Spec spec;
    try {
      spec = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println("usage: WorkloadGenerator --indicators N --events M [--seed S] --out DIR");
      System.exit(2);
      return;
    }
    long start = System.nanoTime();
    Summary s = generate(spec);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "wrote %d indicators (%d relationships), %d events, %d expected hit events to %s in %.1f"
            + " s%n",
        s.indicators(), s.relationships(), s.events(), s.expectedHits(), spec.out(), seconds);
  }

  static Spec parse(String[] args) {
    int indicators = -1;
    long events = -1;
    long seed = 42;
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value after " + a);
      }
      String v = args[++i];
      try {
        switch (a) {
          case "--indicators" -> indicators = Integer.parseInt(v.replace("_", ""));
          case "--events" -> events = Long.parseLong(v.replace("_", ""));
          case "--seed" -> seed = Long.parseLong(v);
          case "--out" -> out = Path.of(v);
          default -> throw new IllegalArgumentException("unknown option " + a);
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a number after " + a + ": '" + v + "'");
      }
    }
    if (indicators < 0 || events < 0 || out == null) {
      throw new IllegalArgumentException("--indicators, --events and --out are required");
    }
    return new Spec(indicators, events, seed, out);
  }

  /** Generates the whole workload into {@code spec.out()}. */
  public static Summary generate(Spec spec) throws IOException {
    SplittableRandom root = new SplittableRandom(spec.seed());
    SplittableRandom intelRng = root.split();
    SplittableRandom bundleRng = root.split();
    SplittableRandom eventRng = root.split();
    Path intelDir = Files.createDirectories(spec.out().resolve("intel"));
    Path logDir = Files.createDirectories(spec.out().resolve("logs"));

    IntelCatalog intel = IntelCatalog.generate(spec.indicators(), intelRng);
    int relationships;
    try (Writer w = writer(intelDir.resolve("indicators.json"))) {
      relationships = new StixBundleWriter(new RandomValues(bundleRng)).write(intel, w);
    }
    try (Writer w = writer(intelDir.resolve("values.txt"))) {
      for (int i = 0; i < intel.size(); i++) {
        w.write(intel.value(i));
        w.write('\n');
      }
    }
    long hits;
    Writer[] logs = new Writer[ZeekLogWriter.LOG_NAMES.length];
    try (Writer hitLines = writer(spec.out().resolve("expected-hit-lines.txt"))) {
      try {
        for (int i = 0; i < logs.length; i++) {
          logs[i] = writer(logDir.resolve(ZeekLogWriter.LOG_NAMES[i]));
        }
        hits =
            new ZeekLogWriter(new RandomValues(eventRng), intel, logs, hitLines)
                .write(spec.events());
      } finally {
        for (Writer w : logs) {
          if (w != null) {
            w.close();
          }
        }
      }
    }
    Files.writeString(spec.out().resolve("expected-hits.txt"), hits + "\n");
    Files.writeString(
        spec.out().resolve("workload.properties"),
        "format="
            + FORMAT_VERSION
            + "\nindicators="
            + spec.indicators()
            + "\nevents="
            + spec.events()
            + "\nseed="
            + spec.seed()
            + "\nexpected_hits="
            + hits
            + "\n");
    return new Summary(intel.size(), relationships, spec.events(), hits);
  }

  private static Writer writer(Path file) throws IOException {
    return new BufferedWriter(
        new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.US_ASCII), BUFFER);
  }
}
