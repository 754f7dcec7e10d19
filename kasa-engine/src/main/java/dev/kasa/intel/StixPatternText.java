package dev.kasa.intel;

/**
 * The STIX pattern of one indicator observable, as Kasa writes it: the comparison {@link
 * StixPatternSubset} reads back to the same observable (and port constraint).
 */
public final class StixPatternText {
  private StixPatternText() {}

  /**
   * {@code [ipv4-addr:value = '…']}, {@code [file:hashes.'SHA-256' = '…']}, or for an address with
   * a port {@code [network-traffic:dst_ref.value = '…' AND network-traffic:dst_port = N]}.
   */
  public static String of(Indicator i) {
    String v = "'" + i.value().replace("\\", "\\\\").replace("'", "\\'") + "'";
    PortConstraint port = i.port();
    if (port != null) {
      String side = port.side() == PortConstraint.Side.SOURCE ? "src" : "dst";
      return "[network-traffic:"
          + side
          + "_ref.value = "
          + v
          + " AND network-traffic:"
          + side
          + "_port = "
          + port.port()
          + "]";
    }
    return "["
        + switch (i.type()) {
          case IPV4, IPV6, DOMAIN, URL, EMAIL -> i.type().stixName() + ":value = " + v;
          case MD5 -> "file:hashes.MD5 = " + v;
          case SHA1 -> "file:hashes.'SHA-1' = " + v;
          case SHA256 -> "file:hashes.'SHA-256' = " + v;
          case SHA512 -> "file:hashes.'SHA-512' = " + v;
        }
        + "]";
  }
}
