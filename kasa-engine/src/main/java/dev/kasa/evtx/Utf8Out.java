package dev.kasa.evtx;

import java.util.Arrays;

/**
 * The growing UTF-8 text of one rendered record, with the escapes of JSON strings and of XML text.
 * Bounded: past {@code limit} bytes it throws {@link EvtxFormatException}. Not thread-safe.
 */
final class Utf8Out {
  private static final byte[] HEX_LOWER = "0123456789abcdef".getBytes();
  private static final byte[] HEX_UPPER = "0123456789ABCDEF".getBytes();

  /** How string content is escaped. */
  enum Escape {
    /** Inside a JSON string literal. */
    JSON,
    /** XML element text: {@code & < >}. */
    XML_TEXT,
    /** XML attribute value in double quotes: {@code & < > "}. */
    XML_ATTRIBUTE,
    /** As it is (CDATA sections, processing instruction data). */
    NONE
  }

  private final int limit;
  private final byte[] digits = new byte[20];
  private byte[] buf;
  private int len;

  Utf8Out(int limit) {
    this.limit = limit;
    this.buf = new byte[Math.min(8192, limit)];
  }

  byte[] bytes() {
    return buf;
  }

  int length() {
    return len;
  }

  void reset() {
    len = 0;
  }

  void truncate(int length) {
    len = length;
  }

  private void ensure(int n) {
    if (len + n > buf.length) {
      // The buffer only grows up to the limit, so a write past the buffer may be past the limit.
      if ((long) len + n > limit) {
        throw new EvtxFormatException("record renders to more than " + limit + " bytes");
      }
      buf = Arrays.copyOf(buf, (int) Math.min(limit, Math.max((long) len + n, 2L * buf.length)));
    }
  }

  Utf8Out write(byte[] b, int off, int n) {
    ensure(n);
    System.arraycopy(b, off, buf, len, n);
    len += n;
    return this;
  }

  Utf8Out write(int b) {
    ensure(1);
    buf[len++] = (byte) b;
    return this;
  }

