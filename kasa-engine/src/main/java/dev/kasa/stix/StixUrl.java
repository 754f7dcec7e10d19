package dev.kasa.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/**
 * A URL observable. STIX type {@code url}.
 *
 * @param common the common properties
 * @param value {@code value}, nullable
 * @param other every property not modelled here (custom {@code x_*} ones included), never null
 */
public record StixUrl(StixCommon common, String value, Map<String, JsonNode> other)
    implements StixObject {
  /** The STIX type name of this record. */
  public static final String TYPE = "url";

  public StixUrl {
    Objects.requireNonNull(common, "common");

    other = StixObject.copyOther(other);
  }
}
