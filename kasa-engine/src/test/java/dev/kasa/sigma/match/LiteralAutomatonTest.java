package dev.kasa.sigma.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.sigma.binary.BinaryIn;
import dev.kasa.sigma.binary.BinaryOut;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class LiteralAutomatonTest {

  private static Needle.Literal lit(LiteralKind kind, String text, boolean cased) {
    return new Needle.Literal(kind, text, cased);
  }

  private static Set<Integer> scan(LiteralAutomaton a, String value) {
    Set<Integer> ids = new TreeSet<>();
    a.scan(value, ids::add);
    return ids;
  }

  @Test
  void eachKindIsReportedOnlyInItsRelation() {
    LiteralAutomaton a =
        LiteralAutomaton.builder()
            .add(lit(LiteralKind.EQUALS, "cmd.exe", false), 1)
            .add(lit(LiteralKind.CONTAINS, "cmd", false), 2)
            .add(lit(LiteralKind.STARTS_WITH, "c:\\", false), 3)
            .add(lit(LiteralKind.ENDS_WITH, ".exe", false), 4)
            .add(lit(LiteralKind.ENDS_WITH, "Cmd.exe", true), 5)
            .add(lit(LiteralKind.EQUALS, "CMD.EXE", true), 6)
            .add(lit(LiteralKind.CONTAINS, "", false), 7)
            .add(lit(LiteralKind.CONTAINS, "cmd", false), 8)
            .build();
    assertThat(scan(a, "CMD.EXE")).containsExactly(1, 2, 4, 6, 7, 8);
    assertThat(scan(a, "C:\\Windows\\Cmd.exe")).containsExactly(2, 3, 4, 5, 7, 8);
    assertThat(scan(a, "x c:\\cmd.exe.bak")).containsExactly(2, 7, 8);
    assertThat(scan(a, "")).containsExactly(7);
    assertThat(a.isEmpty()).isFalse();
    assertThat(LiteralAutomaton.builder().build().isEmpty()).isTrue();
  }

  @Test
  void foldingIsPerCharLikeCaseFold() {
    LiteralAutomaton a =
        LiteralAutomaton.builder()
            .add(lit(LiteralKind.CONTAINS, CaseFold.fold("İNVOKE"), false), 1)
            .add(lit(LiteralKind.EQUALS, CaseFold.fold("ΣΑΣ"), false), 2)
            .add(lit(LiteralKind.CONTAINS, "\u212Aelvin", true), 3)
            .build();
    assertThat(scan(a, "x invoke y")).containsExactly(1);
    assertThat(scan(a, "x İnvoke y")).containsExactly(1);
    assertThat(scan(a, "σας")).isEmpty(); // final sigma is its own char
    assertThat(scan(a, "ΣΑΣ")).containsExactly(2);
    assertThat(scan(a, "\u212Aelvin")).containsExactly(3);
    assertThat(scan(a, "Kelvin")).isEmpty();
  }

  @Test
  void thousandsOfLiteralsInOneField() {
    LiteralAutomaton.Builder b = LiteralAutomaton.builder();
    for (int i = 0; i < 20_000; i++) {
      b.add(lit(LiteralKind.CONTAINS, "\\tool" + i + ".exe", false), i);
      b.add(lit(LiteralKind.ENDS_WITH, " -p" + i, false), 100_000 + i);
    }
    LiteralAutomaton a = b.build();
    assertThat(scan(a, "C:\\TOOL123.EXE -p77")).containsExactly(123, 100_077);
    assertThat(scan(a, "C:\\TOOL123.EX -p77 x")).isEmpty();
  }

  /**
   * Over 65,535 states (dense cells are 16 bits, so only the rows whose targets fit are dense):
   * literals reached through deep states still match, near misses do not.
   */
  @Test
  void automataBeyondSixteenBitStatesMatchEveryLiteral() {
    LiteralAutomaton.Builder b = LiteralAutomaton.builder();
    int n = 30_000;
    for (int i = 0; i < n; i++) {
      b.add(lit(LiteralKind.CONTAINS, "\\tool" + i + "x.exe", false), i);
    }
    LiteralAutomaton a = b.build();
    for (int i = 0; i < n; i += 7) {
      assertThat(scan(a, "C:\\TOOL" + i + "X.EXE /q")).as("literal %d", i).containsExactly(i);
      assertThat(scan(a, "C:\\TOOL" + i + "Y.EXE")).as("near miss %d", i).isEmpty();
    }
  }

  @Test
  void scanningDoesNotAllocate() {
    LiteralAutomaton.Builder b = LiteralAutomaton.builder();
    for (int i = 0; i < 2000; i++) {
      b.add(lit(LiteralKind.values()[i % 4], "w" + i % 97 + "-" + i, i % 5 == 0), i);
    }
    b.add(lit(LiteralKind.CONTAINS, "", false), -1);
    LiteralAutomaton a = b.build();
    String value = "W3-3 x w5-5 and w10-10 Σ İ w96-96".repeat(5);
    int[] count = {0};
    IdSink sink = id -> count[0]++;
    for (int i = 0; i < 20_000; i++) {
      a.scan(value, sink);
    }
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().threadId();
    long before = threads.getThreadAllocatedBytes(id);
    for (int i = 0; i < 10_000; i++) {
      a.scan(value, sink);
    }
    long allocated = threads.getThreadAllocatedBytes(id) - before;
    assertThat(count[0]).isGreaterThan(30_000);
    // A few hundred bytes at most come from the measuring itself, not from 10,000 scans.
    assertThat(allocated).isLessThan(10_000);
  }

  /**
   * An automaton read back derives its walking tables on its first scan, not when read (so a
   * program read from the cache pays only for the automata its values reach), and threads that scan
   * it first at once all see a whole walk: each reports what the built automaton reports.
   */
  @Test
  void anAutomatonReadBackDerivesItsWalkOnItsFirstScan() throws Exception {
    LiteralAutomaton.Builder b = LiteralAutomaton.builder();
    for (int i = 0; i < 300; i++) {
      b.add(lit(LiteralKind.values()[i % 4], "w" + i % 37 + "-" + i, i % 7 == 0), i);
    }
    LiteralAutomaton built = b.build();
    byte[] bytes = bytes(built);
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 300; i += 7) {
      values.add("w" + i % 37 + "-" + i);
      values.add("x W" + i % 37 + "-" + i + " and w5-5 " + "pad ".repeat(i % 40));
    }
    List<Set<Integer>> expected = values.stream().map(v -> scan(built, v)).toList();
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      for (int round = 0; round < 20; round++) {
        LiteralAutomaton read = LiteralAutomaton.read(new BinaryIn(ByteBuffer.wrap(bytes)));
        assertThat(read.derived()).isFalse();
        assertThat(read.idsBelow(300)).isTrue();
        assertThat(read.idsBelow(299)).isFalse();
        assertThat(bytes(read)).isEqualTo(bytes);
        assertThat(read.derived()).isFalse();
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<List<Set<Integer>>>> scans = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          scans.add(
              CompletableFuture.supplyAsync(
                  () -> {
                    try {
                      start.await();
                    } catch (InterruptedException e) {
                      throw new IllegalStateException(e);
                    }
                    return values.stream().map(v -> scan(read, v)).toList();
                  },
                  pool));
        }
        start.countDown();
        for (CompletableFuture<List<Set<Integer>>> scan : scans) {
          assertThat(scan.join()).isEqualTo(expected);
        }
        assertThat(read.derived()).isTrue();
      }
    }
  }

  private static byte[] bytes(LiteralAutomaton a) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream data = new DataOutputStream(bytes);
    BinaryOut out = new BinaryOut(data);
    a.write(out);
    out.finish();
    data.flush();
    return bytes.toByteArray();
  }
}
