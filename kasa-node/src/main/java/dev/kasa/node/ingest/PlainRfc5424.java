package dev.kasa.node.ingest;

/**
 * The syslog path's shortcut for the common message: RFC 5424, no STRUCTURED-DATA ({@code -}), a
 * TIMESTAMP that is absent or already as {@link java.time.Instant#toString()} writes it, and an
 * ASCII MSG. Such a message's event is written straight from the frame's bytes: no String per
 * header field, no decode and re-encode of the MSG, no {@link SyslogMessage}. Every other message
 * (and every malformed one) is declined, to go the general way ({@link SyslogParser}, {@link
 * SyslogEvents}), which also counts what is malformed. What it writes is byte for byte what the
 * general way writes, except for a MSG that {@link MessageScreen} lets it splice without the JSON
 * object check: the decoder's own pass makes that check, and {@link SpliceFallback} turns a line
 * that fails it into the general way's event (property tests hold it to both). Stateless: what it
 * remembers of a connection's last header is the caller's {@link HeaderMemo}.
 */
final class PlainRfc5424 {
  private static final int[] DAYS = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  /**
   * The header's start for each PRI, {@code "_syslog":{"rfc":"5424","facility":F,"severity":S}:
   * one copy per message instead of four writes and a facility's String.
   */
  private static final byte[][] STARTS = new byte[192][];

  static {
    for (int pri = 0; pri < STARTS.length; pri++) {
      STARTS[pri] =
          ascii(
              "\"_syslog\":{\"rfc\":\"5424\",\"facility\":"
                  + (pri >> 3)
                  + ",\"severity\":"
                  + (pri & 7));
    }
  }

  // The members' names (with the comma before and the colon after) as bytes, copied as they are.
  private static final byte[] TIMESTAMP = ascii(",\"timestamp\":");
  private static final byte[] HOSTNAME = ascii(",\"hostname\":");
  private static final byte[] APP_NAME = ascii(",\"app_name\":");
  private static final byte[] PROCID = ascii(",\"procid\":");
  private static final byte[] MSGID = ascii(",\"msgid\":");
  private static final byte[] SENDER = ascii(",\"sender\":");

  private final JsonObjectShape objects;

  PlainRfc5424(JsonObjectShape objects) {
    this.objects = objects;
  }

  /**
   * Appends the event of {@code b[off, off+len)} to {@code out} and returns true, or returns false
   * with nothing appended when the message is not one this shortcut takes. May rewrite line breaks
   * in the MSG's bytes (as {@link SyslogEvents} does in its copy).
   */
  boolean write(byte[] b, int off, int len, String sender, EventBytes out) {
    return write(b, off, len, sender, out, null);
  }

