package dev.kasa.intel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.kasa.stix.StixMarkingDefinition;
import dev.kasa.stix.Tlp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The TLP of STIX marking references, from the standard TLP 1.0 and 2.0 marking-definition ids and
 * the marking definitions of one bundle. A TLP must never be lost without a word: a marking that
 * says it is a TLP but whose level cannot be read, and a reference to a marking that is neither
 * standard nor in the bundle (it may be a TLP), both count as {@link Tlp#RED}, with a warning. Not
 * thread-safe; one per import.
 */
final class StixMarkings {
  /** The STIX extension of TLP 2.0 marking definitions. */
  static final String TLP2_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

  /** Marking definitions of the bundle: their TLP, or {@link Tlp#NONE} when they are no TLP. */
  private final Map<String, Tlp> defined = new HashMap<>();

  private final Map<List<String>, Tlp> byRefs = new HashMap<>();
  private final Map<List<String>, List<String>> absentOf = new HashMap<>();

  /** References to markings not defined, and how many indicators they mark. */
  private final Map<String, Integer> missing = new LinkedHashMap<>();

  /**
   * Takes in a marking definition of the bundle; returns a warning when it says it is a TLP but its
   * level cannot be read (it then counts as RED), or null.
   */
  String define(StixMarkingDefinition m) {
    List<String> unreadable = new ArrayList<>(1);
    Tlp tlp = Tlp.ofMarkingId(m.id()).orElse(Tlp.NONE);
    if ("tlp".equals(m.definitionType())) {
      JsonNode level = m.definition() == null ? null : m.definition().get("tlp");
      tlp = tlp.max(level(level, "definition.tlp", unreadable));
    }
    JsonNode extension = m.other().get("extensions");
    if (extension != null && extension.has(TLP2_EXTENSION)) {
      JsonNode level = extension.get(TLP2_EXTENSION).get("tlp_2_0");
      tlp = tlp.max(level(level, "extensions tlp_2_0", unreadable));
    }
    if (m.name() != null && m.name().strip().toLowerCase(Locale.ROOT).startsWith("tlp:")) {
      tlp = tlp.max(level(TextNode.valueOf(m.name()), "name", unreadable));
    }
    if (!unreadable.isEmpty()) {
      tlp = Tlp.RED;
    }
    defined.put(m.id(), tlp);
    return unreadable.isEmpty()
        ? null
        : m.id()
            + " says it is a TLP marking but its level cannot be read ("
            + String.join(", ", unreadable)
            + "); the indicators it marks are taken as TLP:RED";
  }

  private static Tlp level(JsonNode level, String where, List<String> unreadable) {
    Optional<Tlp> tlp =
        level != null && level.isTextual() ? Tlp.ofLabel(level.textValue()) : Optional.empty();
    if (tlp.isEmpty()) {
      unreadable.add(where + " " + (level == null ? "missing" : level.toString()));
    }
    return tlp.orElse(Tlp.RED);
  }

  /**
   * The most restrictive TLP of an indicator's marking references, once the whole bundle has been
   * read; {@code newIndicator} counts it towards the warnings about missing markings.
   */
  Tlp tlpOf(List<String> refs, boolean newIndicator) {
    if (refs == null || refs.isEmpty()) {
      return Tlp.NONE;
    }
    Tlp tlp = byRefs.get(refs);
    if (tlp == null) {
      tlp = Tlp.NONE;
      List<String> absent = new ArrayList<>(0);
      for (String ref : refs) {
        Tlp t = Tlp.ofMarkingId(ref).orElse(defined.get(ref));
        if (t == null) {
          absent.add(ref);
        }
        tlp = tlp.max(t == null ? Tlp.RED : t);
      }
      byRefs.put(refs, tlp);
      if (!absent.isEmpty()) {
        absentOf.put(refs, absent);
      }
    }
    if (newIndicator && !absentOf.isEmpty()) {
      for (String ref : absentOf.getOrDefault(refs, List.of())) {
        missing.merge(ref, 1, Integer::sum);
      }
    }
    return tlp;
  }

  /** One warning per marking that indicators reference but the bundle does not define. */
  Map<String, String> missingWarnings() {
    Map<String, String> warnings = new LinkedHashMap<>();
    missing.forEach(
        (ref, n) ->
            warnings.put(
                ref,
                ref
                    + " marks "
                    + n
                    + (n == 1 ? " indicator" : " indicators")
                    + " but is neither in the bundle nor a standard TLP marking; they are taken"
                    + " as TLP:RED in case it is one"));
    return warnings;
  }
}
