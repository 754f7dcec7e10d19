package dev.kasa.node.ingest;

import dev.kasa.event.LineFallback;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The syslog sources' {@link LineFallback}. {@link #INSTANCE} is for batches where {@link
 * PlainRfc5424} splices a MSG unchecked ({@link MessageScreen#SPLICE}), written as {@code
 * {"_syslog":{...},MEMBERS}} from the MSG {@code {MEMBERS}}: it names {@code _syslog} first-only,
 * so the decoder hands over a line that is not one JSON object, or has a later top-level {@code
 * _syslog} (or a later key with an escape or a byte above 0x7F, which might spell it). For a line
 * of that form, it gives the event the check would have given for the MSG ({@link SyslogEvents}):
 * the plain-line event {@code {"_syslog":{...},"message":"MSG"}} byte for byte when the MSG is not
 * one object, the MSG itself when it has its own {@code _syslog}, else the line as it is. Any other
 * line was written checked and is given back as it is (a line the check wrote that could be taken
 * for that form, {@link JsonObjectShape#FIRST_AND_LATER}, is decoded on its own with {@link
 * #CHECKED} instead). {@link #CHECKED}, for lines all written checked, names no first-only member;
 * it gives the plain-line event of a line of that form that is not one object, as {@link #INSTANCE}
 * does. Stateless.
 */
final class SpliceFallback implements LineFallback {
  static final SpliceFallback INSTANCE = new SpliceFallback(SyslogEvents.HEADER);

  static final SpliceFallback CHECKED = new SpliceFallback(null);

  private static final byte[] START = "{\"_syslog\":{".getBytes(StandardCharsets.US_ASCII);

  private static final JsonObjectShape OBJECTS =
      new JsonObjectShape(SyslogEvents.HEADER, SyslogEvents.MAX_DEPTH);

  private final String firstOnly;

  private SpliceFallback(String firstOnly) {
    this.firstOnly = firstOnly;
  }

  @Override
  public String firstOnly() {
    return firstOnly;
  }

  /**
   * A line's first member {@code _syslog} is our header, written by {@link SyslogEvents} or {@link
   * PlainRfc5424} (JSON strings escaped, no line break), or the MSG's own first member in a line
   * written checked, which {@link JsonObjectShape} held to RFC 8259 and the splice kept on one
   * line: the decoder may pass over it where it reads nothing from under it.
   */
  @Override
  public boolean firstTrusted() {
    return firstOnly != null;
  }

  @Override
  public byte[] instead(byte[] b, int from, int to) {
    int n = START.length;
    if (to - from < n + 3 || !Arrays.equals(b, from, from + n, START, 0, n) || b[to - 1] != '}') {
      return asItIs(b, from, to);
    }
    int close = headerEnd(b, from + n - 1, to);
    if (close < 0 || close + 2 >= to || b[close + 1] != ',') {
      return asItIs(b, from, to);
    }
    // The MSG was '{' MEMBERS '}', and MEMBERS are what follows our header's comma.
    int members = close + 2;
    byte[] msg = new byte[to - members + 1];
    msg[0] = '{';
    System.arraycopy(b, members, msg, 1, to - members);
    int shape = OBJECTS.scan(msg, 0, msg.length);
    if (shape == JsonObjectShape.NOT_AN_OBJECT) {
      var out = new EventBytes(2 * (to - from) + 16);
      out.write(b, from, close + 1 - from);
      out.ascii(",\"message\":");
      out.string(new String(msg, StandardCharsets.UTF_8));
      out.write('}');
      return out.toByteArray();
    }
    if ((shape & JsonObjectShape.WITH_MEMBER) != 0) {
      // Its own header: the event is the MSG alone (on one line already, as the line was).
      return msg;
    }
    return asItIs(b, from, to);
  }

  /**
   * The line itself, for a first-only check to let through: a line not of our form was written
   * checked (and one that is not one object stays malformed).
   */
  private byte[] asItIs(byte[] b, int from, int to) {
    return firstOnly == null ? null : Arrays.copyOfRange(b, from, to);
  }

  /** The index of the '}' that closes the object whose '{' is at {@code open}, or -1. */
  private static int headerEnd(byte[] b, int open, int to) {
    int depth = 0;
    for (int i = open; i < to; i++) {
      byte c = b[i];
      if (c == '"') {
        i++;
        while (i < to && b[i] != '"') {
          i += b[i] == '\\' ? 2 : 1;
        }
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }
}
