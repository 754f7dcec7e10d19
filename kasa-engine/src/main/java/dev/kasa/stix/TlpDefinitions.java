package dev.kasa.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * What a marking definition says about TLP, checked against the rule that only the standard TLP 1.0
 * and 2.0 marking definitions are TLP markings (STIX 2.1 section 7.2.1.4: "Other instances of
 * tlp-marking MUST NOT be used or created"). A definition that presents itself as a TLP (by {@code
 * definition_type}, the TLP 2.0 extension or a {@code TLP:} name) under another id is an error, and
 * so is a standard one whose stated level is not the level of its id: either could make a reader
 * that trusts the content share more widely than the producer meant.
 */
final class TlpDefinitions {
  private TlpDefinitions() {}

  static void check(StixMarkingDefinition m, BiConsumer<String, String> error) {
    Optional<Tlp> standard = Tlp.ofMarkingId(m.id());
    JsonNode extension = m.other().get("extensions");
    JsonNode tlp2 = extension == null ? null : extension.get(Tlp.TLP2_EXTENSION);
    boolean typeTlp =
        m.definitionType() != null && m.definitionType().toLowerCase(Locale.ROOT).equals("tlp");
    if (standard.isEmpty()) {
      String claim =
          typeTlp
              ? "definition_type '" + m.definitionType() + "'"
              : tlp2 != null
                  ? "the TLP 2.0 extension"
                  : namesTlp(m.name()) ? "the name '" + PropertyBag.clip(m.name()) + "'" : null;
      if (claim != null) {
        error.accept(
            typeTlp ? "definition_type" : tlp2 != null ? "extensions" : "name",
            "presents a TLP marking ("
                + claim
                + ") under an id that is not one of the standard TLP 1.0 or 2.0 marking"
                + " definitions; only those are TLP markings (STIX 2.1 section 7.2.1.4)");
      }
      return;
    }
    Tlp level = standard.get();
    if (typeTlp && m.definition() != null) {
      agrees(level, m.definition().get("tlp"), "definition.tlp", error);
    }
    if (tlp2 != null) {
      agrees(level, tlp2.get("tlp_2_0"), "extensions", error);
    }
  }

  private static boolean namesTlp(String name) {
    return name != null && name.strip().toLowerCase(Locale.ROOT).startsWith("tlp:");
  }

  private static void agrees(
      Tlp level, JsonNode stated, String property, BiConsumer<String, String> error) {
    Optional<Tlp> said =
        stated != null && stated.isTextual() ? Tlp.ofLabel(stated.textValue()) : Optional.empty();
    if (said.isEmpty() || said.get() != level) {
      error.accept(
          property,
          "is the standard TLP:"
              + level.label().toUpperCase(Locale.ROOT)
              + " marking but states "
              + (stated == null ? "no level" : PropertyBag.clip(stated.toString())));
    }
  }
}
