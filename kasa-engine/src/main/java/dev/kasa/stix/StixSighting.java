package dev.kasa.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A sighting: something was seen by someone. STIX type {@code sighting}.
 *
 * @param common the common properties
 * @param sightingOfRef {@code sighting_of_ref}, nullable
 * @param observedDataRefs {@code observed_data_refs}, nullable
 * @param whereSightedRefs {@code where_sighted_refs}, nullable
 * @param count {@code count}, nullable
 * @param firstSeen {@code first_seen}, nullable
 * @param lastSeen {@code last_seen}, nullable
 * @param summary {@code summary}, nullable
 * @param other every property not modelled here (custom {@code x_*} ones included), never null
 */
public record StixSighting(
    StixCommon common,
    String sightingOfRef,
    List<String> observedDataRefs,
    List<String> whereSightedRefs,
    Integer count,
    StixTimestamp firstSeen,
    StixTimestamp lastSeen,
    Boolean summary,
    Map<String, JsonNode> other)
    implements StixObject {
  /** The STIX type name of this record. */
  public static final String TYPE = "sighting";

  public StixSighting {
    Objects.requireNonNull(common, "common");
    observedDataRefs = observedDataRefs == null ? null : List.copyOf(observedDataRefs);
    whereSightedRefs = whereSightedRefs == null ? null : List.copyOf(whereSightedRefs);
    other = StixObject.copyOther(other);
  }
}