  /**
   * {@link #write(byte[], int, int, String, EventBytes)}, reading and writing header fields that
   * are the same bytes as the connection's last message's from {@code memo} (may be null), and
   * remembering them there.
   */
  boolean write(byte[] b, int off, int len, String sender, EventBytes out, HeaderMemo memo) {
    int end = off + len;
    int p = off;
    // <PRI>: 1 to 3 digits, no leading zero, at most 191.
    if (len < 4 || b[p] != '<') {
      return false;
    }
    p++;
    int pri = 0;
    int s = p;
    while (p < end && p - s < 3 && b[p] >= '0' && b[p] <= '9') {
      pri = pri * 10 + (b[p++] - '0');
    }
    if (p == s || p >= end || b[p] != '>' || pri > 191 || (p - s > 1 && b[s] == '0')) {
      return false;
    }
    p++;
    if (end - p < 2 || b[p] != '1' || b[p + 1] != ' ') {
      return false;
    }
    p += 2;
    int ts = p;
    int te = field(b, p, end, 64);
    if (te < 0) {
      return false;
    }
    boolean time = !nil(b, ts, te);
    if (time && (memo == null || !memo.sameTime(b, ts, te))) {
      if (!canonicalTime(b, ts, te)) {
        return false;
      }
      if (memo != null) {
        memo.validTime(b, ts, te);
      }
    }
    int hs = te + 1;
    int he = -1;
    int as = -1;
    int ae = -1;
    int ps = -1;
    int pe = -1;
    int ms = -1;
    int me = -1;
    // The same HOSTNAME through STRUCTURED-DATA bytes as the last message's: read them no more.
    p = memo == null ? -1 : memo.after(b, hs, end, sender);
    boolean remembered = p >= 0;
    if (!remembered) {
      he = field(b, hs, end, 255);
      if (he < 0) {
        return false;
      }
      as = he + 1;
      ae = field(b, as, end, 48);
      if (ae < 0) {
        return false;
      }
      ps = ae + 1;
      pe = field(b, ps, end, 128);
      if (pe < 0) {
        return false;
      }
      ms = pe + 1;
      me = field(b, ms, end, 32);
      if (me < 0) {
        return false;
      }
      // STRUCTURED-DATA: only the NILVALUE, then the end or a space and the MSG.
      p = me + 1;
      if (p >= end || b[p] != '-') {
        return false;
      }
      p++;
    }
    int fieldsEnd = p;
    int msg = end;
    if (p < end) {
      if (b[p] != ' ') {
        return false;
      }
      msg = p + 1;
      if (end - msg >= 3
          && (b[msg] & 0xff) == 0xef
          && (b[msg + 1] & 0xff) == 0xbb
          && (b[msg + 2] & 0xff) == 0xbf) {
        msg += 3;
      }
    }
    // Non-ASCII goes the general way: it decodes UTF-8 with bad sequences replaced.
    int screened = MessageScreen.of(b, msg, end);
    if (screened == MessageScreen.NOT_ASCII) {
      return false;
    }
    int scanned;
    if (screened == MessageScreen.SPLICE) {
      // Spliced unchecked: the decoder's own pass tells whether it was one object without a
      // _syslog of its own, and its fallback (SpliceFallback) makes the event otherwise.
      scanned = JsonObjectShape.WITHOUT_MEMBER;
    } else {
      scanned = objects.scan(b, msg, end);
      if (scanned >= 0 && (scanned & JsonObjectShape.FIRST_AND_LATER) != 0) {
        return false; // the general way writes it, to be decoded on its own (rare)
      }
    }
    int shape = scanned < 0 ? scanned : scanned & JsonObjectShape.WITH_MEMBER;
    out.write('{');
    if (shape != JsonObjectShape.WITH_MEMBER) {
      out.write(STARTS[pri]);
      if (time) {
        // A valid time in Instant's form has no character that JSON escapes.
        out.write(TIMESTAMP);
        out.write('"');
        out.write(b, ts, te - ts);
        out.write('"');
      }
      if (remembered) {
        memo.writeMembers(out);
      } else {
        int members = out.size();
        optional(out, HOSTNAME, b, hs, he);
        optional(out, APP_NAME, b, as, ae);
        optional(out, PROCID, b, ps, pe);
        optional(out, MSGID, b, ms, me);
        if (sender != null) {
          out.write(SENDER);
          out.string(sender);
        }
        if (memo != null) {
          memo.remember(b, hs, fieldsEnd, sender, out.array(), members, out.size());
        }
      }
      out.write('}');
    }
    if (shape == JsonObjectShape.NOT_AN_OBJECT) {
      out.ascii(",\"message\":");
      out.string(new String(b, msg, end - msg, java.nio.charset.StandardCharsets.ISO_8859_1));
      out.write('}');
    } else {
      SyslogEvents.splice(
          b,
          msg,
          end,
          shape == JsonObjectShape.WITH_MEMBER,
          (scanned & JsonObjectShape.LINE_BREAKS) != 0,
          out);
    }
    out.write('\n');
    return true;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  /**
   * The end of the header field at {@code s} (1 to {@code max} printable US-ASCII characters
   * followed by a space), or -1.
   */
  private static int field(byte[] b, int s, int end, int max) {
    int p = s;
    int stop = Math.min(end, s + max);
    while (p < stop && b[p] >= 33 && b[p] <= 126) {
      p++;
    }
    return p > s && p < end && b[p] == ' ' ? p : -1;
  }

  private static boolean nil(byte[] b, int s, int e) {
    return e - s == 1 && b[s] == '-';
  }

  private static void optional(EventBytes out, byte[] member, byte[] b, int s, int e) {
    if (!nil(b, s, e)) {
      out.write(member);
      out.printable(b, s, e);
    }
  }

  /**
   * Whether {@code b[s, e)} is a valid time written as {@link java.time.Instant#toString()} writes
   * it: {@code YYYY-MM-DDThh:mm:ss[.fff|.ffffff|.fffffffff]Z}, the fraction's last three digits not
   * all zero. Anything else is left to {@link SyslogParser}, which normalizes or refuses it.
   */
  static boolean canonicalTime(byte[] b, int s, int e) {
    int n = e - s;
    if (n < 20
        || b[e - 1] != 'Z'
        || b[s + 4] != '-'
        || b[s + 7] != '-'
        || b[s + 10] != 'T'
        || b[s + 13] != ':'
        || b[s + 16] != ':') {
      return false;
    }
    if (n > 20) {
      int digits = n - 21;
      if (b[s + 19] != '.' || (digits != 3 && digits != 6 && digits != 9)) {
        return false;
      }
      if (b[e - 2] == '0' && b[e - 3] == '0' && b[e - 4] == '0') {
        return false;
      }
      if (number(b, s + 20, digits) < 0) {
        return false;
      }
    }
    int year = number(b, s, 4);
    int month = number(b, s + 5, 2);
    int day = number(b, s + 8, 2);
    int hour = number(b, s + 11, 2);
    int minute = number(b, s + 14, 2);
    int second = number(b, s + 17, 2);
    if ((year | month | day | hour | minute | second) < 0
        || month < 1
        || month > 12
        || day < 1
        || hour > 23
        || minute > 59
        || second > 59) {
      return false;
    }
    boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return day <= DAYS[month - 1] || (month == 2 && leap && day == 29);
  }

  /** The decimal {@code b[at, at+n)} (n ≤ 9), or -1 when a byte is not a digit. */
  private static int number(byte[] b, int at, int n) {
    int v = 0;
    for (int i = at; i < at + n; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }
}
