package dev.kasa.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A STIX 2.0 or 2.1 object as read from JSON. Known types are typed records; any other type is a
 * {@link StixUnknownObject}. Every record keeps the properties it does not model in {@link
 * #other()}, so that {@link StixWriter} gives back the same JSON object. Immutable.
 */
public sealed interface StixObject
    permits StixIndicator,
        StixSighting,
        StixObservedData,
        StixIdentity,
        StixMarkingDefinition,
        StixIntrusionSet,
        StixThreatActor,
        StixCampaign,
        StixMalware,
        StixTool,
        StixAttackPattern,
        StixRelationship,
        StixReport,
        StixGrouping,
        StixIpv4Addr,
        StixIpv6Addr,
        StixDomainName,
        StixUrl,
        StixEmailAddr,
        StixFile,
        StixUnknownObject {

  /** The common properties. */
  StixCommon common();

  /** Properties not modelled by the record, in input order; never null. */
  Map<String, JsonNode> other();

  /** The object's id, {@code <type>--<uuid>}. */
  default String id() {
    return common().id();
  }

  /** The object's type. */
  default String type() {
    return common().type();
  }

  /** An unmodifiable, order-preserving copy. */
  static Map<String, JsonNode> copyOther(Map<String, JsonNode> other) {
    if (other == null || other.isEmpty()) {
      return Map.of();
    }
    return Collections.unmodifiableMap(new LinkedHashMap<>(other));
  }
}
