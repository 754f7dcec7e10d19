package dev.kasa.detect;

import dev.kasa.intel.Indicator;
import dev.kasa.observable.ObservableType;
import dev.kasa.observable.Observables;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The matching semantics written as plainly as possible, as a reference for the compact index: a
 * scan over every indicator. Addresses are compared as 128-bit numbers, IPv4 living in {@code
 * ::ffff:0:0/96}.
 */
final class NaiveMatcher {
  private static final BigInteger MAPPED = BigInteger.valueOf(0xffffL).shiftLeft(32);

  private NaiveMatcher() {}

  static List<Indicator> match(
      List<Indicator> indicators, ObservableType type, String raw, long timeMillis) {
    Instant t = Instant.ofEpochMilli(timeMillis);
    return indicators.stream()
        .filter(i -> i.appliesAt(t))
        .filter(i -> matches(i, type, raw))
        .toList();
  }

  private static boolean matches(Indicator i, ObservableType type, String raw) {
    if (type.isAddress()) {
      if (!i.type().isAddress()) {
        return false;
      }
      BigInteger address = address(raw);
      if (address == null) {
        return false;
      }
      String[] parts = i.value().split("/");
      BigInteger network = address(parts[0]);
      int full = i.type() == ObservableType.IPV4 ? 32 : 128;
      int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : full;
      int hostBits = full - prefix;
      return address.shiftRight(hostBits).equals(network.shiftRight(hostBits));
    }
    if (i.type() != type) {
      return false;
    }
    Optional<String> value = Observables.tryNormalize(type, raw);
    if (value.isEmpty()) {
      return false;
    }
    if (type == ObservableType.DOMAIN) {
      return value.get().equals(i.value()) || value.get().endsWith("." + i.value());
    }
    return value.get().equals(i.value());
  }

  /** The address as a 128-bit number (IPv4 mapped), or null when it is not one address. */
  static BigInteger address(String raw) {
    if (raw.contains("/")) {
      // An event value is one address; CIDR notation (even /32) is not one.
      return null;
    }
    String v4 = Observables.tryNormalize(ObservableType.IPV4, raw).orElse(null);
    String v6 = Observables.tryNormalize(ObservableType.IPV6, raw).orElse(null);
    String canonical = v4 != null ? v4 : v6;
    if (canonical == null) {
      return null;
    }
    try {
      byte[] bytes = InetAddress.getByName(canonical).getAddress();
      BigInteger n = new BigInteger(1, bytes);
      return bytes.length == 4 ? MAPPED.or(n) : n;
    } catch (UnknownHostException e) {
      throw new AssertionError(canonical, e);
    }
  }
}
