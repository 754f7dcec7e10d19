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
   * Written spliced without a check: '{' first and '}' last (nothing around them to lose), no CR or
   * LF (which the splice would have to rewrite, and which end a line for the decoder), and no
   * member {@code _syslog} possible ({@code "_syslog"} nowhere, no {@code \}{@code u} escape that
   * could spell it), since an object with its own header is written without ours.
   */
  static final int SPLICE = 1;

  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
          long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
  private static final long LOWS = 0x7F7F7F7F7F7F7F7FL;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long CRS = 0x0D0D0D0D0D0D0D0DL;
  private static final long LFS = 0x0A0A0A0A0A0A0A0AL;
  private static final long QUOTES = 0x2222222222222222L;
  private static final long UNDERSCORES = 0x5F5F5F5F5F5F5F5FL;
  private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
  private static final long US = 0x7575757575757575L;
  private static final byte[] SYSLOG_KEY = {'s', 'y', 's', 'l', 'o', 'g', '"'};

  private MessageScreen() {}

  /** {@link #NOT_ASCII}, {@link #CHECK} or {@link #SPLICE} for the MSG {@code b[s, e)}. */
  static int of(byte[] b, int s, int e) {
    int p = s;
    long high = 0;
    long stop = 0;
    // The flag of the previous word's last byte, as the next word's first (pairs across words).
    long quoteCarry = 0;
    long backslashCarry = 0;
    for (; p + 8 <= e; p += 8) {
      long w = (long) LONGS.get(b, p);
      high |= w;
      long quotes = zeros(w ^ QUOTES);
      long backslashes = zeros(w ^ BACKSLASHES);
      long keys = ((quotes << 8) | quoteCarry) & zeros(w ^ UNDERSCORES);
      stop |=
          zeros(w ^ CRS) | zeros(w ^ LFS) | (((backslashes << 8) | backslashCarry) & zeros(w ^ US));
      quoteCarry = quotes >>> 56;
      backslashCarry = backslashes >>> 56;
      while (keys != 0) {
        int at = p + (Long.numberOfTrailingZeros(keys) >>> 3);
        if (syslogKey(b, at + 1, e)) {
          stop = HIGHS;
        }
        keys &= keys - 1;
      }
    }
    for (; p < e; p++) {
      byte x = b[p];
      high |= x;
      if (x == '\r'
          || x == '\n'
          || (x == 'u' && p > s && b[p - 1] == '\\')
          || (x == '_' && p > s && b[p - 1] == '"' && syslogKey(b, p + 1, e))) {
        stop = HIGHS;
      }
    }
    if ((high & HIGHS) != 0) {
      return NOT_ASCII;
    }
    boolean braced = e - s >= 2 && b[s] == '{' && b[e - 1] == '}';
    return braced && (stop & HIGHS) == 0 ? SPLICE : CHECK;
  }

  /** A flag (0x80) in each byte of {@code x} that is zero; exact (no borrow between bytes). */
  private static long zeros(long x) {
    return ~(((x & LOWS) + LOWS) | x) & HIGHS;
  }

  /** Whether {@code b[at, e)} starts with {@code syslog"} (after a {@code "_}). */
  private static boolean syslogKey(byte[] b, int at, int e) {
    return e - at >= SYSLOG_KEY.length
        && java.util.Arrays.equals(b, at, at + SYSLOG_KEY.length, SYSLOG_KEY, 0, SYSLOG_KEY.length);
  }
}
