package dev.kasa.node.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that events are written into, JSON strings escaped as Jackson escapes them
 * (the quote, backslash, and control characters: {@code \b \t \n \f \r} short, the others as {@code
 * \}{@code u00XX}; a character outside the BMP as its escaped UTF-16 pair; everything else as
 * UTF-8). Not thread-safe.
 */
final class EventBytes {
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  private byte[] buf;
  private int size;

  EventBytes(int capacity) {
    buf = new byte[capacity];
  }

  /** The buffer; valid up to {@link #size()}, until the next write. */
  byte[] array() {
    return buf;
  }

  int size() {
    return size;
  }

  void reset() {
    size = 0;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  void write(int b) {
    room(1);
    buf[size++] = (byte) b;
  }

  void write(byte[] b) {
    write(b, 0, b.length);
  }

  void write(byte[] b, int off, int len) {
    room(len);
    System.arraycopy(b, off, buf, size, len);
    size += len;
  }

  /** {@code s}, which holds only ASCII characters that JSON does not escape. */
  void ascii(String s) {
    int n = s.length();
    room(n);
    s.getBytes(0, n, buf, size);
    size += n;
  }

  /** {@code v} (not negative) in decimal. */
  void decimal(int v) {
    if (v < 10) {
      write('0' + v);
    } else {
      ascii(Integer.toString(v));
    }
  }

  /**
   * {@code b[s, e)}, printable US-ASCII (33 to 126), as a JSON string, quotes included: only the
   * quote and the backslash are escaped.
   */
  void printable(byte[] b, int s, int e) {
    room(e - s + 2);
    buf[size++] = '"';
    for (int i = s; i < e; i++) {
      byte c = b[i];
      if (c == '"' || c == '\\') {
        room(e - i + 2);
        buf[size++] = '\\';
      }
      buf[size++] = c;
    }
    buf[size++] = '"';
  }

  /** {@code s} as a JSON string, quotes included. */
  void string(String s) {
    int n = s.length();
    room(n + 2);
    buf[size++] = '"';
    int i = 0;
    // The common case: ASCII that needs no escape, one byte per char.
    while (i < n) {
      char c = s.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) {
        break;
      }
      buf[size++] = (byte) c;
      i++;
    }
    if (i < n) {
      rest(s, i);
    }
    write('"');
  }

  private void rest(String s, int from) {
    int n = s.length();
    int i = from;
    while (i < n) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        hex(c); // as Jackson writes a character outside the BMP: its UTF-16 pair escaped
        i++;
        continue;
      }
      if (c >= 0x80) {
        int end = i + 1;
        while (end < n && s.charAt(end) >= 0x80 && !Character.isSurrogate(s.charAt(end))) {
          end++;
        }
        byte[] utf8 = s.substring(i, end).getBytes(StandardCharsets.UTF_8);
        write(utf8, 0, utf8.length);
        i = end;
        continue;
      }
      if (c == '"' || c == '\\') {
        write('\\');
        write(c);
      } else if (c < 0x20) {
        escape(c);
      } else {
        write(c);
      }
      i++;
    }
  }

  private void escape(char c) {
    char shortForm =
        switch (c) {
          case '\b' -> 'b';
          case '\t' -> 't';
          case '\n' -> 'n';
          case '\f' -> 'f';
          case '\r' -> 'r';
          default -> 0;
        };
    if (shortForm != 0) {
      write('\\');
      write(shortForm);
    } else {
      hex(c);
    }
  }

  private void hex(char c) {
    write('\\');
    write('u');
    write(HEX[c >> 12]);
    write(HEX[(c >> 8) & 0xf]);
    write(HEX[(c >> 4) & 0xf]);
    write(HEX[c & 0xf]);
  }

  private void room(int n) {
    if (size + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
    }
  }
}
