package dev.kasa.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The common properties of every STIX object (STIX 2.1 section 3.2). Absent optional properties are
 * null (not defaulted), so that writing gives back exactly what was read.
 *
 * @param type the object type, never null
 * @param id {@code <type>--<uuid>}, never null
 * @param specVersion {@code 2.1}, or null (STIX 2.0 content and SCOs)
 * @param created nullable (SCOs)
 * @param modified nullable (SCOs, marking definitions)
 * @param createdByRef nullable identity id
 * @param revoked nullable; absent means false
 * @param labels nullable
 * @param confidence nullable, 0..100
 * @param externalReferences nullable
 * @param objectMarkingRefs nullable marking-definition ids
 * @param granularMarkings nullable JSON array as published
 */
public record StixCommon(
    String type,
    String id,
    String specVersion,
    StixTimestamp created,
    StixTimestamp modified,
    String createdByRef,
    Boolean revoked,
    List<String> labels,
    Integer confidence,
    List<ExternalReference> externalReferences,
    List<String> objectMarkingRefs,
    JsonNode granularMarkings) {
  public StixCommon {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(id, "id");
    labels = labels == null ? null : List.copyOf(labels);
    externalReferences = externalReferences == null ? null : List.copyOf(externalReferences);
    objectMarkingRefs = objectMarkingRefs == null ? null : List.copyOf(objectMarkingRefs);
  }

  /** Whether the object says it is revoked. */
  public boolean isRevoked() {
    return Boolean.TRUE.equals(revoked);
  }

  /**
   * Every marking this object references, each once: its {@code object_marking_refs}, then the
   * textual {@code marking_ref}s of its {@code granular_markings}, whatever their selectors; empty
   * when it has none.
   */
  public List<String> markingRefs() {
    boolean granular =
        granularMarkings != null && granularMarkings.isArray() && !granularMarkings.isEmpty();
    if (!granular) {
      if (objectMarkingRefs == null) {
        return List.of();
      }
      if (objectMarkingRefs.size() < 2
          || Set.copyOf(objectMarkingRefs).size() == objectMarkingRefs.size()) {
        return objectMarkingRefs;
      }
    }
    Set<String> all =
        new LinkedHashSet<>(objectMarkingRefs == null ? List.of() : objectMarkingRefs);
    if (granular) {
      for (JsonNode g : granularMarkings) {
        JsonNode ref = g.path("marking_ref");
        if (ref.isTextual()) {
          all.add(ref.textValue());
        }
      }
    }
    return List.copyOf(all);
  }
}
