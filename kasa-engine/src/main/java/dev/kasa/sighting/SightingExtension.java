package dev.kasa.sighting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.kasa.stix.StixCommon;
import dev.kasa.stix.StixIdentity;
import dev.kasa.stix.StixObject;
import dev.kasa.stix.StixTimestamp;
import dev.kasa.stix.StixUnknownObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kasa's STIX 2.1 property extension for sightings: {@code false_positive: true} says the sighter
 * judged the sighted events a false positive (STIX 2.1 has no property for it). A receiver that
 * does not know the extension still reads a valid sighting; the verdict is also part of the id, so
 * a false positive never supersedes a true one. Sightings carry it under {@code extensions}, keyed
 * by {@link #ID}; a bundle that holds such a sighting holds {@link #objects()} too.
 */
public final class SightingExtension {
  /** The extension definition's id; fixed forever. */
  public static final String ID = "extension-definition--3a59914d-581e-4472-959b-58c64ae93e99";

  /** The property the extension adds. */
  public static final String FALSE_POSITIVE = "false_positive";

  /** The Kasa project's identity, the extension definition's creator. */
  public static final String KASA_IDENTITY = "identity--4aed9b5a-b51b-4e98-a528-4205b2610a5b";

  private static final StixTimestamp DEFINED = StixTimestamp.parse("2026-12-01T00:00:00.000Z");

  static final String SCHEMA =
      "Kasa sighting extension 1.0. A property-extension of sighting objects with one property:"
          + " false_positive (boolean, required; true: the sighter judged the sighted events a"
          + " false positive). Absent extension: the sighting is a true positive.";

  private SightingExtension() {}

  /** The Kasa identity and the extension definition, as a bundle must hold them. */
  public static List<StixObject> objects() {
    var identity =
        new StixIdentity(
            common(StixIdentity.TYPE, KASA_IDENTITY, null), "Kasa", "organization", Map.of());
    Map<String, JsonNode> other = new LinkedHashMap<>();
    other.put("name", TextNode.valueOf("Kasa sighting extension"));
    other.put("schema", TextNode.valueOf(SCHEMA));
    other.put("version", TextNode.valueOf("1.0.0"));
    other.put("extension_types", JsonNodeFactory.instance.arrayNode().add("property-extension"));
    var definition =
        new StixUnknownObject(common("extension-definition", ID, KASA_IDENTITY), other);
    return List.of(identity, definition);
  }

  private static StixCommon common(String type, String id, String createdBy) {
    return new StixCommon(
        type, id, "2.1", DEFINED, DEFINED, createdBy, null, null, null, null, null, null);
  }
}
