package dev.kasa.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/**
 * A marking definition, such as a TLP level. STIX type {@code marking-definition}.
 *
 * @param common the common properties
 * @param name {@code name}, nullable
 * @param definitionType {@code definition_type}, nullable
 * @param definition {@code definition}, nullable
 * @param other every property not modelled here (custom {@code x_*} ones included), never null
 */
public record StixMarkingDefinition(
    StixCommon common,
    String name,
    String definitionType,
    JsonNode definition,
    Map<String, JsonNode> other)
    implements StixObject {
  /** The STIX type name of this record. */
  public static final String TYPE = "marking-definition";

  public StixMarkingDefinition {
    Objects.requireNonNull(common, "common");

    other = StixObject.copyOther(other);
  }
}
