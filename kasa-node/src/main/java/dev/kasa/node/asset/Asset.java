package dev.kasa.node.asset;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.node.NodeHome;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A protected asset of the node.
 *
 * @param name unique; letters, digits, {@code . _ -}
 * @param kind what it is
 * @param addresses its networks and host addresses
 * @param hostnames its host names, lower case
 * @param owner who answers for it, or null
 * @param sector the sector it serves
 * @param criticality 1 (low) to 5 (vital)
 * @param tags free labels
 */
public record Asset(
    String name,
    AssetKind kind,
    List<Cidr> addresses,
    List<String> hostnames,
    String owner,
    Sector sector,
    int criticality,
    List<String> tags) {
  public Asset {
    NodeHome.checkName("asset name", name);
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(sector, "sector");
    addresses = List.copyOf(addresses);
    hostnames = hostnames.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).distinct().toList();
    for (String h : hostnames) {
      if (!h.matches("[a-z0-9*_]([a-z0-9._*-]{0,252})")) {
        throw new KasaException(
            ErrorCode.BAD_VALUE, "host name '" + h + "' of " + name + " is not a DNS name");
      }
    }
    tags = List.copyOf(tags);
    if (criticality < 1 || criticality > 5) {
      throw new KasaException(
          ErrorCode.BAD_VALUE, "criticality of " + name + " must be 1-5 but is " + criticality);
    }
    if (owner != null && owner.isBlank()) {
      owner = null;
    }
  }
}
