package dev.kasa.intel;

import dev.kasa.observable.Addresses;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

/**
 * IPv4 and IPv6 ranges, looked up by masking an address to each prefix length present: a list of
 * tens of thousands of cloud ranges costs at most 33 (IPv4) or 129 (IPv6) set probes per value. Not
 * thread-safe while adding; safe to read once built.
 */
final class AddressRanges {
  private final Set<Long> v4 = new HashSet<>();
  private final BitSet v4Lengths = new BitSet(33);
  private final Set<V6> v6 = new HashSet<>();
  private final BitSet v6Lengths = new BitSet(129);

  private record V6(long hi, long lo, int length) {}

  /** Adds {@code text} (an address or CIDR range); false when it is neither. */
  boolean add(String text) {
    Parsed p = parse(text);
    if (p == null) {
      return false;
    }
    if (p.v4) {
      v4.add(key4(p.lo, p.length));
      v4Lengths.set(p.length);
    } else {
      long[] m = mask6(p.hi, p.lo, p.length);
      v6.add(new V6(m[0], m[1], p.length));
      v6Lengths.set(p.length);
    }
    return true;
  }

  boolean isEmpty() {
    return v4.isEmpty() && v6.isEmpty();
  }

  /**
   * Whether {@code text} (an address or a CIDR range, as indicators hold them) lies wholly inside
   * one of the ranges.
   */
  boolean covers(String text) {
    Parsed p = parse(text);
    if (p == null) {
      return false;
    }
    if (p.v4) {
      for (int len = v4Lengths.nextSetBit(0); len >= 0 && len <= p.length; ) {
        if (v4.contains(key4(p.lo, len))) {
          return true;
        }
        len = v4Lengths.nextSetBit(len + 1);
      }
      return false;
    }
    for (int len = v6Lengths.nextSetBit(0); len >= 0 && len <= p.length; ) {
      long[] m = mask6(p.hi, p.lo, len);
      if (v6.contains(new V6(m[0], m[1], len))) {
        return true;
      }
      len = v6Lengths.nextSetBit(len + 1);
    }
    return false;
  }

  private record Parsed(boolean v4, long hi, long lo, int length) {}

  private static Parsed parse(String text) {
    String t = text.strip();
    int slash = t.indexOf('/');
    String addr = slash < 0 ? t : t.substring(0, slash);
    int length;
    long v4 = Addresses.parseIpv4(addr);
    int max = v4 >= 0 ? 32 : 128;
    try {
      length = slash < 0 ? max : Integer.parseInt(t.substring(slash + 1));
    } catch (NumberFormatException e) {
      return null;
    }
    if (length < 0 || length > max) {
      return null;
    }
    if (v4 >= 0) {
      return new Parsed(true, 0, v4, length);
    }
    long[] out = new long[2];
    if (!Addresses.parseIpv6(addr, out)) {
      return null;
    }
    return new Parsed(false, out[0], out[1], length);
  }

  private static long key4(long address, int length) {
    long masked = length == 0 ? 0 : address & (0xffffffffL << (32 - length)) & 0xffffffffL;
    return (masked << 6) | length;
  }

  private static long[] mask6(long hi, long lo, int length) {
    if (length <= 64) {
      long h = length == 0 ? 0 : hi & (-1L << (64 - length));
      return new long[] {h, 0};
    }
    int low = length - 64;
    return new long[] {hi, low == 64 ? lo : lo & (-1L << (64 - low))};
  }
}
