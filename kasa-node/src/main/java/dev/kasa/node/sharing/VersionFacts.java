package dev.kasa.node.sharing;

import dev.kasa.node.store.AccessState.Kind;
import dev.kasa.node.store.HeldObject;
import dev.kasa.node.store.Origin;
import dev.kasa.node.store.StoredEntry;
import dev.kasa.stix.Tlp;
import java.util.Objects;
import java.util.Set;

/**
 * What the sharing rules know of one object version the node holds: never anything read from inside
 * the object beyond its id, type and TLP markings.
 *
 * @param stixId its STIX id
 * @param type its STIX type
 * @param tlp the most restrictive TLP of its own markings ({@link Tlp#NONE}: unmarked)
 * @param newestTlp the TLP of the newest version of the same id the node holds
 * @param origins every source the version came from: partners, or local users
 * @param sighted for a sighting: the facts of the newest version of what it sights, when the node
 *     holds it; else null
 */
public record VersionFacts(
    String stixId, String type, Tlp tlp, Tlp newestTlp, Set<Origin> origins, VersionFacts sighted) {
  public VersionFacts {
    Objects.requireNonNull(stixId, "stixId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(tlp, "tlp");
    Objects.requireNonNull(newestTlp, "newestTlp");
    origins = Set.copyOf(origins);
    if (sighted != null && sighted.sighted() != null) {
      throw new IllegalArgumentException(
          "the sighted object of " + stixId + " is taken as an object, not as a sighting");
    }
  }

  /** The facts of a version as the store holds it. */
  public static VersionFacts of(StoredEntry e) {
    HeldObject s = e.sighted();
    return new VersionFacts(
        e.stixId(),
        e.type(),
        e.tlp(),
        e.newestTlp(),
        e.origins(),
        s == null
            ? null
            : new VersionFacts(s.stixId(), s.type(), s.tlp(), s.tlp(), s.origins(), null));
  }

  /** Whether a local user of this node is among its sources (it is then "ours"). */
  public boolean isOurs() {
    return origins.stream().anyMatch(o -> o.kind() == Kind.USER);
  }

  /** Whether partner {@code name} is among its sources. */
  public boolean cameFrom(String name) {
    return origins.stream().anyMatch(o -> o.kind() == Kind.PARTNER && o.principal().equals(name));
  }

  /** Whether it is a sighting of something the node holds. */
  public boolean isSightingOfHeld() {
    return sighted != null;
  }
}
