package dev.kasa.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A threat actor: individuals or groups believed to act with malicious intent. STIX type {@code
 * threat-actor}.
 *
 * @param common the common properties
 * @param name {@code name}, nullable
 * @param threatActorTypes {@code threat_actor_types}, nullable
 * @param aliases {@code aliases}, nullable
 * @param resourceLevel {@code resource_level}, nullable
 * @param other every property not modelled here (custom {@code x_*} ones included), never null
 */
public record StixThreatActor(
    StixCommon common,
    String name,
    List<String> threatActorTypes,
    List<String> aliases,
    String resourceLevel,
    Map<String, JsonNode> other)
    implements StixObject {
  /** The STIX type name of this record. */
  public static final String TYPE = "threat-actor";

  public StixThreatActor {
    Objects.requireNonNull(common, "common");
    threatActorTypes = threatActorTypes == null ? null : List.copyOf(threatActorTypes);
    aliases = aliases == null ? null : List.copyOf(aliases);
    other = StixObject.copyOther(other);
  }
}
