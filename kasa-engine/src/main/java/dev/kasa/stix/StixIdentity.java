package dev.kasa.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/**
 * An identity: an individual, organisation or group. STIX type {@code identity}.
 *
 * @param common the common properties
 * @param name {@code name}, nullable
 * @param identityClass {@code identity_class}, nullable
 * @param other every property not modelled here (custom {@code x_*} ones included), never null
 */
public record StixIdentity(
    StixCommon common, String name, String identityClass, Map<String, JsonNode> other)
    implements StixObject {
  /** The STIX type name of this record. */
  public static final String TYPE = "identity";

  public StixIdentity {
    Objects.requireNonNull(common, "common");

    other = StixObject.copyOther(other);
  }
}
