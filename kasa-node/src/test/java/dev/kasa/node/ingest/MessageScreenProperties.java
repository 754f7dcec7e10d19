package dev.kasa.node.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link MessageScreen}'s word-at-a-time pass says what a byte-at-a-time reading says. */
class MessageScreenProperties {
  @Property(tries = 5000)
  void agreesWithTheByteByByteReading(
      @ForAll("bytes") byte[] b, @ForAll("cuts") int from, @ForAll("cuts") int less) {
    int s = Math.min(from, b.length);
    int e = Math.max(s, b.length - less);
    assertThat(MessageScreen.of(b, s, e)).isEqualTo(reference(b, s, e));
  }

  private static int reference(byte[] b, int s, int e) {
    boolean stop = false;
    for (int p = s; p < e; p++) {
      int x = b[p] & 0xff;
      if (x > 0x7F) {
        return MessageScreen.NOT_ASCII;
      }
      stop |= x < 0x0E;
    }
    boolean braced = e - s >= 2 && b[s] == '{' && b[e - 1] == '}';
    return braced && !stop ? MessageScreen.SPLICE : MessageScreen.CHECK;
  }

  @Provide
  Arbitrary<byte[]> bytes() {
    // Mostly printable JSON-ish bytes, a few of each class the screen tells apart, at any place
    // (in a word, across a word's end, in the tail).
    Arbitrary<Byte> common = Arbitraries.bytes().between((byte) 0x0E, (byte) 0x7F);
    Arbitrary<Byte> edges =
        Arbitraries.of(
            (byte) '{',
            (byte) '}',
            (byte) 0x0D,
            (byte) 0x0E,
            (byte) 0x0A,
            (byte) 0x00,
            (byte) 0x09,
            (byte) 0x7F,
            (byte) 0x80,
            (byte) 0x8E,
            (byte) 0xC3,
            (byte) 0xFF);
    Arbitrary<Byte> any =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(40, common), net.jqwik.api.Tuple.of(1, edges));
    return any.array(byte[].class).ofMaxSize(80).map(MessageScreenProperties::braceSome);
  }

  /** Half of the arrays made braced, so that SPLICE comes up often. */
  private static byte[] braceSome(byte[] b) {
    if (b.length >= 2 && (b.length & 1) == 0) {
      b[0] = '{';
      b[b.length - 1] = '}';
    }
    return b;
  }

  @Provide
  Arbitrary<Integer> cuts() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.just(0)),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, 9)));
  }
}
