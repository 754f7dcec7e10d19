package dev.kasa.observable;

/**
 * Parsing and canonical formatting of IPv4 and IPv6 addresses without allocation on the parse path
 * and without DNS lookups (unlike {@link java.net.InetAddress}). Thread-safe: stateless.
 */
public final class Addresses {
  private Addresses() {}

  /**
   * Parses a dotted-quad IPv4 address in {@code s[from, to)}.
   *
   * @return the address as an unsigned 32-bit value in the low bits, or -1 when the text is not
   *     exactly an IPv4 address (leading zeros such as {@code 010} are rejected as ambiguous)
   */
  public static long parseIpv4(CharSequence s, int from, int to) {
    long result = 0;
    int octets = 0;
    int i = from;
    while (i < to) {
      int start = i;
      int value = 0;
      while (i < to && i - start < 4) {
        char c = s.charAt(i);
        if (c < '0' || c > '9') {
          break;
        }
        value = value * 10 + (c - '0');
        i++;
      }
      int digits = i - start;
      if (digits == 0 || digits > 3 || value > 255 || (digits > 1 && s.charAt(start) == '0')) {
        return -1;
      }
      result = (result << 8) | value;
      octets++;
      if (i == to) {
        break;
      }
      if (s.charAt(i) != '.' || octets == 4) {
        return -1;
      }
      i++;
      if (i == to) {
        return -1;
      }
    }
    return octets == 4 ? result : -1;
  }

  /** Parses a whole string as IPv4; see {@link #parseIpv4(CharSequence, int, int)}. */
  public static long parseIpv4(CharSequence s) {
    return parseIpv4(s, 0, s.length());
  }

  /** Formats an IPv4 address held in the low 32 bits of {@code address}. */
  public static String formatIpv4(long address) {
    return ((address >>> 24) & 0xff)
        + "."
        + ((address >>> 16) & 0xff)
        + "."
        + ((address >>> 8) & 0xff)
        + "."
        + (address & 0xff);
  }

  /**
   * Parses an IPv6 address in {@code s[from, to)}: full, compressed ({@code ::}), or with an
   * embedded IPv4 tail; a zone suffix ({@code %eth0}) is ignored.
   *
   * @param out receives the high 64 bits in {@code out[0]} and the low 64 bits in {@code out[1]}
   * @return whether the text is exactly an IPv6 address
   */
  public static boolean parseIpv6(CharSequence s, int from, int to, long[] out) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == '%') {
        if (i == to - 1) {
          return false;
        }
        to = i;
        break;
      }
    }
    if (to - from < 2) {
      return false;
    }
    // Groups before the "::" gap accumulate in (headHi, headLo), groups after it in (tailHi,
    // tailLo), each as a 128-bit number shifted left 16 bits per group; no arrays, so the miss
    // path of a lookup does not allocate.
    long headHi = 0;
    long headLo = 0;
    long tailHi = 0;
    long tailLo = 0;
    int count = 0;
    int gap = -1;
    int i = from;
    if (s.charAt(i) == ':') {
      if (s.charAt(i + 1) != ':') {
        return false;
      }
      gap = 0;
      i += 2;
      if (i == to) {
        out[0] = 0;
        out[1] = 0;
        return true;
      }
    }
    while (i < to) {
      if (count == 8) {
        return false;
      }
      int start = i;
      int value = 0;
      while (i < to && i - start < 5) {
        int d = hexDigit(s.charAt(i));
        if (d < 0) {
          break;
        }
        value = (value << 4) | d;
        i++;
      }
      int digits = i - start;
      int groups = 1;
      long bits = value;
      if (i < to && s.charAt(i) == '.') {
        // Embedded IPv4 takes the last two groups.
        long v4 = parseIpv4(s, start, to);
        if (v4 < 0 || count > 6) {
          return false;
        }
        groups = 2;
        bits = v4;
        i = to;
      } else if (digits == 0 || digits > 4) {
        return false;
      }
      int shift = 16 * groups;
      if (gap < 0) {
        headHi = headHi << shift | headLo >>> (64 - shift);
        headLo = headLo << shift | bits;
      } else {
        tailHi = tailHi << shift | tailLo >>> (64 - shift);
        tailLo = tailLo << shift | bits;
      }
      count += groups;
      if (i == to) {
        break;
      }
      if (s.charAt(i) != ':') {
        return false;
      }
      i++;
      if (i < to && s.charAt(i) == ':') {
        if (gap >= 0) {
          return false;
        }
        gap = count;
        i++;
        if (i == to) {
          break;
        }
      } else if (i == to) {
        return false;
      }
    }
    if (gap < 0) {
      if (count != 8) {
        return false;
      }
      out[0] = headHi;
      out[1] = headLo;
      return true;
    }
    if (count > 7) {
      return false;
    }
    // The head's groups move up past the zeros of the gap and the tail's.
    int shift = 16 * (8 - gap);
    long hi;
    long lo;
    if (shift >= 128) {
      hi = 0;
      lo = 0;
    } else if (shift >= 64) {
      hi = shift == 64 ? headLo : headLo << (shift - 64);
      lo = 0;
    } else {
      hi = headHi << shift | headLo >>> (64 - shift);
      lo = headLo << shift;
    }
    out[0] = hi | tailHi;
    out[1] = lo | tailLo;
    return true;
  }

  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /** Parses a whole string as IPv6; see {@link #parseIpv6(CharSequence, int, int, long[])}. */
  public static boolean parseIpv6(CharSequence s, long[] out) {
    return parseIpv6(s, 0, s.length(), out);
  }

  /** Formats an IPv6 address in RFC 5952 canonical form (lower case, longest zero run as ::). */
  public static String formatIpv6(long hi, long lo) {
    int[] g = new int[8];
    for (int i = 0; i < 4; i++) {
      g[i] = (int) ((hi >>> (48 - 16 * i)) & 0xffff);
      g[i + 4] = (int) ((lo >>> (48 - 16 * i)) & 0xffff);
    }
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    return sb.toString();
  }
}
