package dev.kasa.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/**
 * A file observable, with its hashes. STIX type {@code file}.
 *
 * @param common the common properties
 * @param name {@code name}, nullable
 * @param hashes {@code hashes}, nullable
 * @param other every property not modelled here (custom {@code x_*} ones included), never null
 */
public record StixFile(
    StixCommon common, String name, Map<String, String> hashes, Map<String, JsonNode> other)
    implements StixObject {
  /** The STIX type name of this record. */
  public static final String TYPE = "file";

  public StixFile {
    Objects.requireNonNull(common, "common");
    hashes = hashes == null ? null : Map.copyOf(hashes);
    other = StixObject.copyOther(other);
  }
}
