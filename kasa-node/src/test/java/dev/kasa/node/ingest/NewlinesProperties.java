package dev.kasa.node.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Newlines finds the first line end of any range, and whether any line is longer than a limit, as a
 * byte-by-byte look does.
 */
class NewlinesProperties {
  @Property(tries = 2000)
  void findsTheFirstNewlineOfAnyRange(
      @ForAll("bytes") byte[] b, @ForAll("cuts") int a, @ForAll("cuts") int c) {
    int from = Math.min(a, c) % (b.length + 1);
    int to = Math.max(from, Math.max(a, c) % (b.length + 1));
    int expected = -1;
    for (int i = from; i < to; i++) {
      if (b[i] == '\n') {
        expected = i;
        break;
      }
    }
    assertThat(Newlines.next(b, from, to)).isEqualTo(expected);
  }

  @Property(tries = 2000)
  void tellsWhetherAnyLineIsLongerThanTheLimit(
      @ForAll("bytes") byte[] raw, @ForAll("cuts") int a, @ForAll("cuts") int limit) {
    // Whole lines: the range ends with a newline.
    byte[] b = java.util.Arrays.copyOf(raw, raw.length + 1);
    b[raw.length] = '\n';
    int from = a % b.length;
    int max = limit % 40;
    boolean expected = true;
    int lineStart = from;
    for (int i = from; i < b.length; i++) {
      if (b[i] == '\n') {
        expected &= i - lineStart <= max;
        lineStart = i + 1;
      }
    }
    assertThat(Newlines.linesAtMost(b, from, b.length, max)).isEqualTo(expected);
  }

  @Provide
  Arbitrary<byte[]> bytes() {
    // Mostly bytes near a newline (and 0x0B, 0x8A: one bit away), so that false flags are tried.
    return Arbitraries.bytes()
        .withDistribution(net.jqwik.api.RandomDistribution.uniform())
        .between((byte) -128, (byte) 127)
        .injectDuplicates(0.3)
        .array(byte[].class)
        .ofMaxSize(100)
        .map(
            b -> {
              for (int i = 0; i < b.length; i++) {
                if (b[i] % 7 == 0) {
                  b[i] = (byte) new byte[] {'\n', 0x0B, 0x09, (byte) 0x8A, 0}[Math.abs(b[i]) % 5];
                }
              }
              return b;
            });
  }

  @Provide
  Arbitrary<Integer> cuts() {
    return Arbitraries.integers().between(0, 1000);
  }
}
