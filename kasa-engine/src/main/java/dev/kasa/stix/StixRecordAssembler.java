package dev.kasa.stix;

/** Turns a decoded {@link PropertyBag} into the record of its type. Stateless. */
final class StixRecordAssembler {
  private StixRecordAssembler() {}

  /** The record, or null when the bag lacks a usable type or id (errors are in the bag). */
  static StixObject assemble(PropertyBag b) {
    String type = b.str("type");
    String id = b.str("id");
    b.id(id);
    if (type == null) {
      b.error("type", "is required");
    }
    if (id == null) {
      b.error("id", "is required");
    }
    if (type == null || id == null) {
      return null;
    }
    StixCommon c =
        new StixCommon(
            type,
            id,
            b.str("spec_version"),
            b.timestamp("created"),
            b.timestamp("modified"),
            b.str("created_by_ref"),
            b.bool("revoked"),
            b.strings("labels"),
            b.integer("confidence"),
            b.externalReferences(),
            b.strings("object_marking_refs"),
            b.node("granular_markings"));
    return switch (type) {
      case StixIndicator.TYPE ->
          new StixIndicator(
              c,
              b.str("name"),
              b.str("description"),
              b.strings("indicator_types"),
              b.str("pattern"),
              b.str("pattern_type"),
              b.str("pattern_version"),
              b.timestamp("valid_from"),
              b.timestamp("valid_until"),
              b.rest());
      case StixSighting.TYPE ->
          new StixSighting(
              c,
              b.str("sighting_of_ref"),
              b.strings("observed_data_refs"),
              b.strings("where_sighted_refs"),
              b.integer("count"),
              b.timestamp("first_seen"),
              b.timestamp("last_seen"),
              b.bool("summary"),
              b.rest());
      case StixObservedData.TYPE ->
          new StixObservedData(
              c,
              b.timestamp("first_observed"),
              b.timestamp("last_observed"),
              b.integer("number_observed"),
              b.strings("object_refs"),
              b.rest());
      case StixIdentity.TYPE ->
          new StixIdentity(c, b.str("name"), b.str("identity_class"), b.rest());
      case StixMarkingDefinition.TYPE ->
          new StixMarkingDefinition(
              c, b.str("name"), b.str("definition_type"), b.node("definition"), b.rest());
      case StixIntrusionSet.TYPE ->
          new StixIntrusionSet(
              c, b.str("name"), b.strings("aliases"), b.str("resource_level"), b.rest());
      case StixThreatActor.TYPE ->
          new StixThreatActor(
              c,
              b.str("name"),
              b.strings("threat_actor_types"),
              b.strings("aliases"),
              b.str("resource_level"),
              b.rest());
      case StixCampaign.TYPE -> new StixCampaign(c, b.str("name"), b.strings("aliases"), b.rest());
      case StixMalware.TYPE ->
          new StixMalware(
              c, b.str("name"), b.strings("malware_types"), b.bool("is_family"), b.rest());
      case StixTool.TYPE -> new StixTool(c, b.str("name"), b.strings("tool_types"), b.rest());
      case StixAttackPattern.TYPE -> new StixAttackPattern(c, b.str("name"), b.rest());
      case StixRelationship.TYPE ->
          new StixRelationship(
              c, b.str("relationship_type"), b.str("source_ref"), b.str("target_ref"), b.rest());
      case StixReport.TYPE ->
          new StixReport(
              c,
              b.str("name"),
              b.strings("report_types"),
              b.timestamp("published"),
              b.strings("object_refs"),
              b.rest());
      case StixGrouping.TYPE ->
          new StixGrouping(c, b.str("name"), b.str("context"), b.strings("object_refs"), b.rest());
      case StixIpv4Addr.TYPE -> new StixIpv4Addr(c, b.str("value"), b.rest());
      case StixIpv6Addr.TYPE -> new StixIpv6Addr(c, b.str("value"), b.rest());
      case StixDomainName.TYPE -> new StixDomainName(c, b.str("value"), b.rest());
      case StixUrl.TYPE -> new StixUrl(c, b.str("value"), b.rest());
      case StixEmailAddr.TYPE ->
          new StixEmailAddr(c, b.str("value"), b.str("display_name"), b.rest());
      case StixFile.TYPE -> new StixFile(c, b.str("name"), b.stringMap("hashes"), b.rest());
      default -> new StixUnknownObject(c, b.rest());
    };
  }
}
