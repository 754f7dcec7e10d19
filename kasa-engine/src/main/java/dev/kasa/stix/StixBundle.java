package dev.kasa.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A whole bundle held in memory: for small bundles and tests. Large bundles are read one object at
 * a time with {@link StixReader}.
 *
 * @param id {@code bundle--<uuid>}, nullable only in rejected content
 * @param objects the valid objects, in input order
 * @param other the bundle's other properties ({@code type} excluded; {@code spec_version} of STIX
 *     2.0 bundles included), never null
 */
public record StixBundle(String id, List<StixObject> objects, Map<String, JsonNode> other) {
  public StixBundle {
    objects = List.copyOf(Objects.requireNonNull(objects, "objects"));
    other = StixObject.copyOther(other);
  }
}
