package dev.kasa.intel;

import dev.kasa.ErrorCode;
import dev.kasa.observable.Addresses;
import dev.kasa.observable.ObservableType;
import java.util.Locale;

/**
 * How much an indicator matches, judged the same way for every format. A domain matches its
 * subdomains, so a bare top-level domain ({@code com}) would make every name under it a hit: it is
 * refused. For addresses: a range that matches every IPv4 or every IPv6 address (a poisoned or
 * broken feed: every event would be a hit) is refused; one that covers a large share (an IPv4
 * prefix shorter than /8, an IPv6 prefix shorter than /32) is loaded with a warning. IPv4 addresses
 * also match through their IPv4-mapped IPv6 form ({@code ::ffff:0:0/96}), so an IPv6 range holding
 * that block matches every IPv4 address, and a range inside it is judged as the IPv4 range it is.
 */
final class IndicatorBreadth {
  /** IPv4 prefixes shorter than this are warned about. */
  static final int IPV4_WARN_BELOW = 8;

  /** IPv6 prefixes shorter than this are warned about. */
  static final int IPV6_WARN_BELOW = 32;

  private static final long MAPPED_LO = 0xffff_0000_0000L;

  private IndicatorBreadth() {}

  /**
   * What to do with an indicator: null to load it silently, or a problem to report — {@link
   * ErrorCode#INVALID_INPUT} (not loaded) or {@link ErrorCode#INTEL_WARNING} (loaded).
   *
   * @param message what the message says about the value, e.g. {@code "'0.0.0.0/0' matches every
   *     IPv4 address; not loaded"}
   */
  record Verdict(ErrorCode code, String message) {}

  /** The verdict on a canonical value ({@code Observables.normalize}) of {@code type}. */
  static Verdict of(ObservableType type, String value) {
    if (type == ObservableType.DOMAIN && value.indexOf('.') < 0) {
      return refused(value, "every name under a top-level domain");
    }
    if (type != ObservableType.IPV4 && type != ObservableType.IPV6) {
      return null;
    }
    int slash = value.indexOf('/');
    if (slash < 0) {
      return null;
    }
    int prefix = Integer.parseInt(value, slash + 1, value.length(), 10);
    if (type == ObservableType.IPV4) {
      return ipv4(value, prefix, "");
    }
    long[] parts = new long[2];
    if (!Addresses.parseIpv6(value, 0, slash, parts)) {
      return null;
    }
    long hi = parts[0];
    long lo = parts[1];
    if (prefix == 0) {
      return refused(value, "every IPv6 and every IPv4 address");
    }
    if (prefix <= 96 && holdsMapped(hi, lo, prefix)) {
      return refused(value, "every IPv4 address (as IPv4-mapped IPv6, ::ffff:0:0/96)");
    }
    if (prefix > 96 && hi == 0 && (lo & 0xffff_ffff_0000_0000L) == MAPPED_LO) {
      String v4 = Addresses.formatIpv4(lo & 0xffff_ffffL) + "/" + (prefix - 96);
      return ipv4(value, prefix - 96, " (IPv4 " + v4 + " as IPv4-mapped IPv6)");
    }
    if (prefix < IPV6_WARN_BELOW) {
      return warned(value, "is an IPv6 prefix shorter than /" + IPV6_WARN_BELOW);
    }
    return null;
  }

  // Whether the network (hi, lo)/prefix, prefix <= 96, holds ::ffff:0:0/96.
  private static boolean holdsMapped(long hi, long lo, int prefix) {
    if (prefix <= 64) {
      return prefix == 0 || hi >>> (64 - prefix) == 0;
    }
    int bits = prefix - 64;
    return hi == 0 && lo >>> (64 - bits) == MAPPED_LO >>> (64 - bits);
  }

  private static Verdict ipv4(String value, int prefix, String as) {
    if (prefix == 0) {
      return refused(value, "every IPv4 address" + as);
    }
    if (prefix < IPV4_WARN_BELOW) {
      return warned(
          value,
          String.format(
              Locale.ROOT,
              "covers %,d IPv4 addresses%s, a prefix shorter than /%d",
              1L << (32 - prefix),
              as,
              IPV4_WARN_BELOW));
    }
    return null;
  }

  private static Verdict refused(String value, String what) {
    return new Verdict(
        ErrorCode.INVALID_INPUT,
        "'" + value + "' matches " + what + ": a poisoned or broken feed; not loaded");
  }

  private static Verdict warned(String value, String what) {
    return new Verdict(
        ErrorCode.INTEL_WARNING,
        "'" + value + "' " + what + "; loaded, but check that so broad a range is meant");
  }
}
