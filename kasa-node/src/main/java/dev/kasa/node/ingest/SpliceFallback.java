package dev.kasa.node.ingest;

import dev.kasa.event.LineFallback;
import java.nio.charset.StandardCharsets;

/**
 * The syslog sources' {@link LineFallback}: a line the decoder finds is not one JSON object can
 * only be a MSG that {@link PlainRfc5424} spliced unchecked ({@link MessageScreen#SPLICE}: every
 * other line was checked, or is the plain-line event, and is one object), written as {@code
 * {"_syslog":{...},MEMBERS}} from the MSG {@code {MEMBERS}}. It becomes the event the check would
 * have given: {@code {"_syslog":{...},"message":"MSG"}}, byte for byte. A line not of that form is
 * left malformed. Stateless.
 */
final class SpliceFallback implements LineFallback {
  static final SpliceFallback INSTANCE = new SpliceFallback();

  private static final byte[] START = "{\"_syslog\":{".getBytes(StandardCharsets.US_ASCII);

  private SpliceFallback() {}

  @Override
  public byte[] instead(byte[] b, int from, int to) {
    int n = START.length;
    if (to - from < n + 3
        || !java.util.Arrays.equals(b, from, from + n, START, 0, n)
        || b[to - 1] != '}') {
      return null;
    }
    int close = headerEnd(b, from + n - 1, to);
    if (close < 0 || close + 2 >= to || b[close + 1] != ',') {
      return null;
    }
    // The MSG was '{' MEMBERS '}', and MEMBERS are what follows our header's comma.
    int members = close + 2;
    var msg = new StringBuilder(to - members + 2);
    msg.append('{');
    for (int i = members; i < to - 1; i++) {
      msg.append((char) (b[i] & 0xff));
    }
    msg.append('}');
    var out = new EventBytes(2 * (to - from) + 16);
    out.write(b, from, close + 1 - from);
    out.ascii(",\"message\":");
    out.string(msg.toString());
    out.write('}');
    return out.toByteArray();
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
