package dev.kasa.event;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Decodes JSON string contents that hold escapes or non-ASCII bytes. Thread-safe: stateless. */
final class JsonStrings {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private JsonStrings() {}

  /**
   * The text of the string body {@code b[s, e)}, already validated by the scanner (so every
   * backslash starts a valid escape). {@code \\uXXXX} escapes become their UTF-16 char as written,
   * so a surrogate pair is one code point and a lone surrogate stays a lone char, as Jackson and
   * {@code JSON.parse} give it. Runs of bytes between escapes are UTF-8 (escapes never split a
   * UTF-8 sequence: its bytes are never a backslash).
   */
  static String decode(byte[] b, int s, int e) {
    return decode(b, s, e, new byte[e - s]);
  }

  /**
   * {@link #decode(byte[], int, int)} unescaping through {@code out}, a caller's scratch buffer of
   * at least {@code e - s} bytes (a scanner keeps one, so that a value costs one array: its
   * String's).
   */
  static String decode(byte[] b, int s, int e, byte[] out) {
    // Unescaped into UTF-8 bytes and decoded once: Windows paths put an escape every few bytes,
    // and a String per run between them cost more than the rest of the scan. Every escape is at
    // least as long as the UTF-8 it stands for, so the body's length is enough room.
    int n = 0;
    int run = s;
    int i = s;
    while ((i = backslash(b, i, e)) < e) {
      System.arraycopy(b, run, out, n, i - run);
      n += i - run;
      byte d = b[i + 1];
      if (d == 'u') {
        int c = hex4(b, i + 2);
        if (Character.isSurrogate((char) c)) {
          // UTF-8 cannot carry a lone surrogate, and a pair is rare: the char-by-char way.
          return decodeChars(b, s, e);
        }
        n = utf8(c, out, n);
        i += 6;
      } else {
        out[n++] = unescaped(d);
        i += 2;
      }
      run = i;
    }
    System.arraycopy(b, run, out, n, e - run);
    n += e - run;
    return new String(out, 0, n, StandardCharsets.UTF_8);
  }

  /** The index of the first backslash in {@code b[i, e)}, or {@code e}; eight bytes at a time. */
  static int backslash(byte[] b, int i, int e) {
    while (i + 8 <= e) {
      long x = (long) LONGS.get(b, i) ^ 0x5c5c5c5c5c5c5c5cL;
      long hit = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
      if (hit != 0) {
        // The lowest flagged byte is a backslash: a borrow only flags bytes above one.
        return i + (Long.numberOfTrailingZeros(hit) >>> 3);
      }
      i += 8;
    }
    while (i < e && b[i] != '\\') {
      i++;
    }
    return i;
  }

  /** Writes the BMP char {@code c} (not a surrogate) as UTF-8 at {@code n}; the new end. */
  private static int utf8(int c, byte[] out, int n) {
    if (c < 0x80) {
      out[n++] = (byte) c;
    } else if (c < 0x800) {
      out[n++] = (byte) (0xC0 | c >> 6);
      out[n++] = (byte) (0x80 | c & 0x3F);
    } else {
      out[n++] = (byte) (0xE0 | c >> 12);
      out[n++] = (byte) (0x80 | c >> 6 & 0x3F);
      out[n++] = (byte) (0x80 | c & 0x3F);
    }
    return n;
  }

  /** {@link #decode} through UTF-16 chars, for bodies with a {@code \\u} escape of a surrogate. */
  static String decodeChars(byte[] b, int s, int e) {
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
        out.append((char) unescaped(d));
        i += 2;
      }
      run = i;
    }
    if (run < e) {
      out.append(new String(b, run, e - run, StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  /** The char a two-byte escape {@code \d} stands for (any {@code d} but {@code u}). */
  private static byte unescaped(byte d) {
    return switch (d) {
      case 'b' -> '\b';
      case 'f' -> '\f';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      default -> d;
    };
  }

  private static int hex4(byte[] b, int at) {
    int v = 0;
    for (int k = at; k < at + 4; k++) {
      v = (v << 4) | Character.digit(b[k], 16);
    }
    return v;
  }
}
