package dev.kasa.intel;

import dev.kasa.ErrorCode;
import dev.kasa.Location.StixLocation;
import dev.kasa.Problem;
import dev.kasa.observable.ObservableType;
import dev.kasa.stix.StixIdentity;
import dev.kasa.stix.StixObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The STIX side of one load, across all its bundles: indicators are held until every bundle has
 * been read, because what an analyst sees on a hit can come from another bundle — the producer's
 * identity ({@code created_by_ref}), the reports and groupings that list the indicator, the {@code
 * indicates} relationships that attribute it, a revocation of another version. {@link #finish} then
 * delivers one {@link IntelVersion} per indicator object, in load order. Markings are read per
 * bundle, when it ends ({@link StixMarkings}). Not thread-safe; one per load.
 */
final class StixLoad {
  final IntelSink sink;
  final StixPendingIndicators pending = new StixPendingIndicators();
  final StixAttributionResolver attribution = new StixAttributionResolver();
  final StixContainers containers = new StixContainers();
  final Map<String, String> identities = new HashMap<>();
  final Set<String> revoked = new HashSet<>();
  private final List<String> sources = new ArrayList<>();
  private final List<Origin> origins = new ArrayList<>();
  private final Map<Provenance, Provenance> provenances = new HashMap<>();

  StixLoad(IntelSink sink) {
    this.sink = sink;
  }

  /** Starts a bundle; returns its number. */
  int bundle(String source, Origin origin) {
    sources.add(source);
    origins.add(origin);
    return sources.size() - 1;
  }

  String source(int bundle) {
    return sources.get(bundle);
  }

  /** Takes note of an object that is not an indicator or marking definition. */
  void accept(StixObject o) {
    switch (o) {
      case StixIdentity i -> {
        if (i.name() != null && !i.name().isBlank() && !i.common().isRevoked()) {
          identities.put(i.id(), i.name());
        }
      }
      default -> {
        attribution.accept(o);
        containers.accept(o);
      }
    }
  }

  /**
   * A problem of the object {@code stixId} (null when it has none) of a bundle, at {@code path} in
   * it (null for the whole object).
   */
  void problem(ErrorCode code, int bundle, String stixId, String path, String message) {
    sink.problem(new Problem(code, new StixLocation(sources.get(bundle), stixId, path), message));
  }

  /** Delivers every indicator object read, as versions, in load order. */
  void finish() {
    var p = pending;
    for (int o = 0; o < p.objects(); o++) {
      String id = p.id(o);
      boolean isRevoked = p.revoked(o) || !revoked.isEmpty() && revoked.contains(id);
      Origin origin = origins.get(p.bundle(o));
      int first = p.firstObservable(o);
      int end = p.endObservable(o);
      List<Indicator> observables = new ArrayList<>(end - first);
      if (end > first) {
        Attribution a = attribution.resolve(id);
        Provenance provenance = provenanceOf(o, id);
        for (int r = first; r < end; r++) {
          ObservableType type = p.type(r);
          try {
            observables.add(
                new Indicator(
                    id,
                    type,
                    p.value(r),
                    p.validFrom(o),
                    p.validUntil(o),
                    isRevoked,
                    p.confidence(o),
                    p.tlp(o),
                    a,
                    origin,
                    provenance,
                    p.port(r)));
          } catch (IllegalArgumentException e) {
            // The object is refused whole: a version with part of its observables would
            // supersede the previous one with less than it says.
            problem(
                ErrorCode.INVALID_INPUT,
                p.bundle(o),
                id,
                "objects[" + p.index(o) + "]",
                id + ": " + e.getMessage());
            observables = null;
            break;
          }
        }
      }
      if (observables != null) {
        sink.version(new IntelVersion(id, p.modified(o), isRevoked, origin, observables));
      }
    }
  }

  private Provenance provenanceOf(int o, String id) {
    var p = pending;
    String createdBy = p.createdBy(o);
    String producer = createdBy == null ? null : identities.getOrDefault(createdBy, createdBy);
    StixContainers.Containing c = containers.of(id);
    var candidate =
        new Provenance(
            sources.get(p.bundle(o)), producer, p.name(o), c.reports(), c.groupings(), null);
    return provenances.computeIfAbsent(candidate, x -> x);
  }
}
