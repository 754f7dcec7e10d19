package dev.kasa.intel;

import java.util.Arrays;

/**
 * A map keyed by canonical indicator ids ({@link Indicator#isIndicatorId}), held as their uuid's
 * two longs, so that a million lookups by the ids of {@link StixPendingIndicators} neither build
 * nor hash an id string. Keys that are not canonical ids are not stored: no canonical id equals
 * them, so a lookup by string would never have found them either. Not thread-safe.
 *
 * @param <V> the values
 */
final class IndicatorIdMap<V> {
  private static final byte[] HEX = new byte[128];

  static {
    for (int c = '0'; c <= '9'; c++) {
      HEX[c] = (byte) (c - '0');
    }
    for (int c = 'a'; c <= 'f'; c++) {
      HEX[c] = (byte) (c - 'a' + 10);
    }
  }

  private long[] keys = new long[32]; // hi, lo of entry e at 2e, 2e + 1
  private Object[] values = new Object[16];
  private int[] table = new int[32]; // entry + 1, 0 for empty
  private int size;

  /**
   * The first 16 hex digits of the uuid of a canonical indicator id: {@code id} must be one ({@link
   * Indicator#isIndicatorId}). A lookup table, not a branch per digit: random hex defeats branch
   * prediction.
   */
  static long high(String id) {
    return hex(id, 11, 19) << 32 | hex(id, 20, 24) << 16 | hex(id, 25, 29);
  }

  /** The last 16 hex digits of the uuid of a canonical indicator id. */
  static long low(String id) {
    return hex(id, 30, 34) << 48 | hex(id, 35, 47);
  }

  private static long hex(String s, int from, int to) {
    long v = 0;
    for (int i = from; i < to; i++) {
      v = v << 4 | HEX[s.charAt(i) & 127];
    }
    return v;
  }

  /** Maps {@code id} to {@code value} when it is a canonical indicator id; ignores it otherwise. */
  void put(String id, V value) {
    if (!Indicator.isIndicatorId(id)) {
      return;
    }
    long hi = high(id);
    long lo = low(id);
    int p = slot(hi, lo);
    if (table[p] != 0) {
      values[table[p] - 1] = value;
      return;
    }
    if (size == values.length) {
      keys = Arrays.copyOf(keys, 4 * size);
      values = Arrays.copyOf(values, 2 * size);
    }
    keys[2 * size] = hi;
    keys[2 * size + 1] = lo;
    values[size] = value;
    table[p] = ++size;
    if (2 * size > table.length) {
      table = new int[2 * table.length];
      for (int e = 0; e < size; e++) {
        table[slot(keys[2 * e], keys[2 * e + 1])] = e + 1;
      }
    }
  }

  /** The value of the id whose uuid is {@code hi}, {@code lo}, or null. */
  @SuppressWarnings("unchecked")
  V get(long hi, long lo) {
    int e = table[slot(hi, lo)];
    return e == 0 ? null : (V) values[e - 1];
  }

  int size() {
    return size;
  }

  // The slot holding the key, or the empty slot where it belongs.
  private int slot(long hi, long lo) {
    int mask = table.length - 1;
    long h = (hi ^ Long.rotateLeft(lo, 29)) * 0x9E3779B97F4A7C15L;
    for (int p = (int) (h >>> 32) & mask; ; p = (p + 1) & mask) {
      int e = table[p];
      if (e == 0 || keys[2 * (e - 1)] == hi && keys[2 * (e - 1) + 1] == lo) {
        return p;
      }
    }
  }
}
