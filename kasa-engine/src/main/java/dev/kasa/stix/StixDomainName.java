package dev.kasa.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/**
 * A domain name observable. STIX type {@code domain-name}.
 *
 * @param common the common properties
 * @param value {@code value}, nullable
 * @param other every property not modelled here (custom {@code x_*} ones included), never null
 */
public record StixDomainName(StixCommon common, String value, Map<String, JsonNode> other)
    implements StixObject {
  /** The STIX type name of this record. */
  public static final String TYPE = "domain-name";

  public StixDomainName {
    Objects.requireNonNull(common, "common");

    other = StixObject.copyOther(other);
  }
}
