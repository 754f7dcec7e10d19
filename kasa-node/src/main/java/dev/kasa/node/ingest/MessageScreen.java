package dev.kasa.node.ingest;

/**
 * One quick pass over a syslog MSG that says how {@link PlainRfc5424} writes its event: declined
 * when not ASCII; spliced unchecked ({@link #SPLICE}) when the decoder's own pass can tell whether
 * it is one JSON object, so that {@link SpliceFallback} can make the plain-line event of one that
 * is not; else checked first by {@link JsonObjectShape}, as before. Stateless.
 */
final class MessageScreen {
  /** A byte above 0x7F: the general way decodes it. */
  static final int NOT_ASCII = -1;

  /** Checked with {@link JsonObjectShape} before it is written. */
  static final int CHECK = 0;

  /**
   * Written spliced without a check: '{' first and '}' last (nothing around them to lose), no byte
   * below CR (the line breaks, which the splice would have to rewrite and which end a line for the
   * decoder; the tab and controls, rare in events, with them), and no member {@code _syslog}
   * possible ({@code "_syslog"} nowhere, and no backslash, so no escape that could spell it), since
   * an object with its own header is written without ours.
   */
  static final int SPLICE = 1;

  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
          long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long BELOW_CR = 0x0E0E0E0E0E0E0E0EL;
  private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
  // '"' then '_' in each 16-bit lane (little-endian), and that lane's lowest and highest bits.
  private static final long QUOTE_UNDERSCORE = 0x5F225F225F225F22L;
  private static final long LANE_ONES = 0x0001000100010001L;
  private static final long LANE_HIGHS = 0x8000800080008000L;
  private static final byte[] KEY =
      "\"_syslog\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private MessageScreen() {}

  /** {@link #NOT_ASCII}, {@link #CHECK} or {@link #SPLICE} for the MSG {@code b[s, e)}. */
  static int of(byte[] b, int s, int e) {
    int p = s;
    long high = 0;
    // Flags (in each byte's high bit, exact as to whether any is set): a byte below CR (the line
    // breaks, and the tab and controls that are rare in events), a backslash (escapes are rare
    // in events; one may spell the key), a '"' then '_' (the start of a key "_syslog").
    long stop = 0;
    // Words at p and p + 1, so that the pairs at every offset are seen as 16-bit lanes.
    for (; p + 9 <= e; p += 8) {
      long w = (long) LONGS.get(b, p);
      long slash = w ^ BACKSLASHES;
      long even = w ^ QUOTE_UNDERSCORE;
      long odd = (long) LONGS.get(b, p + 1) ^ QUOTE_UNDERSCORE;
      high |= w;
      stop |= ((w - BELOW_CR) & ~w) | ((slash - ONES) & ~slash);
      if (((((even - LANE_ONES) & ~even) | ((odd - LANE_ONES) & ~odd)) & LANE_HIGHS) != 0
          && key(b, p, Math.min(p + 8, e), e)) {
        stop |= HIGHS;
      }
    }
    for (; p < e; p++) {
      byte x = b[p];
      high |= x;
      if (x < 0x0E || x == '\\' || (x == '"' && key(b, p, p + 1, e))) {
        stop |= HIGHS;
      }
    }
    if ((high & HIGHS) != 0) {
      return NOT_ASCII;
    }
    boolean braced = e - s >= 2 && b[s] == '{' && b[e - 1] == '}';
    return braced && (stop & HIGHS) == 0 ? SPLICE : CHECK;
  }

  /** Whether {@code "_syslog"} starts at an index in {@code [from, to)} of {@code b[.., e)}. */
  private static boolean key(byte[] b, int from, int to, int e) {
    for (int i = from; i < to && i + KEY.length <= e; i++) {
      if (java.util.Arrays.equals(b, i, i + KEY.length, KEY, 0, KEY.length)) {
        return true;
      }
    }
    return false;
  }
}
