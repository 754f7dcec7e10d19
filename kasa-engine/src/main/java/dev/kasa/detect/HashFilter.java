package dev.kasa.detect;

/**
 * A one-hash Bloom filter over the mixed key hashes of a large table, about 16 bits a key (some 6%
 * false positives), so that most misses read one line of a bit set that stays in cache instead of
 * probing the table's slots. A clear bit proves the key absent; a set bit proves nothing. Immutable
 * once built.
 */
final class HashFilter {
  private final long[] bits;
  private final int mask;

  /** A filter holding every mixed hash in {@code mixed}. */
  HashFilter(long[] mixed) {
    int wanted = Math.max(64, mixed.length * 16);
    int size = Integer.highestOneBit(Math.min(wanted, 1 << 30) - 1) << 1;
    bits = new long[size >>> 6];
    mask = size - 1;
    for (long m : mixed) {
      int i = bit(m);
      bits[i >>> 6] |= 1L << i;
    }
  }

  /** The filter over the text entries of {@code table}, or null when the table is absent. */
  static HashFilter of(TextTable table) {
    if (table == null) {
      return null;
    }
    long[] mixed = new long[table.count];
    for (int local = 0; local < table.count; local++) {
      mixed[local] = Keys.mix(table.hash(local));
    }
    return new HashFilter(mixed);
  }

  // The slots use the low bits of the mixed hash and the fingerprint the high ones: take the
  // middle, so that the filter's verdict does not repeat theirs.
  private int bit(long mixed) {
    return (int) (mixed >>> 20) & mask;
  }

  boolean mayHold(long mixed) {
    int i = bit(mixed);
    return (bits[i >>> 6] & (1L << i)) != 0;
  }

  long bytes() {
    return 24L + 8L * bits.length;
  }
}
