package dev.kasa.stix;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Scanning JSON in bytes for the reader's byte paths ({@link StixIndicatorBytes}, {@link
 * StixObjectBytes}): each method checks what it passes as strictly as the parser would, and answers
 * -1 (declined) for whatever it does not decode exactly as the parser decodes it, so that the
 * reader can hand that object to the parser.
 */
final class JsonBytes {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  // A skipped value nested deeper is declined (the parser reads it); real ones are shallow.
  static final int MAX_SKIP_DEPTH = 16;
  private static final int MAX_NUMBER = 100;

  private JsonBytes() {}

  // Skips a value that is not kept, checking its JSON as the parser would; -1 when declined.
  static int skip(byte[] b, int p, int limit, int depth) {
    if (p >= limit || depth > MAX_SKIP_DEPTH) {
      return -1;
    }
    byte c = b[p];
    switch (c) {
      case '"' -> {
        int q = skipString(b, p + 1, limit);
        return q < 0 ? -1 : q + 1;
      }
      case '[', '{' -> {
        byte close = c == '[' ? (byte) ']' : (byte) '}';
        p = blank(b, p + 1, limit);
        if (p < limit && b[p] == close) {
          return p + 1;
        }
        while (true) {
          if (c == '{') {
            if (p >= limit || b[p] != '"') {
              return -1;
            }
            p = skipString(b, p + 1, limit);
            if (p < 0) {
              return -1;
            }
            p = blank(b, p + 1, limit);
            if (p >= limit || b[p] != ':') {
              return -1;
            }
            p = blank(b, p + 1, limit);
          }
          p = skip(b, p, limit, depth + 1);
          if (p < 0) {
            return -1;
          }
          p = blank(b, p, limit);
          if (p < limit && b[p] == close) {
            return p + 1;
          }
          if (p >= limit || b[p] != ',') {
            return -1;
          }
          p = blank(b, p + 1, limit);
        }
      }
      case 't', 'f', 'n' -> {
        return literal(b, p, limit);
      }
      default -> {
        return number(b, p, limit);
      }
    }
  }

  // A JSON number's end (strict grammar, as the parser's); -1 when declined.
  private static int number(byte[] b, int p, int limit) {
    int start = p;
    if (p < limit && b[p] == '-') {
      p++;
    }
    int digits = digits(b, p, limit);
    if (digits == 0 || b[p] == '0' && digits > 1) {
      return -1;
    }
    p += digits;
    if (p < limit && b[p] == '.') {
      digits = digits(b, p + 1, limit);
      if (digits == 0) {
        return -1;
      }
      p += 1 + digits;
    }
    if (p < limit && (b[p] == 'e' || b[p] == 'E')) {
      p++;
      if (p < limit && (b[p] == '+' || b[p] == '-')) {
        p++;
      }
      digits = digits(b, p, limit);
      if (digits == 0) {
        return -1;
      }
      p += digits;
    }
    return p >= limit || p - start > MAX_NUMBER ? -1 : p;
  }

  private static int digits(byte[] b, int p, int limit) {
    int q = p;
    while (q < limit && b[q] >= '0' && b[q] <= '9') {
      q++;
    }
    return q - p;
  }

  // true, false or null at b[p], followed by something that is no part of a name; -1 otherwise.
  static int literal(byte[] b, int p, int limit) {
    String word =
        switch (b[p]) {
          case 't' -> "true";
          case 'f' -> "false";
          default -> "null";
        };
    int q = p + word.length();
    if (q >= limit) {
      return -1;
    }
    for (int i = 1; i < word.length(); i++) {
      if (b[p + i] != word.charAt(i)) {
        return -1;
      }
    }
    byte next = b[q];
    return next == ',' || next == '}' || next == ']' || next == ' ' || next == '\t' ? q : -1;
  }

  // The closing quote of a string whose body starts at p; -1 unless the body is printable ASCII
  // without escapes (what is decoded here exactly as the parser decodes it).
  static int stringEnd(byte[] b, int p, int limit) {
    while (p + 8 <= limit) {
      long w = (long) LONGS.get(b, p);
      long stop =
          zeroByte(w ^ 0x2222222222222222L)
              | zeroByte(w ^ 0x5C5C5C5C5C5C5C5CL)
              | ((w - 0x2020202020202020L) & ~w & 0x8080808080808080L)
              | (w & 0x8080808080808080L);
      if (stop != 0) {
        p += Long.numberOfTrailingZeros(stop) >>> 3;
        return b[p] == '"' ? p : -1;
      }
      p += 8;
    }
    for (; p < limit; p++) {
      byte c = b[p];
      if (c == '"') {
        return p;
      }
      if (c == '\\' || c < 0x20) { // bytes beyond ASCII are negative
        return -1;
      }
    }
    return -1;
  }

  // Like stringEnd, but a skipped string may hold the escapes JSON allows (the parser checks them).
  static int skipString(byte[] b, int p, int limit) {
    while (true) {
      int q = stringEnd(b, p, limit);
      if (q >= 0) {
        return q;
      }
      // Find what stopped the scan: only a valid escape lets it go on.
      while (p < limit && b[p] != '\\' && b[p] != '"' && b[p] >= 0x20) {
        p++;
      }
      if (p + 1 >= limit || b[p] != '\\') {
        return -1;
      }
      byte e = b[p + 1];
      switch (e) {
        case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> p += 2;
        case 'u' -> {
          if (p + 6 > limit) {
            return -1;
          }
          for (int i = p + 2; i < p + 6; i++) {
            if (Character.digit(b[i], 16) < 0) {
              return -1;
            }
          }
          p += 6;
        }
        default -> {
          return -1;
        }
      }
    }
  }

  // The first byte at or after p that is not a space or a tab (line breaks are declined: they
  // would move the lines the parser counts), or limit.
  static int blank(byte[] b, int p, int limit) {
    while (p < limit && (b[p] == ' ' || b[p] == '\t')) {
      p++;
    }
    return p;
  }

  // The high bit of each zero byte of w (exact for the lowest one, which is all that is used).
  private static long zeroByte(long w) {
    return (w - 0x0101010101010101L) & ~w & 0x8080808080808080L;
  }
}
