package dev.kasa.intel;

import dev.kasa.stix.Tlp;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The TLP of an indicator's marking references, as {@link Tlp#ofRefs} reads it (the standard TLP
 * 1.0 and 2.0 ids only), with one safety: a marking definition of the bundle that was rejected (one
 * that presents itself as a TLP under a non-standard id, or is otherwise invalid) may have been
 * meant as a TLP, so the indicators it marks count as {@link Tlp#RED}, with a warning. Its level is
 * never read. Not thread-safe; one per import.
 */
final class StixMarkings {
  /** Ids of the bundle's marking definitions that were rejected. */
  private final Set<String> rejected = new HashSet<>();

  private final Map<List<String>, Tlp> byRefs = new HashMap<>();

  /** Rejected markings that mark indicators, and how many indicators each marks. */
  private final Map<String, Integer> marking = new LinkedHashMap<>();

  /**
   * A marking definition of the bundle was rejected. A standard TLP id keeps its level whatever the
   * bundle says of it.
   */
  void rejected(String id) {
    if (!Tlp.isStandard(id) && rejected.add(id)) {
      byRefs.clear();
    }
  }

  /**
   * The TLP of an indicator's marking references, once the whole bundle has been read; {@code
   * newIndicator} counts it towards the warnings about rejected markings.
   */
  Tlp tlpOf(List<String> refs, boolean newIndicator) {
    if (refs == null || refs.isEmpty()) {
      return Tlp.NONE;
    }
    Tlp tlp = byRefs.get(refs);
    if (tlp == null) {
      tlp = Tlp.ofRefs(refs);
      if (!rejected.isEmpty() && refs.stream().anyMatch(rejected::contains)) {
        tlp = Tlp.RED;
      }
      byRefs.put(refs, tlp);
    }
    if (newIndicator && !rejected.isEmpty()) {
      for (String ref : refs) {
        if (rejected.contains(ref)) {
          marking.merge(ref, 1, Integer::sum);
        }
      }
    }
    return tlp;
  }

  /** One warning per rejected marking definition that marks indicators. */
  Map<String, String> rejectedWarnings() {
    Map<String, String> warnings = new LinkedHashMap<>();
    marking.forEach(
        (ref, n) ->
            warnings.put(
                ref,
                ref
                    + " marks "
                    + n
                    + (n == 1 ? " indicator" : " indicators")
                    + " but its marking definition was rejected (see its error); they are taken"
                    + " as TLP:RED in case it was meant as one"));
    return warnings;
  }
}
