package dev.kasa.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/**
 * An email address observable. STIX type {@code email-addr}.
 *
 * @param common the common properties
 * @param value {@code value}, nullable
 * @param displayName {@code display_name}, nullable
 * @param other every property not modelled here (custom {@code x_*} ones included), never null
 */
public record StixEmailAddr(
    StixCommon common, String value, String displayName, Map<String, JsonNode> other)
    implements StixObject {
  /** The STIX type name of this record. */
  public static final String TYPE = "email-addr";

  public StixEmailAddr {
    Objects.requireNonNull(common, "common");

    other = StixObject.copyOther(other);
  }
}
