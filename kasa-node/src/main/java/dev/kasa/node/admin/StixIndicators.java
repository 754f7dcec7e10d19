package dev.kasa.node.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kasa.intel.Indicator;
import dev.kasa.intel.StixPatternText;
import dev.kasa.stix.StixTimestamp;
import dev.kasa.stix.Tlp;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/** STIX 2.1 indicator objects for what {@code intel add} publishes. */
final class StixIndicators {
  private static final ObjectMapper JSON = new ObjectMapper();

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
