package dev.kasa.sigma.match;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.observable.Addresses;

/**
 * {@code cidr}: the field value is an IPv4 or IPv6 address inside the network (an IPv4 network only
 * holds IPv4 addresses, an IPv6 network only IPv6 ones). Host bits set in the rule's network are
 * ignored. Immutable.
 */
final class CidrMatcher implements ValueMatcher {
  private final boolean v6;
  private final long hi;
  private final long lo;
  private final long maskHi;
  private final long maskLo;
  private final String describe;

  private CidrMatcher(boolean v6, long hi, long lo, int prefix, String describe) {
    this.v6 = v6;
    if (v6) {
      this.maskHi = prefix == 0 ? 0 : prefix >= 64 ? -1L : -1L << (64 - prefix);
      this.maskLo = prefix <= 64 ? 0 : prefix == 128 ? -1L : -1L << (128 - prefix);
    } else {
      this.maskHi = 0;
      this.maskLo = prefix == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
    }
    this.hi = hi & maskHi;
    this.lo = lo & maskLo;
    this.describe = describe;
  }

  /**
   * Parses {@code a.b.c.d/n} or {@code v6addr/n}; without {@code /n} the network is the single
   * address.
   *
   * @throws KasaException {@code bad-cidr}
   */
  static CidrMatcher parse(String cidr) {
    String s = cidr.strip();
    int slash = s.indexOf('/');
    String addr = slash < 0 ? s : s.substring(0, slash);
    long v4 = Addresses.parseIpv4(addr);
    long[] v6 = new long[2];
    boolean isV6 = v4 < 0 && Addresses.parseIpv6(addr, v6);
    if (v4 < 0 && !isV6) {
      throw bad(cidr, "'" + addr + "' is not an IPv4 or IPv6 address");
    }
    int max = isV6 ? 128 : 32;
    int prefix = max;
    if (slash >= 0) {
      String p = s.substring(slash + 1);
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw bad(cidr, "prefix length '" + p + "' is not a number");
      }
      prefix = Integer.parseInt(p);
      if (prefix > max) {
        throw bad(cidr, "prefix length " + prefix + " exceeds " + max);
      }
    }
    return isV6
        ? new CidrMatcher(true, v6[0], v6[1], prefix, "cidr:" + s)
        : new CidrMatcher(false, 0, v4, prefix, "cidr:" + s);
  }

  private static KasaException bad(String cidr, String why) {
    return new KasaException(ErrorCode.BAD_CIDR, "CIDR '" + cidr + "' is invalid: " + why);
  }

  @Override
  public boolean test(String value) {
    if (!v6) {
      long a = Addresses.parseIpv4(value);
      return a >= 0 && (a & maskLo) == lo;
    }
    if (value.indexOf(':') < 0) {
      return false;
    }
    long[] a = new long[2];
    return Addresses.parseIpv6(value, a) && (a[0] & maskHi) == hi && (a[1] & maskLo) == lo;
  }

  @Override
  public String describe() {
    return describe;
  }

  @Override
  public String toString() {
    return describe;
  }
}
