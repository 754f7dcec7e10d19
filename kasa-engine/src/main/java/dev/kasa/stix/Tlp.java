package dev.kasa.stix;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Traffic Light Protocol levels, with the standard STIX marking-definition ids of TLP 1.0 (STIX 2.1
 * section 7.2.1.4) and TLP 2.0. {@link #NONE} means no TLP marking was found. Ordered from least to
 * most restrictive.
 *
 * <p>An object's TLP ({@link #of(StixCommon)}) is read only from these standard ids: STIX 2.1 says
 * that no other instance of a TLP marking may be used or created, so a marking definition that
 * presents itself as a TLP under another id is invalid ({@link StixValidator}) and never decides.
 * TLP 1.0 levels map to TLP 2.0 as FIRST defines: WHITE is CLEAR, GREEN, AMBER and RED stay (AMBER
 * never becomes AMBER+STRICT).
 */
public enum Tlp {
  NONE("none"),
  CLEAR("clear"),
  GREEN("green"),
  AMBER("amber"),
  AMBER_STRICT("amber+strict"),
  RED("red");

  /** The id of the STIX extension definition that TLP 2.0 marking definitions use. */
  public static final String TLP2_EXTENSION =
      "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

  private static final Map<String, Tlp> BY_MARKING_ID =
      Map.ofEntries(
          Map.entry("marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", CLEAR),
          Map.entry("marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", GREEN),
          Map.entry("marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", AMBER),
          Map.entry("marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", RED),
          Map.entry("marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", CLEAR),
          Map.entry("marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", GREEN),
          Map.entry("marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", AMBER),
          Map.entry("marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", AMBER_STRICT),
          Map.entry("marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", RED));

  private static final Set<String> TLP2_IDS =
      Set.of(
          "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
          "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
          "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
          "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
          "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1");

  private final String label;

  Tlp(String label) {
    this.label = label;
  }

  /** The lower-case label as written after {@code TLP:}, e.g. {@code amber+strict}. */
  public String label() {
    return label;
  }

  /**
   * The standard TLP 2.0 marking-definition id of this level; empty for {@link #NONE}. Objects Kasa
   * writes are marked with these.
   */
  public Optional<String> markingId() {
    return BY_MARKING_ID.entrySet().stream()
        .filter(e -> e.getValue() == this && TLP2_IDS.contains(e.getKey()))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  /** The TLP level of a standard TLP 1.0 or 2.0 marking-definition id, if it is one. */
  public static Optional<Tlp> ofMarkingId(String markingDefinitionId) {
    return Optional.ofNullable(BY_MARKING_ID.get(markingDefinitionId));
  }

  /** Whether {@code markingDefinitionId} is one of the standard TLP 1.0 or 2.0 marking ids. */
  public static boolean isStandard(String markingDefinitionId) {
    return BY_MARKING_ID.containsKey(markingDefinitionId);
  }

  /**
   * An object's TLP: the most restrictive standard TLP marking among its {@code
   * object_marking_refs} and the {@code marking_ref}s of its {@code granular_markings}, whatever
   * their selectors (a TLP on any part of an object applies to all of it, which can only restrict
   * it further); {@link #NONE} when it carries none. Other markings never decide. This is the one
   * reading of an object's TLP in Kasa.
   */
  public static Tlp of(StixCommon object) {
    return ofRefs(object.markingRefs());
  }

  /** The most restrictive standard TLP among {@code markingRefs}; {@link #NONE} when none is. */
  public static Tlp ofRefs(Collection<String> markingRefs) {
    Tlp tlp = NONE;
    if (markingRefs != null) {
      for (String ref : markingRefs) {
        Tlp t = ref == null ? null : BY_MARKING_ID.get(ref);
        if (t != null) {
          tlp = tlp.max(t);
        }
      }
    }
    return tlp;
  }

  /**
   * The TLP level named by a label such as {@code white}, {@code TLP:AMBER+STRICT} or {@code
   * tlp:clear}; TLP 1.0's WHITE is TLP 2.0's CLEAR.
   */
  public static Optional<Tlp> ofLabel(String label) {
    String l = label.strip().toLowerCase(Locale.ROOT);
    if (l.startsWith("tlp:")) {
      l = l.substring(4);
    }
    return switch (l) {
      case "white", "clear" -> Optional.of(CLEAR);
      case "green" -> Optional.of(GREEN);
      case "amber" -> Optional.of(AMBER);
      case "amber+strict" -> Optional.of(AMBER_STRICT);
      case "red" -> Optional.of(RED);
      default -> Optional.empty();
    };
  }

  /** The more restrictive of two levels. */
  public Tlp max(Tlp other) {
    return compareTo(other) >= 0 ? this : other;
  }
}
