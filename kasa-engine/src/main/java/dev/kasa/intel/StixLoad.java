package dev.kasa.intel;

import dev.kasa.ErrorCode;
import dev.kasa.Location.StixLocation;
import dev.kasa.Problem;
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
 * delivers one version per indicator object, in load order, in runs ({@link VersionColumns}).
 * Markings are read per bundle, when it ends ({@link StixMarkings}). Not thread-safe; one per load.
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

  // Set by finish, before any run is made: what the runs read of the load.
  private Origin[] originOfBundle;
  private String[] sourceOfBundle;
  private boolean withRecords;

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
   * Delivers every indicator object read, as versions, in load order, in runs of at most {@link
   * StixFinishPipeline#CHUNK} ({@link IntelSink#versions}). With {@code workers} (non-null) and
   * enough objects, the runs are also made on a worker while the calling thread delivers them; the
   * sink is still called on the calling thread only, in the same order.
   */
  void finish(Executor workers) {
    // After these, making a run only reads the load's state (provenances are interned in a
    // concurrent map), so two threads can make runs at once.
    attribution.prepare();
    containers.prepare();
    originOfBundle = origins.toArray(Origin[]::new);
    sourceOfBundle = sources.toArray(String[]::new);
    withRecords = !sink.takesColumns();
    int objects = pending.objects();
    sink.expect(objects, pending.rows());
    int chunk = StixFinishPipeline.CHUNK;
    if (workers == null || objects < 2 * chunk || Runtime.getRuntime().availableProcessors() < 2) {
      for (int first = 0; first < objects; first += chunk) {
        sink.versions(run(first, Math.min(chunk, objects - first)));
      }
      return;
    }
    new StixFinishPipeline<>(objects, this::run).run(workers, sink::versions);
  }

  /**
   * The run of pending objects {@code [first, first + size)}. Thread-safe once {@link
   * StixAttributionResolver#prepare} and {@link StixContainers#prepare} have been called.
   */
  private VersionColumns run(int first, int size) {
    var p = pending;
    var attributions = new Attribution[size];
    var provenanceOf = new Provenance[size];
    var recent = new RecentProvenances();
    for (int v = 0; v < size; v++) {
      int o = first + v;
      if (p.endObservable(o) > p.firstObservable(o)) {
        attributions[v] = attribution.resolve(p.idHigh(o), p.idLow(o));
        provenanceOf[v] = recent.of(o);
      }
    }
    return new VersionColumns(
        p,
        first,
        size,
        originOfBundle,
        sourceOfBundle,
        attributions,
        provenanceOf,
        revoked,
        withRecords);
  }

  /**
   * The provenance of pending objects, the last few remembered by their parts (which the pending
   * objects share as instances): most objects of a run have the provenance of one of the few
   * before, and looking it up by its parts saves making and hashing a candidate. One per run of
   * {@link #run}, on its thread.
   */
  private final class RecentProvenances {
    private static final int WAYS = 4;
    private final int[] bundles = new int[WAYS];
    private final String[] createdBys = new String[WAYS];
    private final String[] names = new String[WAYS];
    private final StixContainers.Containing[] containings = new StixContainers.Containing[WAYS];
    private final Provenance[] made = new Provenance[WAYS];
    private int next;

    Provenance of(int o) {
      var p = pending;
      int bundle = p.bundle(o);
      String createdBy = p.createdBy(o);
      String name = p.name(o);
      StixContainers.Containing c = containers.of(p.idHigh(o), p.idLow(o));
      for (int w = 0; w < WAYS; w++) {
        if (made[w] != null
            && bundles[w] == bundle
            && createdBys[w] == createdBy
            && names[w] == name
            && containings[w] == c) {
          return made[w];
        }
      }
      String producer = createdBy == null ? null : identities.getOrDefault(createdBy, createdBy);
      var candidate =
          new Provenance(sources.get(bundle), producer, name, c.reports(), c.groupings(), null);
      Provenance interned = provenances.computeIfAbsent(candidate, x -> x);
      bundles[next] = bundle;
      createdBys[next] = createdBy;
      names[next] = name;
      containings[next] = c;
      made[next] = interned;
      next = (next + 1) % WAYS;
      return interned;
    }
  }
}
