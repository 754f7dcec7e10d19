package dev.kasa.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The negative filters in front of the index tables never reject a key they were built from. */
class IndexFilterPropertyTest {

  @Property(tries = 200)
  void hashFilterHoldsEveryKey(@ForAll @Size(max = 3000) List<Long> keys) {
    long[] mixed = keys.stream().mapToLong(Keys::mix).toArray();
    HashFilter filter = new HashFilter(mixed);
    for (long m : mixed) {
      assertThat(filter.mayHold(m)).isTrue();
    }
  }

  @Test
  void hashFilterRejectsMostForeignKeys() {
    long[] mixed = new long[10_000];
    for (int i = 0; i < mixed.length; i++) {
      mixed[i] = Keys.mix(i);
    }
    HashFilter filter = new HashFilter(mixed);
    int passed = 0;
    for (long k = 1_000_000; k < 1_100_000; k++) {
      passed += filter.mayHold(Keys.mix(k)) ? 1 : 0;
    }
    assertThat(passed).isLessThan(10_000); // about 6% expected at 16 bits a key
  }

  @Property(tries = 200)
  void ipv4FilterHoldsEveryNetworkAddress(
      @ForAll @Size(max = 200) List<Integer> addresses,
      @ForAll @IntRange(min = 0, max = 32) int prefix,
      @ForAll int probe) {
    long mask = prefix == 0 ? 0 : (0xffff_ffffL << (32 - prefix)) & 0xffff_ffffL;
    long[] keys = addresses.stream().mapToLong(a -> (a & 0xffff_ffffL) & mask).toArray();
    WordTable[] tables = new WordTable[33];
    tables[prefix] =
        new WordTable(0, keys.length, 1, keys, filled(keys.length), new byte[keys.length]);
    Ipv4PrefixFilter filter = new Ipv4PrefixFilter(tables);
    List<Long> inside = new ArrayList<>();
    for (long k : keys) {
      inside.add(k);
      inside.add(k | (~mask & 0xffff_ffffL & (probe & 0xffff_ffffL)));
    }
    for (long address : inside) {
      if (prefix >= 24) {
        assertThat(filter.mayHold24(address)).as("/%d %d", prefix, address).isTrue();
      } else if (prefix >= 16) {
        assertThat(filter.mayHold16(address)).as("/%d %d", prefix, address).isTrue();
      }
    }
  }

  @Test
  void ipv4FilterRejectsOtherNetworks() {
    long[] keys = {0x0a000100L, 0xc0a80000L}; // 10.0.1.0/24 and 192.168.0.0/16
    WordTable[] tables = new WordTable[33];
    tables[24] = new WordTable(0, 1, 1, new long[] {keys[0]}, filled(2), new byte[2]);
    tables[16] = new WordTable(1, 1, 1, new long[] {keys[1]}, filled(2), new byte[2]);
    Ipv4PrefixFilter filter = new Ipv4PrefixFilter(tables);
    assertThat(filter.mayHold24(0x0a000163L)).isTrue();
    assertThat(filter.mayHold24(0x0a000263L)).isFalse();
    assertThat(filter.mayHold16(0xc0a8ff01L)).isTrue();
    assertThat(filter.mayHold16(0xc0a90001L)).isFalse();
    assertThat(new Ipv4PrefixFilter(new WordTable[33]).mayHold24(0)).isFalse();
  }

  @Test
  void aSmallFilterIsSizedToItsEntriesAndALargeOneHasABitPerNetwork() {
    // A layered index rebuilds its delta at every change: one new address must not cost 2 MiB.
    WordTable[] one = new WordTable[33];
    one[32] = new WordTable(0, 1, 1, new long[] {0xc6124d01L}, filled(2), new byte[2]);
    Ipv4PrefixFilter small = new Ipv4PrefixFilter(one);
    assertThat(small.bytes()).isLessThan(1024);
    assertThat(small.mayHold24(0xc6124d01L)).isTrue();

    var rng = new java.util.SplittableRandom(5);
    for (int n : new int[] {Ipv4PrefixFilter.SMALL - 1, Ipv4PrefixFilter.SMALL}) {
      long[] keys = new long[n];
      for (int i = 0; i < n; i++) {
        keys[i] = rng.nextLong() & 0xffff_ffffL;
      }
      WordTable[] tables = new WordTable[33];
      tables[32] = new WordTable(0, n, 1, keys, filled(n), new byte[n]);
      Ipv4PrefixFilter filter = new Ipv4PrefixFilter(tables);
      for (long k : keys) {
        assertThat(filter.mayHold24(k)).as("%d keys, %d", n, k).isTrue();
      }
      int passed = 0;
      for (int i = 0; i < 100_000; i++) {
        passed += filter.mayHold24(rng.nextLong() & 0xffff_ffffL) ? 1 : 0;
      }
      assertThat(passed).as("%d keys", n).isLessThan(10_000);
      if (n < Ipv4PrefixFilter.SMALL) {
        assertThat(filter.bytes()).isLessThan(256 * 1024);
      } else {
        assertThat(filter.bytes()).isGreaterThanOrEqualTo(2 * 1024 * 1024);
      }
    }
  }

  private static int[] filled(int n) {
    int[] next = new int[n];
    java.util.Arrays.fill(next, -1);
    return next;
  }
}
