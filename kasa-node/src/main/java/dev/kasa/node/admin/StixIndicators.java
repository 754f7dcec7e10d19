package dev.kasa.node.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kasa.intel.Indicator;
import dev.kasa.intel.StixPatternText;
import dev.kasa.sighting.KasaUuids;
import dev.kasa.stix.StixTimestamp;
import dev.kasa.stix.Tlp;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/** STIX 2.1 indicator objects for what {@code intel add} publishes. */
final class StixIndicators {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EPOCH = "1970-01-01T00:00:00.000Z";

  private StixIndicators() {}

  /**
   * One {@code stix} indicator for the observables that share an id (an OR of comparisons); its
   * created and modified are its valid_from, so that publishing the same input twice adds nothing.
   */
  static byte[] of(List<Indicator> group) {
    Indicator first = group.get(0);
    String from = StixTimestamp.of(first.validFrom()).text();
    ObjectNode o = JSON.createObjectNode();
    o.put("type", "indicator");
    o.put("spec_version", "2.1");
    o.put("id", first.id());
    o.put("created", from);
    o.put("modified", from);
    o.put("name", first.value());
    o.put(
        "pattern",
        group.stream().map(StixPatternText::of).distinct().collect(Collectors.joining(" OR ")));
    o.put("pattern_type", "stix");
    o.put("valid_from", from);
    if (first.validUntil() != null) {
      o.put("valid_until", StixTimestamp.of(first.validUntil()).text());
    }
    if (first.revoked()) {
      o.put("revoked", true);
    }
    if (first.confidence() >= 0) {
      o.put("confidence", first.confidence());
    }
    mark(o, first.tlp());
    return bytes(o);
  }

  /** A {@code sigma} indicator carrying a rule's text. */
  static byte[] sigma(String ruleId, String title, String text, String now, Tlp tlp) {
    ObjectNode o = JSON.createObjectNode();
    o.put("type", "indicator");
    o.put("spec_version", "2.1");
    o.put("id", "indicator--" + ruleId);
    o.put("created", now);
    o.put("modified", now);
    o.put("name", title);
    o.put("pattern", text);
    o.put("pattern_type", "sigma");
    o.put("valid_from", now);
    mark(o, tlp);
    return bytes(o);
  }

  /**
   * What stands behind an indicator made from a MISP event or list (its {@link
   * dev.kasa.intel.Attribution}: galaxy actors, campaigns, malware, ATT&amp;CK techniques) as STIX
   * objects and {@code indicates} relationships from the indicator, so that the node's detector
   * resolves them as it does for a STIX bundle. Ids are name-based (the same input, the same ids)
   * and include the TLP, so that an actor named under two markings is two objects, each marked as
   * the indicator that names it; {@code created} is the epoch for the named objects (they say
   * nothing time-bound) and the indicator's for its relationships, so republishing adds nothing.
   * Keyed by id.
   */
  static java.util.Map<String, byte[]> attribution(Indicator first) {
    var out = new java.util.LinkedHashMap<String, byte[]>();
    dev.kasa.intel.Attribution a = first.attribution();
    String from = StixTimestamp.of(first.validFrom()).text();
    for (dev.kasa.intel.Actor actor : a.actors()) {
      ObjectNode o = named("intrusion-set", actor.name(), first.tlp());
      if (actor.stateSponsored()) {
        o.put("resource_level", "government");
      }
      indicates(out, first, o, from);
    }
    for (String campaign : a.campaigns()) {
      indicates(out, first, named("campaign", campaign, first.tlp()), from);
    }
    for (String malware : a.malware()) {
      indicates(out, first, named("malware", malware, first.tlp()).put("is_family", true), from);
    }
    for (String technique : a.techniques()) {
      ObjectNode o =
          named(
              "attack-pattern",
              a.techniqueNames().getOrDefault(technique, technique),
              first.tlp(),
              technique);
      o.putArray("external_references")
          .addObject()
          .put("source_name", "mitre-attack")
          .put("external_id", technique);
      indicates(out, first, o, from);
    }
    return out;
  }

  private static ObjectNode named(String type, String name, Tlp tlp) {
    return named(type, name, tlp, name);
  }

  private static ObjectNode named(String type, String name, Tlp tlp, String key) {
    ObjectNode o = JSON.createObjectNode();
    o.put("type", type);
    o.put("spec_version", "2.1");
    o.put(
        "id", type + "--" + KasaUuids.of("kasa intel add " + type + " " + key + " " + tlp.label()));
    o.put("created", EPOCH);
    o.put("modified", EPOCH);
    o.put("name", name);
    mark(o, tlp);
    return o;
  }

  private static void indicates(
      java.util.Map<String, byte[]> out, Indicator from, ObjectNode target, String at) {
    String targetId = target.get("id").asText();
    out.putIfAbsent(targetId, bytes(target));
    ObjectNode r = JSON.createObjectNode();
    r.put("type", "relationship");
    r.put("spec_version", "2.1");
    r.put(
        "id",
        "relationship--" + KasaUuids.of("kasa intel add indicates " + from.id() + " " + targetId));
    r.put("created", at);
    r.put("modified", at);
    r.put("relationship_type", "indicates");
    r.put("source_ref", from.id());
    r.put("target_ref", targetId);
    mark(r, from.tlp());
    out.putIfAbsent(r.get("id").asText(), bytes(r));
  }

  private static void mark(ObjectNode o, Tlp tlp) {
    tlp.markingId().ifPresent(id -> o.putArray("object_marking_refs").add(id));
  }

  private static byte[] bytes(ObjectNode o) {
    try {
      return JSON.writeValueAsBytes(o);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
