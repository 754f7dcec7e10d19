package dev.kasa.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/**
 * A relationship between two objects, e.g. {@code indicates}. STIX type {@code relationship}.
 *
 * @param common the common properties
 * @param relationshipType {@code relationship_type}, nullable
 * @param sourceRef {@code source_ref}, nullable
 * @param targetRef {@code target_ref}, nullable
 * @param other every property not modelled here (custom {@code x_*} ones included), never null
 */
public record StixRelationship(
    StixCommon common,
    String relationshipType,
    String sourceRef,
    String targetRef,
    Map<String, JsonNode> other)
    implements StixObject {
  /** The STIX type name of this record. */
  public static final String TYPE = "relationship";

  public StixRelationship {
    Objects.requireNonNull(common, "common");

    other = StixObject.copyOther(other);
  }
}
