package dev.kasa.bench;

import dev.kasa.sigma.match.CaseFold;
import dev.kasa.sigma.match.IdSink;
import dev.kasa.sigma.match.LiteralAutomaton;
import dev.kasa.sigma.match.LiteralKind;
import dev.kasa.sigma.match.Needle;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
 * One scan of a 200-char value per operation, in nanoseconds, against {@code literals} generated
 * literals of one field (about 50% contains, 20% endswith, 15% startswith, 15% equals; one in ten
 * cased), next to the naive baseline: fold the value once, then {@code
 * equals/contains/startsWith/endsWith} per literal. Literals and values are built from a shared set
 * of command-line-like syllables so that partial matches are frequent, and each value has two
 * literals planted in it. Both benchmarks return the number of ids found; the setup checks they
 * agree on every value.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class LiteralAutomatonBenchmark {
  private static final int VALUES = 1024;
  private static final int VALUE_LENGTH = 200;
  private static final String[] SYLLABLES = {
    "cmd",
    "exe",
    "power",
    "shell",
    "win",
    "dows",
    "sys",
    "tem",
    "32",
    "64",
    "\\",
    "/",
    "-",
    ".",
    " ",
    ":",
    "c:",
    "temp",
    "app",
    "data",
    "local",
    "roam",
    "ing",
    "user",
    "s",
    "pro",
    "gram",
    "files",
    "enc",
    "od",
    "ed",
    "com",
    "mand",
    "http",
    "://",
    "www",
    "dll",
    "reg",
    "run",
    "key",
    "net",
    "work",
    "ad",
    "min",
    "_",
    "0",
    "1",
    "x",
    "y",
    "z",
    "Ab",
    "IN",
    "Vo",
    "ke",
    "-nop",
    " -w hidden",
    "rund",
    "ll32",
    "ms",
    "hta",
    "%",
    "=",
    "\"",
    "'"
  };

  @Param({"5000"})
  public int literals;

  private LiteralAutomaton automaton;
  private LiteralKind[] kinds;
  private String[] texts;
  private boolean[] cased;
  private String[] values;
  private int cursor;
  private int found;
  private final IdSink sink = id -> found++;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(7);
    kinds = new LiteralKind[literals];
    texts = new String[literals];
    cased = new boolean[literals];
    LiteralAutomaton.Builder builder = LiteralAutomaton.builder();
    for (int i = 0; i < literals; i++) {
      int k = random.nextInt(100);
      kinds[i] =
          k < 50
              ? LiteralKind.CONTAINS
              : k < 70
                  ? LiteralKind.ENDS_WITH
                  : k < 85 ? LiteralKind.STARTS_WITH : LiteralKind.EQUALS;
      cased[i] = random.nextInt(10) == 0;
      String text = syllables(random, 2 + random.nextInt(4));
      texts[i] = cased[i] ? text : CaseFold.fold(text);
      builder.add(new Needle.Literal(kinds[i], texts[i], cased[i]), i);
    }
    automaton = builder.build();
    values = new String[VALUES];
    for (int v = 0; v < VALUES; v++) {
      StringBuilder b = new StringBuilder(syllables(random, 120));
      for (int plant = 0; plant < 2; plant++) {
        String t = texts[random.nextInt(literals)];
        b.insert(random.nextInt(b.length()), t);
      }
      b.setLength(VALUE_LENGTH);
      values[v] = b.toString();
    }
    for (String v : values) {
      found = 0;
      boolean[] seen = new boolean[literals];
      automaton.scan(v, id -> seen[id] = true);
      int distinct = 0;
      for (boolean s : seen) {
        distinct += s ? 1 : 0;
      }
      if (distinct != naiveCount(v)) {
        throw new IllegalStateException("automaton and naive scan disagree on '" + v + "'");
      }
    }
  }

  private static String syllables(SplittableRandom random, int count) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < count; i++) {
      b.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
    }
    return b.toString();
  }

  private int naiveCount(String value) {
    String folded = CaseFold.fold(value);
    int n = 0;
    for (int i = 0; i < texts.length; i++) {
      String subject = cased[i] ? value : folded;
      boolean hit =
          switch (kinds[i]) {
            case EQUALS -> subject.equals(texts[i]);
            case CONTAINS -> subject.contains(texts[i]);
            case STARTS_WITH -> subject.startsWith(texts[i]);
            case ENDS_WITH -> subject.endsWith(texts[i]);
          };
      n += hit ? 1 : 0;
    }
    return n;
  }

  @Benchmark
  public int automaton() {
    found = 0;
    automaton.scan(values[cursor++ & (VALUES - 1)], sink);
    return found;
  }

  @Benchmark
  public int naive() {
    return naiveCount(values[cursor++ & (VALUES - 1)]);
  }
}
