package dev.kasa.node.asset;

import java.util.Objects;

/**
 * An asset a finding touches.
 *
 * @param asset the asset
 * @param side which side of the connection the matching value was on
 * @param value the address or host name that matched
 * @param match the network or host address that matched, or null for a host name
 */
public record AssetTouch(Asset asset, Side side, String value, Cidr match) {
  /** Where in a finding a value was. */
  public enum Side {
    SOURCE,
    DESTINATION,
    /** The finding gives no direction (a host name in a DNS query, a file's host). */
    UNDIRECTED
  }

  public AssetTouch {
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(value, "value");
  }

  /**
   * How specific the match is: a host name 200, an address its prefix length (IPv4 lengths shifted
   * by 96 so both families compare), more is more specific.
   */
  public int specificity() {
    if (match == null) {
      return 200;
    }
    return match.v6() ? match.prefix() : match.prefix() + 96;
  }
}
