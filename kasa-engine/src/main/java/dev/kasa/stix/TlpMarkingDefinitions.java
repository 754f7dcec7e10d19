package dev.kasa.stix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The standard TLP marking-definition objects, as a bundle that references them holds them so that
 * a receiver resolves every reference: the TLP 2.0 ones as the OASIS TLP 2.0 extension defines them
 * (created {@code 2022-10-01T00:00:00.000Z}, name {@code TLP:…}, the extension {@code
 * extension-definition--60a3c5c5-…} with {@code tlp_2_0}), and the TLP 1.0 ones of STIX 2.1 section
 * 7.2.1.4 (created {@code 2017-01-20T00:00:00.000Z}, {@code definition_type: tlp}).
 */
public final class TlpMarkingDefinitions {
  private static final StixTimestamp TLP2_CREATED = at("2022-10-01T00:00:00.000Z");
  private static final StixTimestamp TLP1_CREATED = at("2017-01-20T00:00:00.000Z");

  private static final Map<String, String> TLP1 =
      Map.of(
          "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", "white",
          "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", "green",
          "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", "amber",
          "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", "red");

  private TlpMarkingDefinitions() {}

  /** The definition object of a standard TLP 1.0 or 2.0 marking id; empty for any other id. */
  public static Optional<StixMarkingDefinition> of(String markingId) {
    Optional<Tlp> level = Tlp.ofMarkingId(markingId);
    if (level.isEmpty()) {
      return Optional.empty();
    }
    String tlp1 = TLP1.get(markingId);
    if (tlp1 != null) {
      ObjectNode definition = JsonNodeFactory.instance.objectNode().put("tlp", tlp1);
      return Optional.of(
          new StixMarkingDefinition(
              common(markingId, TLP1_CREATED),
              "TLP:" + tlp1.toUpperCase(Locale.ROOT),
              "tlp",
              definition,
              Map.of()));
    }
    String label = level.get().label();
    ObjectNode extensions = JsonNodeFactory.instance.objectNode();
    extensions
        .putObject(Tlp.TLP2_EXTENSION)
        .put("extension_type", "property-extension")
        .put("tlp_2_0", label);
    return Optional.of(
        new StixMarkingDefinition(
            common(markingId, TLP2_CREATED),
            "TLP:" + label.toUpperCase(Locale.ROOT),
            null,
            null,
            Map.<String, JsonNode>of("extensions", extensions)));
  }

  private static StixCommon common(String id, StixTimestamp created) {
    return new StixCommon(
        StixMarkingDefinition.TYPE,
        id,
        "2.1",
        created,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  private static StixTimestamp at(String text) {
    return new StixTimestamp(text, Instant.parse(text));
  }
}
