package dev.kasa.node.ingest;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds and counts line ends eight bytes at a time: the tailer looks at every byte it delivers, and
 * these passes are what it does per byte beyond what the decoder does.
 */
final class Newlines {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long RETURNS = 0x0D0D0D0D0D0D0D0DL;
  private static final long LOWS = 0x7F7F7F7F7F7F7F7FL;

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
   * How many lines of {@code b[from, to)} are records: every line but the blank ones (empty, or a
   * lone {@code '\r'}). The range starts a line; a last line without its newline is not counted.
   */
  static int records(byte[] b, int from, int to) {
    int lines = 0;
    int blank = 0;
    // The newlines and carriage returns of the previous word; the range's start counts as just
    // after a newline (the top byte of the word before).
    long lastNewlines = Long.MIN_VALUE;
    long lastReturns = 0;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long w = (long) LONGS.get(b, i);
      long n = zeros(w ^ NEWLINES);
      if (n != 0) {
        long r = zeros(w ^ RETURNS);
        lines += Long.bitCount(n);
        // Little-endian: byte k of the word is b[i + k], so shifting left by 8 moves each flag to
        // the byte after it.
        long afterNewline = (n << 8) | (lastNewlines >>> 56);
        long afterLoneReturn =
            ((r << 8) | (lastReturns >>> 56)) & ((n << 16) | (lastNewlines >>> 48));
        blank += Long.bitCount(n & (afterNewline | afterLoneReturn));
        lastNewlines = n;
        lastReturns = r;
      } else {
        lastNewlines = 0;
        lastReturns = zeros(w ^ RETURNS);
      }
    }
    for (; i < to; i++) {
      if (b[i] == '\n') {
        lines++;
        if (blankBefore(b, from, i)) {
          blank++;
        }
      }
    }
    return lines - blank;
  }

  /** Whether the line that ends with the newline {@code b[nl]} is blank. */
  private static boolean blankBefore(byte[] b, int from, int nl) {
    if (nl == from || b[nl - 1] == '\n') {
      return true;
    }
    return b[nl - 1] == '\r' && (nl - 1 == from || b[nl - 2] == '\n');
  }

  /** High bit set exactly in the bytes of {@code t} that are zero (no borrow between bytes). */
  private static long zeros(long t) {
    return ~(((t & LOWS) + LOWS) | t | LOWS);
  }

  /**
   * Whether a line of {@code b[from, to)} is longer than {@code max} bytes (its newline not
   * counted). The range starts a line and ends with a newline. Looks at few bytes when lines are
   * much shorter than {@code max}: from each line start it looks back from {@code max} bytes on for
   * the nearest newline, which ends a line that is not too long, and starts over after it.
   */
  static boolean longerThan(byte[] b, int from, int to, int max) {
    int start = from;
    while (to - 1 - start > max) {
      int nl = start + max;
      while (nl >= start && b[nl] != '\n') {
        nl--;
      }
      if (nl < start) {
        return true;
      }
      start = nl + 1;
    }
    return false;
  }
}
