package dev.kasa.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/**
 * An object of a type Kasa does not model (e.g. {@code course-of-action}, {@code x-acme-widget}):
 * kept whole so that it is written back unchanged.
 *
 * @param common the common properties
 * @param other every other property, never null
 */
public record StixUnknownObject(StixCommon common, Map<String, JsonNode> other)
    implements StixObject {
  public StixUnknownObject {
    Objects.requireNonNull(common, "common");
    other = StixObject.copyOther(other);
  }
}
