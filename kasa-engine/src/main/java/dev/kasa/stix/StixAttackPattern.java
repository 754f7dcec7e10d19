package dev.kasa.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/**
 * An attack pattern (TTP), e.g. an ATT&amp;CK technique. STIX type {@code attack-pattern}.
 *
 * @param common the common properties
 * @param name {@code name}, nullable
 * @param other every property not modelled here (custom {@code x_*} ones included), never null
 */
public record StixAttackPattern(StixCommon common, String name, Map<String, JsonNode> other)
    implements StixObject {
  /** The STIX type name of this record. */
  public static final String TYPE = "attack-pattern";

  public StixAttackPattern {
    Objects.requireNonNull(common, "common");

    other = StixObject.copyOther(other);
  }
}
