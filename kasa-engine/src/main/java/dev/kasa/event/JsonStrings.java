package dev.kasa.event;

import java.nio.charset.StandardCharsets;

/** Decodes JSON string contents that hold escapes or non-ASCII bytes. Thread-safe: stateless. */
final class JsonStrings {
  private JsonStrings() {}

  /**
   * The text of the string body {@code b[s, e)}, already validated by the scanner (so every
   * backslash starts a valid escape). Lone surrogates become replacement characters.
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
        int cp = Integer.parseInt(new String(b, i + 2, 4, StandardCharsets.ISO_8859_1), 16);
        i += 6;
        if (cp < 0x80) {
          out[n++] = (byte) cp;
        } else if (cp < 0x800) {
          out[n++] = (byte) (0xc0 | cp >> 6);
          out[n++] = (byte) (0x80 | (cp & 0x3f));
        } else {
          out[n++] = (byte) (0xe0 | cp >> 12);
          out[n++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
          out[n++] = (byte) (0x80 | (cp & 0x3f));
        }
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
}
