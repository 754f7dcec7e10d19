package dev.kasa.stix;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The eight-bytes-at-a-time string scan finds what a byte loop finds. */
class StixElementFramerProperties {
  @Provide
  Arbitrary<byte[]> bytes() {
    return Arbitraries.bytes()
        .injectDuplicates(0.3)
        .edgeCases(e -> e.add((byte) '"').add((byte) '\\').add((byte) '\n'))
        .array(byte[].class)
        .ofMaxSize(40)
        .map(
            b -> {
              for (int i = 0; i < b.length; i++) {
                if (b[i] == 7) {
                  b[i] = '"';
                } else if (b[i] == 9) {
                  b[i] = '\\';
                }
              }
              return b;
            });
  }

  @Property(tries = 3000)
  void stringEndFindsTheFirstQuoteOrBackslash(
      @ForAll("bytes") byte[] b, @ForAll @IntRange(max = 40) int from) {
    int p = Math.min(from, b.length);
    int expected = p;
    while (expected < b.length && b[expected] != '"' && b[expected] != '\\') {
      expected++;
    }
    assertThat(StixElementFramer.stringEnd(b, p, b.length)).isEqualTo(expected);
  }

  @Property(tries = 3000)
  void stringStopFindsTheFirstQuoteBackslashOrControlByte(
      @ForAll("bytes") byte[] b, @ForAll @IntRange(max = 40) int from) {
    int p = Math.min(from, b.length);
    int expected = p;
    while (expected < b.length
        && b[expected] != '"'
        && b[expected] != '\\'
        && (b[expected] < 0 || b[expected] >= 0x20)) {
      expected++;
    }
    assertThat(StixElementFramer.stringStop(b, p, b.length)).isEqualTo(expected);
  }
}
