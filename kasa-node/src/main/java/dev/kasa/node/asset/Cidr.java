package dev.kasa.node.asset;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.observable.Addresses;

/**
 * An IPv4 or IPv6 network: the address bits (IPv4 in the low 32 bits of {@code lo}) and the prefix
 * length. A host address is a network with the full prefix.
 */
public record Cidr(boolean v6, long hi, long lo, int prefix) {
  public Cidr {
    int max = v6 ? 128 : 32;
    if (prefix < 0 || prefix > max) {
      throw new IllegalArgumentException("prefix must be in 0.." + max + " but is " + prefix);
    }
  }

  /**
   * Parses {@code ADDRESS} or {@code ADDRESS/PREFIX}.
   *
   * @throws KasaException {@link ErrorCode#BAD_CIDR} naming the text (also when host bits are set)
   */
  public static Cidr parse(String text) {
    String t = text.strip();
    int slash = t.indexOf('/');
    String address = slash < 0 ? t : t.substring(0, slash);
    long[] v6 = new long[2];
    boolean isV6;
    long hi = 0;
    long lo;
    long v4 = Addresses.parseIpv4(address);
    if (v4 >= 0) {
      isV6 = false;
      lo = v4;
    } else if (Addresses.parseIpv6(address, v6)) {
      isV6 = true;
      hi = v6[0];
      lo = v6[1];
    } else {
      throw bad(text, "not an IPv4 or IPv6 address or CIDR");
    }
    int max = isV6 ? 128 : 32;
    int prefix = max;
    if (slash >= 0) {
      String p = t.substring(slash + 1);
      if (!p.matches("[0-9]{1,3}") || Integer.parseInt(p) > max) {
        throw bad(text, "the prefix length must be 0.." + max);
      }
      prefix = Integer.parseInt(p);
    }
    var c = new Cidr(isV6, hi, lo, prefix);
    for (int i = prefix; i < max; i++) {
      if (c.bit(i)) {
        throw bad(text, "host bits are set after /" + prefix);
      }
    }
    return c;
  }

  private static KasaException bad(String text, String why) {
    return new KasaException(ErrorCode.BAD_CIDR, "'" + text + "': " + why);
  }

  /** Bit {@code i} of the address, counted from the most significant. */
  boolean bit(int i) {
    if (!v6) {
      return ((lo >>> (31 - i)) & 1) != 0;
    }
    return i < 64 ? ((hi >>> (63 - i)) & 1) != 0 : ((lo >>> (127 - i)) & 1) != 0;
  }

  /** Whether {@code address} (a host) lies in this network. */
  public boolean contains(Cidr address) {
    if (address.v6 != v6 || address.prefix < prefix) {
      return false;
    }
    for (int i = 0; i < prefix; i++) {
      if (bit(i) != address.bit(i)) {
        return false;
      }
    }
    return true;
  }

  /** {@code ADDRESS/PREFIX} in canonical form. */
  @Override
  public String toString() {
    return (v6 ? Addresses.formatIpv6(hi, lo) : Addresses.formatIpv4(lo)) + "/" + prefix;
  }
}
