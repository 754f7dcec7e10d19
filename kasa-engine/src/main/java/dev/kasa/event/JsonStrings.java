package dev.kasa.event;

import java.nio.charset.StandardCharsets;

/** Decodes JSON string contents that hold escapes or non-ASCII bytes. Thread-safe: stateless. */
final class JsonStrings {
  private JsonStrings() {}

  /**
   * The text of the string body {@code b[s, e)}, already validated by the scanner (so every
   * backslash starts a valid escape). A {@code \\uD83D\\uDE00} surrogate pair is one code point;
   * lone surrogates become replacement characters.
   */
  static String decode(byte[] b, int s, int e) {
    byte[] out = new byte[(e - s) * 3];
    int n = 0;
    for (int i = s; i < e; ) {
      byte c = b[i];
      if (c != '\\') {
        out[n++] = c;
        i++;
        continue;
      }
      byte d = b[i + 1];
      if (d == 'u') {
        int cp = hex4(b, i + 2);
        i += 6;
        if (cp >= 0xd800 && cp <= 0xdbff && i + 6 <= e && b[i] == '\\' && b[i + 1] == 'u') {
          int low = hex4(b, i + 2);
          if (low >= 0xdc00 && low <= 0xdfff) {
            cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
            i += 6;
          }
        }
        n = utf8(out, n, cp);
        continue;
      }
      out[n++] =
          switch (d) {
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            default -> d;
          };
      i += 2;
    }
    return new String(out, 0, n, StandardCharsets.UTF_8);
  }

  private static int utf8(byte[] out, int n, int cp) {
    if (cp < 0x80) {
      out[n++] = (byte) cp;
    } else if (cp < 0x800) {
      out[n++] = (byte) (0xc0 | cp >> 6);
      out[n++] = (byte) (0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      // A lone surrogate encodes to bytes the UTF-8 decoder replaces, as documented.
      out[n++] = (byte) (0xe0 | cp >> 12);
      out[n++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
      out[n++] = (byte) (0x80 | (cp & 0x3f));
    } else {
      out[n++] = (byte) (0xf0 | cp >> 18);
      out[n++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
      out[n++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
      out[n++] = (byte) (0x80 | (cp & 0x3f));
    }
    return n;
  }

  private static int hex4(byte[] b, int at) {
    int v = 0;
    for (int k = at; k < at + 4; k++) {
      v = (v << 4) | Character.digit(b[k], 16);
    }
    return v;
  }
}
