package dev.kasa.event;

import java.nio.charset.StandardCharsets;

/** Decodes JSON string contents that hold escapes or non-ASCII bytes. Thread-safe: stateless. */
final class JsonStrings {
  private JsonStrings() {}

  /**
   * The text of the string body {@code b[s, e)}, already validated by the scanner (so every
   * backslash starts a valid escape). {@code \\uXXXX} escapes become their UTF-16 char as written,
   * so a surrogate pair is one code point and a lone surrogate stays a lone char, as Jackson and
   * {@code JSON.parse} give it. Runs of bytes between escapes are UTF-8 (escapes never split a
   * UTF-8 sequence: its bytes are never a backslash).
   */
  static String decode(byte[] b, int s, int e) {
    StringBuilder out = new StringBuilder(e - s);
    int run = s;
    int i = s;
    while (i < e) {
      if (b[i] != '\\') {
        i++;
        continue;
      }
      if (i > run) {
        out.append(new String(b, run, i - run, StandardCharsets.UTF_8));
      }
      byte d = b[i + 1];
      if (d == 'u') {
        out.append((char) hex4(b, i + 2));
        i += 6;
      } else {
        out.append(
            switch (d) {
              case 'b' -> '\b';
              case 'f' -> '\f';
              case 'n' -> '\n';
              case 'r' -> '\r';
              case 't' -> '\t';
              default -> (char) d;
            });
        i += 2;
      }
      run = i;
    }
    if (run < e) {
      out.append(new String(b, run, e - run, StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  private static int hex4(byte[] b, int at) {
    int v = 0;
    for (int k = at; k < at + 4; k++) {
      v = (v << 4) | Character.digit(b[k], 16);
    }
    return v;
  }
}
