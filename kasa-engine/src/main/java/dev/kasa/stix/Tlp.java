package dev.kasa.stix;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Traffic Light Protocol levels, with the standard STIX marking-definition ids of TLP 1.0 (STIX 2.1
 * section 7.2.1.4) and TLP 2.0. {@link #NONE} means no TLP marking was found. Ordered from least to
 * most restrictive.
 */
public enum Tlp {
  NONE("none"),
  CLEAR("clear"),
  GREEN("green"),
  AMBER("amber"),
  AMBER_STRICT("amber+strict"),
  RED("red");

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

  private static final java.util.Set<String> TLP2_IDS =
      java.util.Set.of(
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