  /** ASCII text that needs no escaping. */
  Utf8Out ascii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[len++] = (byte) s.charAt(i);
    }
    return this;
  }

  Utf8Out decimal(long v) {
    if (v == Long.MIN_VALUE) {
      return ascii("-9223372036854775808");
    }
    if (v < 0) {
      write('-');
      v = -v;
    }
    return unsigned(v);
  }

  /** {@code v} read as an unsigned 64-bit number. */
  Utf8Out unsigned(long v) {
    ensure(20);
    if (v >= 0 && v < 10) {
      buf[len++] = (byte) ('0' + v);
      return this;
    }
    int n = 0;
    while (v != 0) {
      long q = Long.divideUnsigned(v, 10);
      digits[n++] = (byte) ('0' + (v - q * 10));
      v = q;
    }
    while (n > 0) {
      buf[len++] = digits[--n];
    }
    return this;
  }

  /** Lowercase hexadecimal without leading zeros. */
  Utf8Out hex(long v) {
    ensure(16);
    int digits = Math.max(1, 16 - Long.numberOfLeadingZeros(v) / 4);
    for (int i = digits - 1; i >= 0; i--) {
      buf[len++] = HEX_LOWER[(int) (v >>> (4 * i)) & 0xf];
    }
    return this;
  }

  /** Two uppercase hexadecimal digits per byte. */
  Utf8Out hexBytes(byte[] b, int off, int n) {
    ensure(2 * n);
    for (int i = 0; i < n; i++) {
      int x = b[off + i] & 0xff;
      buf[len++] = HEX_UPPER[x >>> 4];
      buf[len++] = HEX_UPPER[x & 0xf];
    }
    return this;
  }

  /** {@code v} zero-padded to {@code width} digits. */
  Utf8Out padded(long v, int width) {
    ensure(width);
    for (int i = width - 1; i >= 0; i--) {
      buf[len + i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    len += width;
    return this;
  }

  /** A Java string, escaped. */
  Utf8Out text(String s, Escape escape) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (Character.isHighSurrogate(ch)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        codePoint(Character.toCodePoint(ch, s.charAt(++i)), escape);
      } else {
        codePoint(ch, escape);
      }
    }
    return this;
  }

  /**
   * {@code units} UTF-16LE code units at {@code b[off]}, escaped; stops at a NUL unit when {@code
   * nulEnds}. Lone surrogates become U+FFFD.
   */
  Utf8Out utf16(byte[] b, int off, int units, Escape escape, boolean nulEnds) {
    return utf16(b, off, units, escape, nulEnds, false);
  }

  /** As {@link #utf16(byte[], int, int, Escape, boolean)}, trailing white space left out. */
  Utf8Out utf16(byte[] b, int off, int units, Escape escape, boolean nulEnds, boolean trimEnd) {
    ensure(units);
    // Output length after the last character that is not white space (for trimEnd).
    int kept = len;
    for (int i = 0; i < units; i++) {
      int p = off + 2 * i;
      int u = (b[p] & 0xff) | (b[p + 1] & 0xff) << 8;
      if (u < 0x80 && u >= 0x20 && u != '"' && u != '\\' && u != '&' && u != '<' && u != '>') {
        if (len == buf.length) {
          ensure(units - i);
        }
        buf[len++] = (byte) u;
        if (u != ' ') {
          kept = len;
        }
        continue;
      }
      if (u == 0 && nulEnds) {
        break;
      }
      if (u >= 0xd800 && u <= 0xdbff && i + 1 < units) {
        int lo = (b[p + 2] & 0xff) | (b[p + 3] & 0xff) << 8;
        if (lo >= 0xdc00 && lo <= 0xdfff) {
          codePoint(Character.toCodePoint((char) u, (char) lo), escape);
          kept = len;
          i++;
          continue;
        }
      }
      codePoint(u >= 0xd800 && u <= 0xdfff ? 0xfffd : u, escape);
      if (!isWhiteSpace(u)) {
        kept = len;
      }
    }
    if (trimEnd) {
      len = kept;
    }
    return this;
  }

  /** Windows-1252 bytes, escaped; stops at a NUL byte. */
  Utf8Out ansi(byte[] b, int off, int n, Escape escape, boolean trimEnd) {
    int end = 0;
    while (end < n && b[off + end] != 0) {
      end++;
    }
    if (trimEnd) {
      while (end > 0 && isWhiteSpace(cp1252(b[off + end - 1] & 0xff))) {
        end--;
      }
    }
    for (int i = 0; i < end; i++) {
      codePoint(cp1252(b[off + i] & 0xff), escape);
    }
    return this;
  }

  static int cp1252(int x) {
    return x < 0x80 || x >= 0xa0 ? x : CP1252[x - 0x80];
  }

  /** Unicode White_Space (what Rust's {@code trim_end} removes). */
  static boolean isWhiteSpace(int u) {
    return (u >= 0x09 && u <= 0x0d)
        || u == 0x20
        || u == 0x85
        || u == 0xa0
        || u == 0x1680
        || (u >= 0x2000 && u <= 0x200a)
        || u == 0x2028
        || u == 0x2029
        || u == 0x202f
        || u == 0x205f
        || u == 0x3000;
  }

  private static final char[] CP1252 =
      ("\u20ac\ufffd\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\ufffd\u017d"
              + "\ufffd\ufffd\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a"
              + "\u0153\ufffd\u017e\u0178")
          .toCharArray();

  void codePoint(int cp, Escape escape) {
    if (cp < 0x80) {
      ascii(cp, escape);
    } else if (cp < 0x800) {
      ensure(2);
      buf[len++] = (byte) (0xc0 | cp >>> 6);
      buf[len++] = (byte) (0x80 | cp & 0x3f);
    } else if (cp < 0x10000) {
      ensure(3);
      buf[len++] = (byte) (0xe0 | cp >>> 12);
      buf[len++] = (byte) (0x80 | cp >>> 6 & 0x3f);
      buf[len++] = (byte) (0x80 | cp & 0x3f);
    } else {
      ensure(4);
      buf[len++] = (byte) (0xf0 | cp >>> 18);
      buf[len++] = (byte) (0x80 | cp >>> 12 & 0x3f);
      buf[len++] = (byte) (0x80 | cp >>> 6 & 0x3f);
      buf[len++] = (byte) (0x80 | cp & 0x3f);
    }
  }

  private void ascii(int c, Escape escape) {
    switch (escape) {
      case NONE -> write(c);
      case JSON -> {
        switch (c) {
          case '"' -> ascii("\\\"");
          case '\\' -> ascii("\\\\");
          case '\n' -> ascii("\\n");
          case '\r' -> ascii("\\r");
          case '\t' -> ascii("\\t");
          case '\b' -> ascii("\\b");
          case '\f' -> ascii("\\f");
          default -> {
            if (c < 0x20) {
              ascii("\\u00").write(HEX_LOWER[c >>> 4]).write(HEX_LOWER[c & 0xf]);
            } else {
              write(c);
            }
          }
        }
      }
      case XML_TEXT, XML_ATTRIBUTE -> {
        switch (c) {
          case '&' -> ascii("&amp;");
          case '<' -> ascii("&lt;");
          case '>' -> ascii("&gt;");
          case '"' -> {
            if (escape == Escape.XML_ATTRIBUTE) {
              ascii("&quot;");
            } else {
              write(c);
            }
          }
          default -> {
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
              ascii("&#x").hex(c).write(';');
            } else {
              write(c);
            }
          }
        }
      }
    }
  }
}
