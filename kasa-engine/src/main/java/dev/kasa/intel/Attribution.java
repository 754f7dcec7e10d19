package dev.kasa.intel;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who and what stands behind an indicator: from STIX {@code indicates} relationships and MISP
 * galaxies. Immutable; lists are copied and never null.
 *
 * @param actors threat actors and intrusion sets
 * @param campaigns campaign names
 * @param malware malware and tool names
 * @param techniques ATT&amp;CK technique ids such as {@code T1071.001}
 * @param techniqueNames technique id to the attack pattern's name, for those whose name is known
 */
public record Attribution(
    List<Actor> actors,
    List<String> campaigns,
    List<String> malware,
    List<String> techniques,
    Map<String, String> techniqueNames) {
  public static final Attribution NONE =
      new Attribution(List.of(), List.of(), List.of(), List.of());

  /** An attribution without technique names. */
  public Attribution(
      List<Actor> actors, List<String> campaigns, List<String> malware, List<String> techniques) {
    this(actors, campaigns, malware, techniques, Map.of());
  }

  public Attribution {
    actors = List.copyOf(Objects.requireNonNull(actors, "actors"));
    campaigns = List.copyOf(Objects.requireNonNull(campaigns, "campaigns"));
    malware = List.copyOf(Objects.requireNonNull(malware, "malware"));
    techniques = List.copyOf(Objects.requireNonNull(techniques, "techniques"));
    // Keep the order of techniques: outputs list the names beside them.
    techniqueNames =
        java.util.Collections.unmodifiableMap(
            new java.util.LinkedHashMap<>(
                Objects.requireNonNull(techniqueNames, "techniqueNames")));
  }

  public boolean isEmpty() {
    return actors.isEmpty() && campaigns.isEmpty() && malware.isEmpty() && techniques.isEmpty();
  }
}
