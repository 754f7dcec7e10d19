package dev.kasa.detect;

/**
 * A negative filter in front of the IPv4 tables: one bit per /24 network that some entry of prefix
 * length 24 or more lies in, and one bit per /16 network for entries of prefix length 16 to 23.
 * When the bit of an address is clear, no table of that range can hold it, so a miss costs one read
 * of a small bit set instead of one probe per prefix length (each a likely cache miss in a large
 * table). A set bit proves nothing: the tables are probed as before. For a small index (the delta
 * of a {@link LayeredIndex}, rebuilt at every change) the /24 bits are hashed into a bit set sized
 * to the entries rather than one bit per /24 network (2 MiB to clear), so that building it costs
 * time in the entries, not a constant. Immutable once built.
 */
final class Ipv4PrefixFilter {
  private static final int LONG_BITS = 6;

  /** Below this many keys of prefix length 24 or more, the /24 bits are hashed. */
  static final int SMALL = 4096;

  /** Bits by {@code address >>> 8}; null when no entry has a prefix length of 24 or more. */
  private final long[] by24;

  /**
   * How far a hashed /24 network is shifted down to index {@link #by24} (32 minus the log of its
   * bits), or 0 when it is indexed by the network itself.
   */
  private final int shift24;

  /** Bits by {@code address >>> 16}; null when no entry has a prefix length from 16 to 23. */
  private final long[] by16;

  /**
   * Marks the network of every key of {@code tables[p]} (indexed by prefix length, null where
   * absent). Revoked entries are marked too: a needless bit only costs a probe.
   */
  Ipv4PrefixFilter(WordTable[] tables) {
    int keys24 = 0;
    for (int p = 24; p < tables.length; p++) {
      keys24 += tables[p] == null ? 0 : tables[p].count;
    }
    int hashShift = 0;
    long[] wide = null;
    if (keys24 > 0 && keys24 < SMALL) {
      int size = Integer.highestOneBit(Math.max(64, keys24 * 16) - 1) << 1;
      wide = new long[size >>> LONG_BITS];
      hashShift = Integer.numberOfLeadingZeros(size) + 1;
    }
    long[] narrow = null;
    for (int p = 16; p < tables.length; p++) {
      WordTable table = tables[p];
      if (table == null) {
        continue;
      }
      int shift = p >= 24 ? 8 : 16;
      if (p >= 24 && wide == null) {
        wide = new long[1 << (24 - LONG_BITS)];
      } else if (p < 24 && narrow == null) {
        narrow = new long[1 << (16 - LONG_BITS)];
      }
      for (int local = 0; local < table.count; local++) {
        int network = (int) (table.keys[local * table.words] >>> shift);
        if (p >= 24) {
          set(wide, bit24(network, hashShift));
        } else {
          set(narrow, network);
        }
      }
    }
    by24 = wide;
    shift24 = hashShift;
    by16 = narrow;
  }

  // Fibonacci hashing: one multiplication, the well-mixed high bits taken (the miss path of every
  // lookup pays it once a delta holds an address).
  private static int bit24(int network, int shift) {
    return shift == 0 ? network : (network * 0x9e3779b9) >>> shift;
  }

  private static void set(long[] bits, int i) {
    bits[i >>> LONG_BITS] |= 1L << i;
  }

  private static boolean get(long[] bits, int i) {
    return (bits[i >>> LONG_BITS] & (1L << i)) != 0;
  }

  /** Whether a table of prefix length 24 to 32 may hold {@code address} (unsigned 32 bits). */
  boolean mayHold24(long address) {
    return by24 != null && get(by24, bit24((int) (address >>> 8), shift24));
  }

  /** Whether a table of prefix length 16 to 23 may hold {@code address}. */
  boolean mayHold16(long address) {
    return by16 != null && get(by16, (int) (address >>> 16));
  }

  long bytes() {
    return 32L + 8L * ((by24 == null ? 0 : by24.length) + (by16 == null ? 0 : by16.length));
  }
}
