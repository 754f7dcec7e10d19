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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

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
  private final Map<Provenance, Provenance> provenances = new ConcurrentHashMap<>();

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

  /** Delivers every indicator object read, as versions, in load order, on the calling thread. */
  void finish() {
    finish(null);
  }

  /**
   * Delivers every indicator object read, as versions, in load order. With {@code workers}
   * (non-null) and enough objects, the versions are also made on a worker while the calling thread
   * delivers them; the sink is still called on the calling thread only, in the same order.
   */
  void finish(Executor workers) {
    // After these, making a version only reads the load's state (provenances are interned in a
    // concurrent map), so two threads can make versions at once.
    attribution.prepare();
    containers.prepare();
    int objects = pending.objects();
    if (workers == null
        || objects < 2 * StixFinishPipeline.CHUNK
        || Runtime.getRuntime().availableProcessors() < 2) {
      for (int o = 0; o < objects; o++) {
        deliver(make(o));
      }
      return;
    }
    new StixFinishPipeline(objects, this::make).run(workers, this::deliver);
  }

  private void deliver(Object made) {
    switch (made) {
      case IntelVersion v -> sink.version(v);
      case Problem p -> sink.problem(p);
      default -> throw new IllegalStateException("made " + made);
    }
  }

  /**
   * The version of pending object {@code o}, or the problem that refuses it. Thread-safe once
   * {@link StixAttributionResolver#prepare} and {@link StixContainers#prepare} have been called.
   */
  private Object make(int o) {
    var p = pending;
    String id = p.id(o);
    boolean isRevoked = p.revoked(o) || !revoked.isEmpty() && revoked.contains(id);
    Origin origin = origins.get(p.bundle(o));
    int first = p.firstObservable(o);
    int end = p.endObservable(o);
    if (end == first) {
      return new IntelVersion(id, p.modified(o), isRevoked, origin, List.of());
    }
    Attribution a = attribution.resolve(p.idHigh(o), p.idLow(o));
    Provenance provenance = provenanceOf(o);
    var observables = new Indicator[end - first];
    for (int r = first; r < end; r++) {
      ObservableType type = p.type(r);
      try {
        observables[r - first] =
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
                p.port(r));
      } catch (IllegalArgumentException e) {
        // The object is refused whole: a version with part of its observables would supersede
        // the previous one with less than it says.
        return new Problem(
            ErrorCode.INVALID_INPUT,
            new StixLocation(sources.get(p.bundle(o)), id, "objects[" + p.index(o) + "]"),
            id + ": " + e.getMessage());
      }
    }
    // List.of: the version's List.copyOf keeps it as it is.
    return new IntelVersion(id, p.modified(o), isRevoked, origin, List.of(observables));
  }

  private Provenance provenanceOf(int o) {
    var p = pending;
    String createdBy = p.createdBy(o);
    String producer = createdBy == null ? null : identities.getOrDefault(createdBy, createdBy);
    StixContainers.Containing c = containers.of(p.idHigh(o), p.idLow(o));
    var candidate =
        new Provenance(
            sources.get(p.bundle(o)), producer, p.name(o), c.reports(), c.groupings(), null);
    return provenances.computeIfAbsent(candidate, x -> x);
  }
}
