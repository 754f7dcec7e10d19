package dev.kasa.detect;

import java.util.Collection;

/**
 * An immutable set of indicator ids, held as their UUIDs in one open-addressing table of longs:
 * looking one up allocates nothing. {@link #with} makes a new set; this one stays as it is.
 */
final class IdSet {
  static final IdSet EMPTY = new IdSet(new long[2], 0);

  // Slot s holds [2s] high and [2s+1] low bits; (0, 0) is empty, so the nil UUID is kept aside.
  private final long[] slots;
  private final int size;
  private final boolean nil;
  private final int mask;

  private IdSet(long[] slots, int size) {
    this(slots, size, false);
  }

  private IdSet(long[] slots, int size, boolean nil) {
    this.slots = slots;
    this.size = size;
    this.nil = nil;
    this.mask = slots.length / 2 - 1;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  boolean contains(long hi, long lo) {
    if (hi == 0 && lo == 0) {
      return nil;
    }
    for (int s = (int) Keys.mixWords(hi, lo) & mask; ; s = (s + 1) & mask) {
      long h = slots[2 * s];
      long l = slots[2 * s + 1];
      if (h == hi && l == lo) {
        return true;
      }
      if (h == 0 && l == 0) {
        return false;
      }
    }
  }

  boolean contains(String indicatorId) {
    return contains(Keys.uuidHigh(indicatorId), Keys.uuidLow(indicatorId));
  }

  /** This set and {@code ids} ({@code indicator--<uuid>} strings). */
  IdSet with(Collection<String> ids) {
    if (ids.isEmpty()) {
      return this;
    }
    int capacity = Integer.highestOneBit(Math.max(4, 2 * (size + ids.size())) - 1) << 1;
    long[] table = new long[2 * capacity];
    int n = 0;
    boolean hasNil = nil;
    int m = capacity - 1;
    for (int s = 0; s < slots.length / 2; s++) {
      long h = slots[2 * s];
      long l = slots[2 * s + 1];
      if (h != 0 || l != 0) {
        n += put(table, m, h, l) ? 1 : 0;
      }
    }
    for (String id : ids) {
      long h = Keys.uuidHigh(id);
      long l = Keys.uuidLow(id);
      if (h == 0 && l == 0) {
        hasNil = true;
      } else {
        n += put(table, m, h, l) ? 1 : 0;
      }
    }
    return new IdSet(table, n + (hasNil ? 1 : 0), hasNil);
  }

  private static boolean put(long[] table, int mask, long hi, long lo) {
    for (int s = (int) Keys.mixWords(hi, lo) & mask; ; s = (s + 1) & mask) {
      long h = table[2 * s];
      long l = table[2 * s + 1];
      if (h == hi && l == lo) {
        return false;
      }
      if (h == 0 && l == 0) {
        table[2 * s] = hi;
        table[2 * s + 1] = lo;
        return true;
      }
    }
  }
}
