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
    int p = s;
    long high = 0;
    // A byte below CR (SWAR "has less", exact as to whether any is), in each byte's high bit.
    long stop = 0;
    for (; p + 8 <= e; p += 8) {
      long w = (long) LONGS.get(b, p);
      high |= w;
      stop |= (w - BELOW_CR) & ~w;
    }
    for (; p < e; p++) {
      byte x = b[p];
      high |= x;
      if (x < 0x0E) {
        stop |= HIGHS;
      }
    }
    if ((high & HIGHS) != 0) {
      return NOT_ASCII;
    }
    boolean braced = e - s >= 2 && b[s] == '{' && b[e - 1] == '}';
    return braced && (stop & HIGHS) == 0 ? SPLICE : CHECK;
  }
}
