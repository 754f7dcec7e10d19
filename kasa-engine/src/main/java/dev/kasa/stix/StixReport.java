package dev.kasa.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A report: a collection of threat intelligence on a topic. STIX type {@code report}.
 *
 * @param common the common properties
 * @param name {@code name}, nullable
 * @param reportTypes {@code report_types}, nullable
 * @param published {@code published}, nullable
 * @param objectRefs {@code object_refs}, nullable
 * @param other every property not modelled here (custom {@code x_*} ones included), never null
 */
public record StixReport(
    StixCommon common,
    String name,
    List<String> reportTypes,
    StixTimestamp published,
    List<String> objectRefs,
    Map<String, JsonNode> other)
    implements StixObject {
  /** The STIX type name of this record. */
  public static final String TYPE = "report";

  public StixReport {
    Objects.requireNonNull(common, "common");
    reportTypes = reportTypes == null ? null : List.copyOf(reportTypes);
    objectRefs = objectRefs == null ? null : List.copyOf(objectRefs);
    other = StixObject.copyOther(other);
  }
}
