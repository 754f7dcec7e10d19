package dev.kasa.node.sharing;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The node's agreements beyond grants, as the sharing rules read them: which communities each
 * partner is in, which partners are named recipients of which TLP:RED objects of ours, and how
 * received unmarked objects are relayed. Immutable.
 *
 * @param communities each partner's communities, by partner name (partners in none are absent)
 * @param redRecipients the partners named for each STIX id
 * @param relayUnmarked {@code sharing.relay-unmarked}
 */
public record Agreements(
    Map<String, Set<String>> communities,
    Map<String, Set<String>> redRecipients,
    RelayUnmarked relayUnmarked) {
  /** No communities, no named recipients, unmarked objects never relayed. */
  public static final Agreements NONE = new Agreements(Map.of(), Map.of(), RelayUnmarked.NONE);

  public Agreements {
    communities = copy(communities, "communities");
    redRecipients = copy(redRecipients, "redRecipients");
    Objects.requireNonNull(relayUnmarked, "relayUnmarked");
  }

  /** Whether partners {@code a} and {@code b} are both members of at least one community. */
  public boolean shareCommunity(String a, String b) {
    Set<String> of = communities.getOrDefault(a, Set.of());
    for (String c : communities.getOrDefault(b, Set.of())) {
      if (of.contains(c)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code partner} is named as a recipient of the TLP:RED object {@code stixId}. */
  public boolean isRedRecipient(String stixId, String partner) {
    return redRecipients.getOrDefault(stixId, Set.of()).contains(partner);
  }

  /** The same agreements with another {@code relay-unmarked} setting. */
  public Agreements withRelayUnmarked(RelayUnmarked relay) {
    return new Agreements(communities, redRecipients, relay);
  }

  private static Map<String, Set<String>> copy(Map<String, Set<String>> m, String what) {
    Objects.requireNonNull(m, what);
    var out = new java.util.HashMap<String, Set<String>>();
    m.forEach((k, v) -> out.put(Objects.requireNonNull(k, what), Set.copyOf(v)));
    return Map.copyOf(out);
  }
}
