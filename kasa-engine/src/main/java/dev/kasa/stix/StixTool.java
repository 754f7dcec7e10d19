package dev.kasa.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Legitimate software that adversaries use. STIX type {@code tool}.
 *
 * @param common the common properties
 * @param name {@code name}, nullable
 * @param toolTypes {@code tool_types}, nullable
 * @param other every property not modelled here (custom {@code x_*} ones included), never null
 */
public record StixTool(
    StixCommon common, String name, List<String> toolTypes, Map<String, JsonNode> other)
    implements StixObject {
  /** The STIX type name of this record. */
  public static final String TYPE = "tool";

  public StixTool {
    Objects.requireNonNull(common, "common");
    toolTypes = toolTypes == null ? null : List.copyOf(toolTypes);
    other = StixObject.copyOther(other);
  }
}
