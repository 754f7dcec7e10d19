package dev.kasa.node.store;

import dev.kasa.stix.Tlp;
import java.util.Objects;
import java.util.Set;

/**
 * One version of an object as held in a collection, with what the sharing rules need to know of it.
 *
 * @param dateAdded microseconds since the epoch, unique in the collection
 * @param version as published ({@code modified}, else {@code created}), or when first received
 * @param tlp the most restrictive TLP of its markings
 * @param newestTlp the TLP of the newest version of the same id the node holds
 * @param origins every source this version came from (partners or local users)
 * @param sighted for a sighting, the newest version of what it sights when the node holds it; else
 *     null
 * @param body the bytes as first received, or null when not asked for (manifests, versions)
 */
public record StoredEntry(
    long dateAdded,
    String stixId,
    String version,
    String type,
    String specVersion,
    Tlp tlp,
    Tlp newestTlp,
    Set<Origin> origins,
    HeldObject sighted,
    byte[] body) {
  public StoredEntry {
    Objects.requireNonNull(stixId, "stixId");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(specVersion, "specVersion");
    Objects.requireNonNull(tlp, "tlp");
    Objects.requireNonNull(newestTlp, "newestTlp");
    origins = Set.copyOf(origins);
  }
}
