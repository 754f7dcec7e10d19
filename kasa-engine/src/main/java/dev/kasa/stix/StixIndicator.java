package dev.kasa.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An indicator: a pattern of observables that suggests malicious activity. STIX type {@code
 * indicator}.
 *
 * @param common the common properties
 * @param name {@code name}, nullable
 * @param description {@code description}, nullable
 * @param indicatorTypes {@code indicator_types}, nullable
 * @param pattern {@code pattern}, nullable
 * @param patternType {@code pattern_type}, nullable
 * @param patternVersion {@code pattern_version}, nullable
 * @param validFrom {@code valid_from}, nullable
 * @param validUntil {@code valid_until}, nullable
 * @param other every property not modelled here (custom {@code x_*} ones included), never null
 */
public record StixIndicator(
    StixCommon common,
    String name,
    String description,
    List<String> indicatorTypes,
    String pattern,
    String patternType,
    String patternVersion,
    StixTimestamp validFrom,
    StixTimestamp validUntil,
    Map<String, JsonNode> other)
    implements StixObject {
  /** The STIX type name of this record. */
  public static final String TYPE = "indicator";

  public StixIndicator {
    Objects.requireNonNull(common, "common");
    indicatorTypes = indicatorTypes == null ? null : List.copyOf(indicatorTypes);
    other = StixObject.copyOther(other);
  }
}
