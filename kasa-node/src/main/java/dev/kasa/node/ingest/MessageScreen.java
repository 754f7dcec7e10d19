package dev.kasa.node.ingest;

/**
 * One quick pass over a syslog MSG that says how {@link PlainRfc5424} writes its event: declined
 * when not ASCII; spliced unchecked ({@link #SPLICE}) when the decoder's own pass can tell whether
 * it is one JSON object and whether it has its own {@code _syslog} member, so that {@link
 * SpliceFallback} can make the event of one that is not, or that has; else checked first by {@link
 * JsonObjectShape}, as before. Stateless.
 */
final class MessageScreen {
  /** A byte above 0x7F: the general way decodes it. */
  static final int NOT_ASCII = -1;

  /** Checked with {@link JsonObjectShape} before it is written. */
  static final int CHECK = 0;

  /**
   * Written spliced without a check: '{' first and '}' last (nothing around them to lose), and no
   * byte below CR (the line breaks, which the splice would have to rewrite and which end a line for
   * the decoder; the tab and controls, rare in events, with them). A member {@code _syslog} of its
   * own is found by the decoder: the source's {@link SpliceFallback} names it {@link
   * dev.kasa.event.LineFallback#firstOnly() first-only}, and our header is the first member.
   */
  static final int SPLICE = 1;

  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
          long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
  private static final long HIGHS = 0x8080808080808080L;
  private static final long BELOW_CR = 0x0E0E0E0E0E0E0E0EL;

  private MessageScreen() {}

  /** {@link #NOT_ASCII}, {@link #CHECK} or {@link #SPLICE} for the MSG {@code b[s, e)}. */
  static int of(byte[] b, int s, int e) {
    // One accumulator, two words a turn: a word minus 0x0E in each byte sets a byte's high bit
    // exactly when some byte is below 0x0E or above 0x7F (a borrow comes only from a byte below
    // 0x0E, itself flagged), and the word's own high bits flag the bytes above 0x7F. Most MSGs
    // have neither: then one load and two operations a word say so, and the rare rest is sorted
    // out by the exact pass below.
    int p = s;
    long acc = 0;
    for (; p + 16 <= e; p += 16) {
      long w = (long) LONGS.get(b, p);
      long v = (long) LONGS.get(b, p + 8);
      acc |= w | v | (w - BELOW_CR) | (v - BELOW_CR);
    }
    for (; p < e; p++) {
      byte x = b[p];
      if (x < 0x0E) {
        acc |= HIGHS;
      }
    }
    if ((acc & HIGHS) != 0) {
      return exact(b, s, e);
    }
    return braced(b, s, e) ? SPLICE : CHECK;
  }

  /** {@link #of}, a byte's class at a time: for MSGs with a byte below 0x0E or above 0x7F. */
  private static int exact(byte[] b, int s, int e) {
    boolean stop = false;
    for (int p = s; p < e; p++) {
      byte x = b[p];
      if (x < 0) {
        return NOT_ASCII;
      }
      stop |= x < 0x0E;
    }
    return braced(b, s, e) && !stop ? SPLICE : CHECK;
  }

  private static boolean braced(byte[] b, int s, int e) {
    return e - s >= 2 && b[s] == '{' && b[e - 1] == '}';
  }
}
