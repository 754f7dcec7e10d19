package dev.kasa.node.store;

import dev.kasa.stix.Tlp;
import java.util.Objects;
import java.util.Set;

/**
 * The newest version of an id the node holds, as the sharing rules see it: its TLP and its origins.
 *
 * @param tlp the most restrictive TLP of its markings
 * @param origins every source it came from
 */
public record HeldObject(String stixId, String type, Tlp tlp, Set<Origin> origins) {
  public HeldObject {
    Objects.requireNonNull(stixId, "stixId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(tlp, "tlp");
    origins = Set.copyOf(origins);
  }
}
