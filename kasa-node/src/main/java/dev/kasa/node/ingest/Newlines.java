package dev.kasa.node.ingest;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Finds line ends: eight bytes at a time, or skipping most bytes where only long lines matter. */
final class Newlines {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private Newlines() {}

  /** The index of the first {@code '\n'} in {@code b[from, to)}, or -1. */
  static int next(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long w = (long) LONGS.get(b, i) ^ NEWLINES;
      // The lowest byte that is zero (a newline) sets the lowest flag; bytes above it may set
      // false flags, which the lowest one hides.
      long zero = (w - ONES) & ~w & HIGHS;
      if (zero != 0) {
        return i + (Long.numberOfTrailingZeros(zero) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /**
   * Whether no line of {@code b[from, end)}, whole lines each ending with {@code '\n'}, is longer
   * than {@code max} bytes (its newline not counted). Looks only back from {@code max} bytes past
   * each line start to the nearest line end, so that a chunk of short lines costs a few short
   * searches per {@code max} bytes instead of a look at every byte.
   */
  static boolean linesAtMost(byte[] b, int from, int end, int max) {
    int p = from;
    // A line starting at p is short enough when its newline lies at p + max or before.
    while (end - p > max + 1) {
      int k = p + max;
      while (k >= p && b[k] != '\n') {
        k--;
      }
      if (k < p) {
        return false;
      }
      p = k + 1;
    }
    return true;
  }
}
