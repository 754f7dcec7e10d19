package dev.kasa.intel;

import java.util.List;
import java.util.Objects;

/**
 * Where an indicator's content comes from, as an analyst needs to see it on a hit: the file or feed
 * it was read from, who produced it, its name, and the reports and groupings that contain it. Equal
 * provenances are shared (interned per source), so that an index holds one number per indicator for
 * it, not a copy.
 *
 * @param source the file or feed the indicator was read from (a path, {@code -}, or a feed name)
 * @param producer who produced the content: the name of the STIX identity its {@code
 *     created_by_ref} names (its id when that identity was not loaded), or the creator organisation
 *     of a MISP event; null when the source does not say
 * @param name the indicator's name, or null when it has none
 * @param reports the names of the STIX reports whose {@code object_refs} contain the indicator (a
 *     report without a name by its id), in load order; never null
 * @param groupings the names of the STIX groupings that contain it (by id when nameless); never
 *     null
 * @param misp for an indicator read from a MISP attribute, its event and attribute context; else
 *     null
 */
public record Provenance(
    String source,
    String producer,
    String name,
    List<String> reports,
    List<String> groupings,
    MispContext misp) {
  public Provenance {
    Objects.requireNonNull(source, "source");
    reports = List.copyOf(Objects.requireNonNull(reports, "reports"));
    groupings = List.copyOf(Objects.requireNonNull(groupings, "groupings"));
  }

  /** Only the source: a plain list, or an indicator built in code. */
  public static Provenance of(String source) {
    return new Provenance(source, null, null, List.of(), List.of(), null);
  }

  /**
   * What a MISP attribute's event says about it.
   *
   * @param eventInfo the event's {@code info} (its title), or null
   * @param eventUuid the event's {@code uuid}, or null
   * @param category the attribute's {@code category}, or null
   * @param comment the attribute's {@code comment}, or null when absent or empty
   */
  public record MispContext(String eventInfo, String eventUuid, String category, String comment) {}
}
