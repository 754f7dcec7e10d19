package dev.kasa.stix;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Writes STIX records back to JSON: the modelled properties first (in the spec's order), then the
 * record's other properties in their input order. Reading then writing gives back an equal JSON
 * object. Thread-safe (stateless).
 */
public final class StixWriter {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  private StixWriter() {}

  /** One object as compact JSON text. */
  public static String toJson(StixObject o) {
    var out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(o, g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** One object as a JSON tree. */
  public static JsonNode toTree(StixObject o) {
    try {
      return MAPPER.readTree(toJson(o));
    } catch (IOException e) {
      throw new KasaException(ErrorCode.INTERNAL, "cannot re-read written " + o.id(), e);
    }
  }

  /** A whole bundle to {@code out} (not closed). */
  public static void writeBundle(StixBundle bundle, OutputStream out) {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.writeStartObject();
      g.writeStringField("type", "bundle");
      if (bundle.id() != null) {
        g.writeStringField("id", bundle.id());
      }
      other(g, bundle.other());
      g.writeArrayFieldStart("objects");
      for (StixObject o : bundle.objects()) {
        write(o, g);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new KasaException(ErrorCode.IO_FAILURE, "cannot write bundle: " + e.getMessage(), e);
    }
  }

  /** One object to a generator. */
  public static void write(StixObject o, JsonGenerator g) throws IOException {
    g.writeStartObject();
    StixCommon c = o.common();
    str(g, "type", c.type());
    str(g, "spec_version", c.specVersion());
    str(g, "id", c.id());
    str(g, "created_by_ref", c.createdByRef());
    time(g, "created", c.created());
    time(g, "modified", c.modified());
    switch (o) {
      case StixIndicator i -> {
        str(g, "name", i.name());
        str(g, "description", i.description());
        strs(g, "indicator_types", i.indicatorTypes());
        str(g, "pattern", i.pattern());
        str(g, "pattern_type", i.patternType());
        str(g, "pattern_version", i.patternVersion());
        time(g, "valid_from", i.validFrom());
        time(g, "valid_until", i.validUntil());
      }
      case StixSighting s -> {
        str(g, "sighting_of_ref", s.sightingOfRef());
        strs(g, "observed_data_refs", s.observedDataRefs());
        strs(g, "where_sighted_refs", s.whereSightedRefs());
        num(g, "count", s.count());
        time(g, "first_seen", s.firstSeen());
        time(g, "last_seen", s.lastSeen());
        bool(g, "summary", s.summary());
      }
      case StixObservedData d -> {
        time(g, "first_observed", d.firstObserved());
        time(g, "last_observed", d.lastObserved());
        num(g, "number_observed", d.numberObserved());
        strs(g, "object_refs", d.objectRefs());
      }
      case StixIdentity x -> {
        str(g, "name", x.name());
        str(g, "identity_class", x.identityClass());
      }
      case StixMarkingDefinition m -> {
        str(g, "name", m.name());
        str(g, "definition_type", m.definitionType());
        node(g, "definition", m.definition());
      }
      case StixIntrusionSet x -> {
        str(g, "name", x.name());
        strs(g, "aliases", x.aliases());
        str(g, "resource_level", x.resourceLevel());
      }
      case StixThreatActor x -> {
        str(g, "name", x.name());
        strs(g, "threat_actor_types", x.threatActorTypes());
        strs(g, "aliases", x.aliases());
        str(g, "resource_level", x.resourceLevel());
      }
      case StixCampaign x -> {
        str(g, "name", x.name());
        strs(g, "aliases", x.aliases());
      }
      case StixMalware x -> {
        str(g, "name", x.name());
        strs(g, "malware_types", x.malwareTypes());
        bool(g, "is_family", x.isFamily());
      }
      case StixTool x -> {
        str(g, "name", x.name());
        strs(g, "tool_types", x.toolTypes());
      }
      case StixAttackPattern x -> str(g, "name", x.name());
      case StixRelationship r -> {
        str(g, "relationship_type", r.relationshipType());
        str(g, "source_ref", r.sourceRef());
        str(g, "target_ref", r.targetRef());
      }
      case StixReport r -> {
        str(g, "name", r.name());
        strs(g, "report_types", r.reportTypes());
        time(g, "published", r.published());
        strs(g, "object_refs", r.objectRefs());
      }
      case StixGrouping x -> {
        str(g, "name", x.name());
        str(g, "context", x.context());
        strs(g, "object_refs", x.objectRefs());
      }
      case StixIpv4Addr x -> str(g, "value", x.value());
      case StixIpv6Addr x -> str(g, "value", x.value());
      case StixDomainName x -> str(g, "value", x.value());
      case StixUrl x -> str(g, "value", x.value());
      case StixEmailAddr x -> {
        str(g, "value", x.value());
        str(g, "display_name", x.displayName());
      }
      case StixFile f -> {
        str(g, "name", f.name());
        if (f.hashes() != null) {
          g.writeObjectFieldStart("hashes");
          for (var e : f.hashes().entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
          }
          g.writeEndObject();
        }
      }
      case StixUnknownObject u -> {}
    }
    bool(g, "revoked", c.revoked());
    strs(g, "labels", c.labels());
    num(g, "confidence", c.confidence());
    if (c.externalReferences() != null) {
      g.writeArrayFieldStart("external_references");
      for (ExternalReference r : c.externalReferences()) {
        g.writeStartObject();
        str(g, "source_name", r.sourceName());
        str(g, "description", r.description());
        str(g, "url", r.url());
        str(g, "external_id", r.externalId());
        other(g, r.other());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    strs(g, "object_marking_refs", c.objectMarkingRefs());
    node(g, "granular_markings", c.granularMarkings());
    other(g, o.other());
    g.writeEndObject();
  }

  private static void str(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }

  private static void time(JsonGenerator g, String name, StixTimestamp t) throws IOException {
    if (t != null) {
      g.writeStringField(name, t.text());
    }
  }

  private static void bool(JsonGenerator g, String name, Boolean value) throws IOException {
    if (value != null) {
      g.writeBooleanField(name, value);
    }
  }

  private static void num(JsonGenerator g, String name, Integer value) throws IOException {
    if (value != null) {
      g.writeNumberField(name, value);
    }
  }

  private static void strs(JsonGenerator g, String name, List<String> values) throws IOException {
    if (values != null) {
      g.writeArrayFieldStart(name);
      for (String v : values) {
        g.writeString(v);
      }
      g.writeEndArray();
    }
  }

  private static void node(JsonGenerator g, String name, JsonNode value) throws IOException {
    if (value != null) {
      g.writeFieldName(name);
      MAPPER.writeTree(g, value);
    }
  }

  private static void other(JsonGenerator g, Map<String, JsonNode> other) throws IOException {
    for (var e : other.entrySet()) {
      node(g, e.getKey(), e.getValue());
    }
  }
}
