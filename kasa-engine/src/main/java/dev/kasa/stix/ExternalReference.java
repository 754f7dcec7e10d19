package dev.kasa.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/**
 * A STIX external reference, e.g. an ATT&amp;CK technique id ({@code source_name: mitre-attack},
 * {@code external_id: T1071.001}).
 *
 * @param sourceName required by the spec; null only in rejected content
 * @param externalId nullable
 * @param url nullable
 * @param description nullable
 * @param other every other property (hashes, custom ones), never null
 */
public record ExternalReference(
    String sourceName,
    String externalId,
    String url,
    String description,
    Map<String, JsonNode> other) {
  public ExternalReference {
    other = Map.copyOf(Objects.requireNonNull(other, "other"));
  }
}
