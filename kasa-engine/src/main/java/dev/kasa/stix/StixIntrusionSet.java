package dev.kasa.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An intrusion set: behaviour and resources of one adversary. STIX type {@code intrusion-set}.
 *
 * @param common the common properties
 * @param name {@code name}, nullable
 * @param aliases {@code aliases}, nullable
 * @param resourceLevel {@code resource_level}, nullable
 * @param other every property not modelled here (custom {@code x_*} ones included), never null
 */
public record StixIntrusionSet(
    StixCommon common,
    String name,
    List<String> aliases,
    String resourceLevel,
    Map<String, JsonNode> other)
    implements StixObject {
  /** The STIX type name of this record. */
  public static final String TYPE = "intrusion-set";

  public StixIntrusionSet {
    Objects.requireNonNull(common, "common");
    aliases = aliases == null ? null : List.copyOf(aliases);
    other = StixObject.copyOther(other);
  }
}
