package dev.kasa.node.store;

import dev.kasa.stix.Tlp;
import java.util.List;
import java.util.Objects;

/**
 * One valid object version to store, with the facts the store indexes.
 *
 * @param stixId the STIX id
 * @param versionKey orders the versions of an id: {@link Versions#key} of modified, else created;
 *     {@link Versions#UNVERSIONED} when the object has neither
 * @param version the version as published ({@code modified}, else {@code created}), or null for an
 *     unversioned object (the store then uses the time it first received it)
 * @param type the STIX type
 * @param specVersion {@code 2.1} or {@code 2.0}
 * @param tlp the most restrictive TLP of its object and granular markings
 * @param markingRefs its marking-definition ids (object and granular), possibly empty
 * @param revoked whether it says it is revoked
 * @param sightingOf for a sighting, its {@code sighting_of_ref}; else null
 * @param edge for a relationship, its type and ends (the store's relation table); else null
 * @param body the object's JSON bytes exactly as received
 */
public record IncomingObject(
    String stixId,
    String versionKey,
    String version,
    String type,
    String specVersion,
    Tlp tlp,
    List<String> markingRefs,
    boolean revoked,
    String sightingOf,
    Edge edge,
    byte[] body) {
  public IncomingObject {
    Objects.requireNonNull(stixId, "stixId");
    Objects.requireNonNull(versionKey, "versionKey");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(specVersion, "specVersion");
    Objects.requireNonNull(tlp, "tlp");
    markingRefs = List.copyOf(markingRefs);
    Objects.requireNonNull(body, "body");
    if ((version == null) != versionKey.equals(Versions.UNVERSIONED)) {
      throw new IllegalArgumentException(
          "an object has a version exactly when its key is not unversioned: " + stixId);
    }
  }

  /** A relationship's {@code relationship_type}, {@code source_ref} and {@code target_ref}. */
  public record Edge(String type, String sourceRef, String targetRef) {
    public Edge {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(sourceRef, "sourceRef");
      Objects.requireNonNull(targetRef, "targetRef");
    }
  }
}
