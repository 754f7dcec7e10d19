package dev.kasa.node.ingest;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads one syslog message (its frame already cut): {@code <PRI>1 ...} as RFC 5424, any other
 * {@code <PRI>...} as RFC 3164 (BSD syslog, leniently, as RFC 3164 section 4.3 asks of a relay).
 * The only error is a {@link KasaException} with {@link ErrorCode#MALFORMED_RECORD}. Stateless.
 */
final class SyslogParser {
  /** At most this many SD-ELEMENTs, and parameters per element. */
  static final int MAX_ELEMENTS = 64;

  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };

  private SyslogParser() {}

  /**
   * Parses {@code b[off, off+len)}; {@code received} places an RFC 3164 time (which has no year and
   * no zone: read as UTC) in a year.
   */
  static SyslogMessage parse(byte[] b, int off, int len, Instant received) {
    return parse(b, off, len, () -> received);
  }

  /**
   * Parses {@code b[off, off+len)}; {@code received} is asked for the time of receipt only for an
   * RFC 3164 time (read for every message, the clock took 2 % of a TCP connection's samples in the
   * ingest benchmark, half as much as parsing the RFC 5424 headers).
   */
  static SyslogMessage parse(byte[] b, int off, int len, Supplier<Instant> received) {
    var c = new Cursor(b, off, off + len);
    if (!c.take('<')) {
      throw bad("does not start with <PRI>");
    }
    int pri = 0;
    int digits = 0;
    while (c.more() && c.peek() >= '0' && c.peek() <= '9') {
      pri = pri * 10 + (c.next() - '0');
      if (++digits > 3) {
        throw bad("PRI has more than 3 digits");
      }
    }
    if (digits == 0 || !c.take('>')) {
      throw bad("PRI must be <0> to <191>");
    }
    if (pri > 191 || (digits > 1 && b[off + 1] == '0')) {
      throw bad("PRI must be <0> to <191> without leading zeros");
    }
    if (c.remaining() >= 2 && c.peek() == '1' && c.at(1) == ' ') {
      c.pos += 2;
      return rfc5424(c, pri);
    }
    return rfc3164(c, pri, received);
  }

  private static SyslogMessage rfc5424(Cursor c, int pri) {
    String time = c.field("TIMESTAMP", 64);
    String timestamp = null;
    if (time != null) {
      try {
        Instant fast = rfc3339(time);
        if (fast != null && canonical(time)) {
          timestamp = time; // already what Instant.toString() would write
        } else {
          timestamp =
              (fast != null
                      ? fast
                      : OffsetDateTime.parse(time, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                          .toInstant())
                  .toString();
        }
      } catch (DateTimeException e) {
        throw bad("TIMESTAMP is not an RFC 3339 time: '" + time + "'");
      }
    }
    c.space("TIMESTAMP");
    String host = c.field("HOSTNAME", 255);
    c.space("HOSTNAME");
    String app = c.field("APP-NAME", 48);
    c.space("APP-NAME");
    String proc = c.field("PROCID", 128);
    c.space("PROCID");
    String msgId = c.field("MSGID", 32);
    c.space("MSGID");
    List<SyslogMessage.Element> sd = structuredData(c);
    String msg = "";
    if (c.more()) {
      c.space("STRUCTURED-DATA");
      if (c.remaining() >= 3
          && (c.peek() & 0xff) == 0xef
          && (c.at(1) & 0xff) == 0xbb
          && (c.at(2) & 0xff) == 0xbf) {
        c.pos += 3;
      }
      msg = c.rest();
    }
    return new SyslogMessage(5424, pri >> 3, pri & 7, timestamp, host, app, proc, msgId, sd, msg);
  }

  /**
   * The common shape {@code YYYY-MM-DDThh:mm:ss[.f{1,9}](Z|±hh:mm)} read without the formatter (its
   * parse cost more than decoding the event); null for any other shape, which the formatter reads.
   *
   * @throws DateTimeException for that shape with a field out of range, as the formatter would
   */
  static Instant rfc3339(String t) {
    int n = t.length();
    if (n < 20
        || t.charAt(4) != '-'
        || t.charAt(7) != '-'
        || t.charAt(10) != 'T'
        || t.charAt(13) != ':'
        || t.charAt(16) != ':') {
      return null;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 2);
    int day = digits(t, 8, 2);
    int hour = digits(t, 11, 2);
    int minute = digits(t, 14, 2);
    int second = digits(t, 17, 2);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    int i = 19;
    int nanos = 0;
    if (t.charAt(i) == '.') {
      int s = ++i;
      while (i < n && i - s < 9 && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
        nanos = nanos * 10 + (t.charAt(i++) - '0');
      }
      if (i == s) {
        return null;
      }
      for (int k = i - s; k < 9; k++) {
        nanos *= 10;
      }
    }
    int offsetSeconds;
    if (i == n - 1 && t.charAt(i) == 'Z') {
      offsetSeconds = 0;
    } else if (i == n - 6 && (t.charAt(i) == '+' || t.charAt(i) == '-') && t.charAt(i + 3) == ':') {
      int oh = digits(t, i + 1, 2);
      int om = digits(t, i + 4, 2);
      if ((oh | om) < 0) {
        return null;
      }
      int sign = t.charAt(i) == '-' ? -1 : 1;
      offsetSeconds = ZoneOffset.ofHoursMinutes(sign * oh, sign * om).getTotalSeconds();
    } else {
      return null;
    }
    return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
        .toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
  }

  /**
   * Whether {@code t}, which {@link #rfc3339} read, is written as {@link Instant#toString()} writes
   * its instant: in UTC ({@code Z}), the fraction left out when zero, else in 3, 6 or 9 digits
   * whose last three are not all zero.
   */
  static boolean canonical(String t) {
    int n = t.length();
    if (t.charAt(n - 1) != 'Z') {
      return false;
    }
    if (n == 20) {
      return true;
    }
    int digits = n - 21;
    return t.charAt(19) == '.'
        && (digits == 3 || digits == 6 || digits == 9)
        && !(t.charAt(n - 2) == '0' && t.charAt(n - 3) == '0' && t.charAt(n - 4) == '0');
  }

  /** The decimal {@code t[at, at+n)}, or -1 when a character is not a digit. */
  private static int digits(String t, int at, int n) {
    int v = 0;
    for (int i = at; i < at + n; i++) {
      char ch = t.charAt(i);
      if (ch < '0' || ch > '9') {
        return -1;
      }
      v = v * 10 + (ch - '0');
    }
    return v;
  }

  private static List<SyslogMessage.Element> structuredData(Cursor c) {
    if (c.take('-')) {
      return List.of();
    }
    var out = new ArrayList<SyslogMessage.Element>();
    while (c.more() && c.peek() == '[') {
      if (out.size() == MAX_ELEMENTS) {
        throw bad("more than " + MAX_ELEMENTS + " SD-ELEMENTs");
      }
      c.pos++;
      String id = c.name("SD-ID");
      Map<String, String> params = new LinkedHashMap<>();
      while (c.take(' ')) {
        if (params.size() == MAX_ELEMENTS) {
          throw bad("more than " + MAX_ELEMENTS + " parameters in [" + id + "]");
        }
        String name = c.name("PARAM-NAME");
        if (!c.take('=') || !c.take('"')) {
          throw bad("parameter " + name + " of [" + id + "] needs =\"VALUE\"");
        }
        params.put(name, c.quoted(id));
      }
      if (!c.take(']')) {
        throw bad("SD-ELEMENT [" + id + "] is not closed by ]");
      }
      out.add(new SyslogMessage.Element(id, params));
    }
    if (out.isEmpty()) {
      throw bad("STRUCTURED-DATA must be - or [ELEMENT]");
    }
    return out;
  }

  private static SyslogMessage rfc3164(Cursor c, int pri, Supplier<Instant> received) {
    String timestamp = isoTime(c);
    if (timestamp == null && c.remaining() >= 16 && c.at(15) == ' ') {
      timestamp = bsdTime(c.ascii(15), received.get());
      if (timestamp != null) {
        c.pos += 16;
      }
    }
    String host = null;
    if (timestamp != null) {
      int h = c.pos;
      while (c.more() && c.peek() != ' ') {
        c.pos++;
      }
      if (c.pos > h && c.pos - h <= 255 && c.more()) {
        host = c.ascii(h, c.pos);
        c.pos++;
      } else {
        c.pos = h;
      }
    }
    String tag = null;
    String proc = null;
    int t = c.pos;
    while (c.more() && c.pos - t < 48 && tagChar(c.peek())) {
      c.pos++;
    }
    int tagEnd = c.pos;
    if (tagEnd > t && c.take('[')) {
      int p = c.pos;
      while (c.more() && c.pos - p <= 128 && c.peek() != ']' && c.peek() > ' ') {
        c.pos++;
      }
      if (c.pos > p && c.take(']')) {
        proc = c.ascii(p, c.pos - 1);
      } else {
        c.pos = tagEnd;
      }
    }
    if (tagEnd > t && c.take(':')) {
      tag = c.ascii(t, tagEnd);
      c.take(' ');
    } else if (proc != null) {
      tag = c.ascii(t, tagEnd);
      c.take(' ');
    } else {
      c.pos = t;
      proc = null;
    }
    return new SyslogMessage(
        3164, pri >> 3, pri & 7, timestamp, host, tag, proc, null, List.of(), c.rest());
  }

  /**
   * An RFC 3339 time where RFC 3164 puts its {@code Mmm dd hh:mm:ss}, followed by a space
   * (rsyslog's {@code RSYSLOG_ForwardFormat}, syslog-ng's {@code ts-format(iso)}, many appliances):
   * read and consumed, else null with nothing consumed.
   */
  private static String isoTime(Cursor c) {
    if (c.remaining() < 21 || c.peek() < '0' || c.peek() > '9' || c.at(4) != '-') {
      return null;
    }
    int e = c.pos;
    while (e < c.end && e - c.pos <= 40 && c.b[e] != ' ') {
      e++;
    }
    if (e == c.end || c.b[e] != ' ') {
      return null;
    }
    String t = c.ascii(c.pos, e);
    Instant time;
    try {
      time = rfc3339(t);
    } catch (DateTimeException x) {
      return null;
    }
    if (time == null) {
      return null;
    }
    c.pos = e + 1;
    return canonical(t) ? t : time.toString();
  }

  private static boolean tagChar(byte x) {
    return (x >= 'a' && x <= 'z')
        || (x >= 'A' && x <= 'Z')
        || (x >= '0' && x <= '9')
        || x == '_'
        || x == '-'
        || x == '.'
        || x == '/';
  }

  /** {@code Mmm dd hh:mm:ss} (day space-padded) in the year that puts it near {@code received}. */
  private static String bsdTime(String s, Instant received) {
    int month = -1;
    for (int i = 0; i < 12; i++) {
      if (s.startsWith(MONTHS[i])) {
        month = i + 1;
      }
    }
    if (month < 0
        || s.charAt(3) != ' '
        || s.charAt(6) != ' '
        || s.charAt(9) != ':'
        || s.charAt(12) != ':') {
      return null;
    }
    int day = number(s.charAt(4) == ' ' ? "0" + s.charAt(5) : s.substring(4, 6));
    int hour = number(s.substring(7, 9));
    int minute = number(s.substring(10, 12));
    int second = number(s.substring(13, 15));
    if (day < 0 || hour < 0 || minute < 0 || second < 0) {
      return null;
    }
    int year = received.atOffset(ZoneOffset.UTC).getYear();
    for (int y = year + 1; y >= year - 1; y--) {
      try {
        Instant t = LocalDateTime.of(y, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
        if (!t.isAfter(received.plusSeconds(86_400))) {
          return t.toString();
        }
      } catch (DateTimeException e) {
        // Feb 29 outside a leap year, or a day the month lacks: try the year before.
      }
    }
    return null;
  }

  private static int number(String two) {
    if (two.length() != 2
        || two.charAt(0) < '0'
        || two.charAt(0) > '9'
        || two.charAt(1) < '0'
        || two.charAt(1) > '9') {
      return -1;
    }
    return (two.charAt(0) - '0') * 10 + (two.charAt(1) - '0');
  }

  static KasaException bad(String why) {
    return new KasaException(ErrorCode.MALFORMED_RECORD, "syslog message " + why);
  }

  /** A position in the message bytes. */
  private static final class Cursor {
    final byte[] b;
    final int end;
    int pos;

    Cursor(byte[] b, int pos, int end) {
      this.b = b;
      this.pos = pos;
      this.end = end;
    }

    boolean more() {
      return pos < end;
    }

    int remaining() {
      return end - pos;
    }

    byte peek() {
      return b[pos];
    }

    byte at(int ahead) {
      return b[pos + ahead];
    }

    byte next() {
      return b[pos++];
    }

    boolean take(char x) {
      if (pos < end && b[pos] == x) {
        pos++;
        return true;
      }
      return false;
    }

    void space(String after) {
      if (!take(' ')) {
        throw bad("needs a space after " + after);
      }
    }

    /** A header field: NILVALUE (null) or 1..max printable US-ASCII characters. */
    String field(String what, int max) {
      int s = pos;
      while (pos < end && b[pos] >= 33 && b[pos] <= 126) {
        if (pos - s == max) {
          throw bad(what + " is longer than " + max + " characters");
        }
        pos++;
      }
      if (pos == s) {
        throw bad(what + " is missing");
      }
      return pos - s == 1 && b[s] == '-' ? null : ascii(s, pos);
    }

    /** An SD-NAME: 1..32 printable characters except {@code = ] " space}. */
    String name(String what) {
      int s = pos;
      while (pos < end
          && b[pos] >= 33
          && b[pos] <= 126
          && b[pos] != '='
          && b[pos] != ']'
          && b[pos] != '"') {
        if (pos - s == 32) {
          throw bad(what + " is longer than 32 characters");
        }
        pos++;
      }
      if (pos == s) {
        throw bad(what + " is missing");
      }
      return ascii(s, pos);
    }

    /**
     * A PARAM-VALUE after its opening quote, with \" \\ \] unescaped, through the closing quote.
     */
    String quoted(String element) {
      var out = new java.io.ByteArrayOutputStream();
      while (pos < end) {
        byte x = b[pos++];
        if (x == '"') {
          return out.toString(StandardCharsets.UTF_8);
        }
        if (x == '\\' && pos < end && (b[pos] == '"' || b[pos] == '\\' || b[pos] == ']')) {
          x = b[pos++];
        }
        out.write(x);
      }
      throw bad("a parameter value of [" + element + "] is not closed by \"");
    }

    String ascii(int length) {
      return ascii(pos, pos + length);
    }

    String ascii(int from, int to) {
      return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    String rest() {
      String s = new String(b, pos, end - pos, StandardCharsets.UTF_8);
      pos = end;
      return s;
    }
  }
}
