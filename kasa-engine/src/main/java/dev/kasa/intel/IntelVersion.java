package dev.kasa.intel;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One version of one shared indicator: its STIX id and {@code modified} time, whether it revokes
 * the indicator, who gave it to us, and the observables it matches. An {@link IntelSink} receives
 * versions; a set of current versions keyed by id decides which one stands (a newer {@code
 * modified} supersedes an older one, a revocation removes the indicator for good).
 *
 * @param id the STIX id {@code indicator--<lower-case uuid>}
 * @param modified the version's {@code modified} time (for sources without versions, such as plain
 *     lists, the Unix epoch; for MISP, the attribute's {@code timestamp})
 * @param revoked whether this version revokes the indicator: then every version of it is withdrawn
 * @param origin who gave us this version
 * @param observables what it matches, one {@link Indicator} per observable, each with this id; may
 *     be empty (a pattern Kasa cannot match yet still supersedes older versions), never null
 */
public record IntelVersion(
    String id, Instant modified, boolean revoked, Origin origin, List<Indicator> observables) {
  public IntelVersion {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(modified, "modified");
    Objects.requireNonNull(origin, "origin");
    observables = List.copyOf(Objects.requireNonNull(observables, "observables"));
    // An observable's id was checked when it was made, and each must equal this id: check the
    // text itself only when there is none (the load makes a million of these).
    if (observables.isEmpty() && !Indicator.isIndicatorId(id)) {
      throw new IllegalArgumentException("version id is not indicator--<uuid>: '" + id + "'");
    }
    for (Indicator i : observables) {
      if (!i.id().equals(id)) {
        throw new IllegalArgumentException(
            "observable " + i.value() + " has id " + i.id() + " in a version of " + id);
      }
      if (!i.origin().equals(origin)) {
        throw new IllegalArgumentException(
            "observable "
                + i.value()
                + " of "
                + id
                + " came from "
                + i.origin()
                + ", not "
                + origin);
      }
    }
  }

  /** A version of one observable, as plain lists and most MISP attributes give. */
  public static IntelVersion of(Indicator observable, Instant modified) {
    return new IntelVersion(
        observable.id(), modified, observable.revoked(), observable.origin(), List.of(observable));
  }
}
