package dev.kasa.event;

import java.util.Arrays;

/**
 * The colon and value that {@link JsonScanner}'s pass over a trusted first member last passed over
 * (up to {@link #MAX} bytes), so that the next line's can be passed over without the pass: when it
 * has the same bytes, or differs from them only inside strings that are plain in both (no quote,
 * backslash, control or non-ASCII byte) and keep their length. Such a value has the same structure,
 * so it ends at the same place, and the pass reads nothing after its end. A producer's header
 * repeats from line to line but for a value or two that change at a fixed length: a syslog
 * connection's timestamps, one a message. Not thread-safe: one per scanner.
 */
final class SkipMemo {
  /** The longest value remembered. */
  static final int MAX = 512;

  private final byte[] bytes = new byte[MAX];
  private int length = -1;
  // For each byte of the value inside a plain string: where that string's closing quote is; -1
  // elsewhere. Found when a line first differs from the value (most repeat it whole).
  private final short[] closes = new short[MAX];
  private boolean closesFound;

  /**
   * The length of the remembered value when {@code b[at, limit)} starts with one of the same
   * structure (see the class), else -1.
   */
  int match(byte[] b, int at, int limit) {
    int n = length;
    if (n <= 0 || limit - at < n) {
      return -1;
    }
    int from = 0;
    while (true) {
      int k = Arrays.mismatch(b, at + from, at + n, bytes, from, n);
      if (k < 0) {
        return n;
      }
      k += from;
      if (!closesFound) {
        findStrings();
      }
      int close = closes[k];
      if (close < 0) {
        return -1;
      }
      // The rest of the string must be plain up to a quote where the remembered one closes.
      for (int p = at + k, q = at + close; p < q; p++) {
        byte c = b[p];
        if (c == '"' || c == '\\' || c < 0x20) {
          return -1;
        }
      }
      if (b[at + close] != '"') {
        return -1;
      }
      from = close + 1;
    }
  }

  /** Remembers {@code b[at, at+n)} (n ≤ {@link #MAX}), a value the pass passed over. */
  void remember(byte[] b, int at, int n) {
    System.arraycopy(b, at, bytes, 0, n);
    length = n;
    closesFound = false;
  }

  /**
   * Fills {@link #closes}: the value is one the pass followed, so its strings close (an escape is
   * two bytes) and hold no control byte.
   */
  private void findStrings() {
    int n = length;
    Arrays.fill(closes, 0, n, (short) -1);
    int i = 0;
    while (i < n) {
      if (bytes[i] != '"') {
        i++;
        continue;
      }
      int open = i;
      int p = open + 1;
      boolean plain = true;
      while (p < n && bytes[p] != '"') {
        byte c = bytes[p];
        if (c == '\\') {
          plain = false;
          p += 2;
        } else {
          plain &= c >= 0x20;
          p++;
        }
      }
      if (plain && p < n) {
        Arrays.fill(closes, open + 1, p, (short) p);
      }
      i = p + 1;
    }
    closesFound = true;
  }
}
