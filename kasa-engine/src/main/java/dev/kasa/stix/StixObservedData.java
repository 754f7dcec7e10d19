package dev.kasa.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Observed data: raw observations over a time window. STIX type {@code observed-data}.
 *
 * @param common the common properties
 * @param firstObserved {@code first_observed}, nullable
 * @param lastObserved {@code last_observed}, nullable
 * @param numberObserved {@code number_observed}, nullable
 * @param objectRefs {@code object_refs}, nullable
 * @param other every property not modelled here (custom {@code x_*} ones included), never null
 */
public record StixObservedData(
    StixCommon common,
    StixTimestamp firstObserved,
    StixTimestamp lastObserved,
    Integer numberObserved,
    List<String> objectRefs,
    Map<String, JsonNode> other)
    implements StixObject {
  /** The STIX type name of this record. */
  public static final String TYPE = "observed-data";

  public StixObservedData {
    Objects.requireNonNull(common, "common");
    objectRefs = objectRefs == null ? null : List.copyOf(objectRefs);
    other = StixObject.copyOther(other);
  }
}
