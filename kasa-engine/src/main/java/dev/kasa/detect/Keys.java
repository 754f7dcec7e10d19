package dev.kasa.detect;

/**
 * Key encodings shared by the index tables: 64-bit mixing, a right-to-left FNV-1a over bytes (so
 * that the hash of every suffix of a name falls out of one walk), hex words and STIX id UUIDs.
 */
final class Keys {
  static final long FNV_OFFSET = 0xcbf29ce484222325L;
  static final long FNV_PRIME = 0x100000001b3L;

  private Keys() {}

  /** Murmur3's 64-bit finaliser: spreads every input bit over every output bit. */
  static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  static long mixWords(long w0, long w1) {
    return mix(w0 * 0x9e3779b97f4a7c15L + w1);
  }

  /** One right-to-left FNV-1a step. */
  static long step(long h, int b) {
    return (h ^ (b & 0xff)) * FNV_PRIME;
  }

  /** Hash of {@code b[from, to)} walked from the end. */
  static long hashBytes(byte[] b, int from, int to) {
    long h = FNV_OFFSET;
    for (int i = to - 1; i >= from; i--) {
      h = step(h, b[i]);
    }
    return h;
  }

  /** Hash of an ASCII char range walked from the end, as {@link #hashBytes} of its bytes. */
  static long hashAscii(CharSequence s, int from, int to) {
    long h = FNV_OFFSET;
    for (int i = to - 1; i >= from; i--) {
      h = step(h, s.charAt(i));
    }
    return h;
  }

  static boolean isAscii(CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 128) {
        return false;
      }
    }
    return true;
  }

  private static final byte[] HEX_VALUE = new byte[128];

  static {
    java.util.Arrays.fill(HEX_VALUE, (byte) -1);
    for (int c = '0'; c <= '9'; c++) {
      HEX_VALUE[c] = (byte) (c - '0');
    }
    for (int c = 'a'; c <= 'f'; c++) {
      HEX_VALUE[c] = (byte) (c - 'a' + 10);
      HEX_VALUE[c - 'a' + 'A'] = (byte) (c - 'a' + 10);
    }
  }

  /** Value of one hex digit, either case, or -1 (ASCII only, unlike {@link Character#digit}). */
  static int hexDigit(char c) {
    return c < 128 ? HEX_VALUE[c] : -1;
  }

  static boolean isHex(CharSequence s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (hexDigit(s.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Word {@code w} of a hex string of {@code digits} digits starting at {@code from}: 16 digits a
   * word, the last word possibly shorter and then right-aligned. The digits must be hex.
   */
  static long hexWord(CharSequence s, int from, int digits, int w) {
    int start = from + 16 * w;
    int end = Math.min(from + digits, start + 16);
    long v = 0;
    for (int i = start; i < end; i++) {
      v = (v << 4) | hexDigit(s.charAt(i));
    }
    return v;
  }

  /** Number of 64-bit words holding {@code digits} hex digits. */
  static int wordsFor(int digits) {
    return (digits + 15) / 16;
  }

  /** Appends word {@code w} of a {@code digits}-digit hex value in lower case. */
  static void appendHexWord(StringBuilder sb, long v, int digits, int w) {
    int n = Math.min(16, digits - 16 * w);
    for (int i = n - 1; i >= 0; i--) {
      sb.append(Character.forDigit((int) (v >>> (4 * i)) & 0xf, 16));
    }
  }

  static final String ID_PREFIX = "indicator--";

  /** The high 64 bits of the UUID of {@code indicator--<uuid>}; the id is already checked. */
  static long uuidHigh(String id) {
    int p = ID_PREFIX.length();
    return hexRun(id, p, 8) << 32 | hexRun(id, p + 9, 4) << 16 | hexRun(id, p + 14, 4);
  }

  static long uuidLow(String id) {
    int p = ID_PREFIX.length();
    return hexRun(id, p + 19, 4) << 48 | hexRun(id, p + 24, 12);
  }

  private static long hexRun(String s, int from, int n) {
    long v = 0;
    for (int i = from; i < from + n; i++) {
      v = (v << 4) | hexDigit(s.charAt(i));
    }
    return v;
  }

  static String formatId(long hi, long lo) {
    StringBuilder sb = new StringBuilder(47).append(ID_PREFIX);
    hex(sb, hi >>> 32, 8).append('-');
    hex(sb, hi >>> 16, 4).append('-');
    hex(sb, hi, 4).append('-');
    hex(sb, lo >>> 48, 4).append('-');
    return hex(sb, lo, 12).toString();
  }

  private static StringBuilder hex(StringBuilder sb, long v, int n) {
    for (int i = n - 1; i >= 0; i--) {
      sb.append(Character.forDigit((int) (v >>> (4 * i)) & 0xf, 16));
    }
    return sb;
  }
}
