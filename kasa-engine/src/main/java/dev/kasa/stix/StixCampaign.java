package dev.kasa.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A campaign: grouped adversarial behaviour over time. STIX type {@code campaign}.
 *
 * @param common the common properties
 * @param name {@code name}, nullable
 * @param aliases {@code aliases}, nullable
 * @param other every property not modelled here (custom {@code x_*} ones included), never null
 */
public record StixCampaign(
    StixCommon common, String name, List<String> aliases, Map<String, JsonNode> other)
    implements StixObject {
  /** The STIX type name of this record. */
  public static final String TYPE = "campaign";

  public StixCampaign {
    Objects.requireNonNull(common, "common");
    aliases = aliases == null ? null : List.copyOf(aliases);
    other = StixObject.copyOther(other);
  }
}
