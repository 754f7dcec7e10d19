package dev.kasa.node.store;

import dev.kasa.stix.Tlp;
import java.util.Objects;

/**
 * One version of an object as held in a collection.
 *
 * @param dateAdded microseconds since the epoch, unique in the collection
 * @param version as published ({@code modified}, else {@code created}), or when first received
 * @param tlp the most restrictive TLP of its markings
 * @param body the bytes as first received, or null when not asked for (manifests, versions)
 */
public record StoredEntry(
    long dateAdded,
    String stixId,
    String version,
    String type,
    String specVersion,
    Tlp tlp,
    byte[] body) {
  public StoredEntry {
    Objects.requireNonNull(stixId, "stixId");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(specVersion, "specVersion");
    Objects.requireNonNull(tlp, "tlp");
  }
}
