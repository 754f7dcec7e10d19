package dev.kasa.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/**
 * An IPv4 address or CIDR block observable. STIX type {@code ipv4-addr}.
 *
 * @param common the common properties
 * @param value {@code value}, nullable
 * @param other every property not modelled here (custom {@code x_*} ones included), never null
 */
public record StixIpv4Addr(StixCommon common, String value, Map<String, JsonNode> other)
    implements StixObject {
  /** The STIX type name of this record. */
  public static final String TYPE = "ipv4-addr";

  public StixIpv4Addr {
    Objects.requireNonNull(common, "common");

    other = StixObject.copyOther(other);
  }
}
