package dev.kasa.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A grouping: objects that share a context. STIX type {@code grouping}.
 *
 * @param common the common properties
 * @param name {@code name}, nullable
 * @param context {@code context}, nullable
 * @param objectRefs {@code object_refs}, nullable
 * @param other every property not modelled here (custom {@code x_*} ones included), never null
 */
public record StixGrouping(
    StixCommon common,
    String name,
    String context,
    List<String> objectRefs,
    Map<String, JsonNode> other)
    implements StixObject {
  /** The STIX type name of this record. */
  public static final String TYPE = "grouping";

  public StixGrouping {
    Objects.requireNonNull(common, "common");
    objectRefs = objectRefs == null ? null : List.copyOf(objectRefs);
    other = StixObject.copyOther(other);
  }
}
