package dev.kasa.intel;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.Location.FilePosition;
import dev.kasa.Location.StixLocation;
import dev.kasa.Problem;
import dev.kasa.observable.ObservableType;
import dev.kasa.observable.Observables;
import dev.kasa.stix.StixEntry;
import dev.kasa.stix.StixIndicator;
import dev.kasa.stix.StixMarkingDefinition;
import dev.kasa.stix.StixObject;
import dev.kasa.stix.StixParallelReader;
import dev.kasa.stix.StixReader;
import dev.kasa.stix.StixReaderLimits;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Imports indicators from a STIX 2.0 or 2.1 bundle, streaming: the bundle is never held in memory
 * whole. Each indicator object becomes one {@link IntelVersion} (its id, {@code modified} time and
 * revocation) whose observables are the {@link Indicator}s of its pattern when it is a supported
 * equality pattern (one per observable); other patterns are reported as {@link
 * ErrorCode#PATTERN_PENDING} and give a version without observables (it still supersedes older
 * ones); objects violating the specification are reported as {@link ErrorCode#INVALID_INPUT} with
 * their JSON path and give nothing. {@code indicates} relationships, intrusion sets, threat actors,
 * campaigns, malware, tools and attack patterns become the indicators' {@link Attribution}; TLP
 * markings ({@link dev.kasa.stix.Tlp#ofRefs}) their {@link dev.kasa.stix.Tlp}; the producer
 * identity, the indicator's name and the reports and groupings that list it their {@link
 * Provenance}.
 *
 * <p>Relationships, identities, reports and marking definitions may come anywhere in the bundle
 * (and, for a load of several bundles through {@link IntelLoader}, in any bundle of the load), so
 * versions are delivered when the bundle (the load) has been read; problems as they are found.
 *
 * <p>Thread-safe: each call is independent.
 */
public final class StixBundleImporter {
  private final StixReaderLimits limits;
  private final Executor workers;
  private final int threads;
  private final boolean fastIndicators;

  /** An importer that reads on the calling thread. */
  public StixBundleImporter() {
    this(StixReaderLimits.DEFAULT);
  }

  /** An importer whose reader applies {@code limits} to each object, on the calling thread. */
  public StixBundleImporter(StixReaderLimits limits) {
    this(limits, null, 1);
  }

  /**
   * An importer whose reader applies {@code limits} to each object, cuts the bundle into runs of
   * objects on a thread of its own and, when there are more than two processors, decodes the runs
   * on {@code workers} (the caller's, never shut down; on two processors or fewer the cutting
   * thread decodes them, and the caller imports what they hold).
   */
  public StixBundleImporter(StixReaderLimits limits, Executor workers) {
    this(
        limits,
        Objects.requireNonNull(workers, "workers"),
        defaultThreads(Runtime.getRuntime().availableProcessors()));
  }

  // Decoding on the cutting thread, where a run's plain indicator objects are read from the bytes
  // (StixReader's byte path), measured on 2 cores (2026-12-06, IntelLoadMeasure, load average 12
  // to 30): 8.9 and 12.2 s of process CPU cold, 3.3 and 3.2 s warm, against 11.5 and 13.9 s, 4.2
  // and 5.7 s with the runs decoded on one worker.
  // Measured on 2 cores (1M indicators, 571 MB): parallel decoding took the same wall time as the
  // sequential path (about 9 s) for 30% more CPU and 300 MB more heap, because the caller's
  // thread (finishing rows, building the index) is the bottleneck. Measured again on 2 cores
  // with the finish made beside the caller (2026-12-06, IntelLoadMeasure,
  // -XX:ActiveProcessorCount=3
  // so that 2 threads decode): 14.8 s of process CPU in a cold JVM against 10.7 s sequential,
  // 5.7 s against 4.0 s warm. Above 2 cores it may pay; that is not measured yet.
  static int defaultThreads(int processors) {
    return processors <= 2 ? 1 : processors - 1;
  }

  /**
   * An importer that decodes objects in {@code threads} runs at once on {@code workers} besides the
   * caller's thread; with 1, the thread that cuts the runs decodes them; with no workers, it reads
   * sequentially on the caller's thread.
   */
  StixBundleImporter(StixReaderLimits limits, Executor workers, int threads) {
    this(limits, workers, threads, true);
  }

  /**
   * Like {@link #StixBundleImporter(StixReaderLimits, Executor, int)}; with {@code fastIndicators}
   * false, it reads sequentially on the caller's thread and decodes indicator objects on the
   * reader's general path (the reference its fast paths are tested against).
   */
  StixBundleImporter(
      StixReaderLimits limits, Executor workers, int threads, boolean fastIndicators) {
    this.fastIndicators = fastIndicators;
    this.limits = Objects.requireNonNull(limits, "limits");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1 but was " + threads);
    }
    this.workers = workers;
    this.threads = workers == null ? 1 : threads;
  }

  /**
   * Reads one bundle, read from a file or feed named {@code source}.
   *
   * @param in the bundle's JSON (already decompressed); not closed
   * @param source how to name the input in problems and provenance, e.g. a file path
   * @param sink receives versions and problems, in bundle order where possible
   * @throws KasaException only when the input is not a JSON object at all
   */
  public void read(InputStream in, String source, IntelSink sink) {
    read(in, source, Origin.file(source), sink);
  }

  /**
   * Reads one bundle that {@code origin} gave us.
   *
   * @see #read(InputStream, String, IntelSink)
   */
  public void read(InputStream in, String source, Origin origin, IntelSink sink) {
    var load = new StixLoad(sink);
    read(in, source, Objects.requireNonNull(origin, "origin"), load);
    load.finish(workers);
  }

  /** Reads one bundle of a load; its versions are delivered by {@link StixLoad#finish}. */
  void read(InputStream in, String source, Origin origin, StixLoad load) {
    var run = new Run(load, load.bundle(source, origin));
    try {
      if (workers == null || !fastIndicators) {
        try (var reader =
            new StixReader(in, source, limits, StixBundleImporter::keep, fastIndicators)) {
          read(reader::next, run);
          run.invalid(reader.bundleErrors());
        }
      } else {
        try (var reader =
            new StixParallelReader<>(
                in,
                source,
                limits,
                StixBundleImporter::keep,
                threads == 1 ? e -> e : Prepared::of,
                threads == 1 ? Runnable::run : workers,
                threads)) {
          read(reader::next, run);
          run.invalid(reader.bundleErrors());
        }
      }
    } finally {
      // Whatever stopped the bundle, what was read of it keeps its markings.
      run.finish();
    }
  }

  private static void read(Supplier<?> entries, Run run) {
    try {
      for (Object e = entries.get(); e != null; e = entries.get()) {
        if (e instanceof Prepared p) {
          p.replay(run);
        } else {
          run.entry((StixEntry) e);
        }
      }
    } catch (KasaException e) {
      run.load.sink.problem(
          new Problem(
              ErrorCode.INVALID_INPUT,
              FilePosition.of(run.load.source(run.bundle)),
              e.getMessage() + "; the rest of the bundle was not read"));
    }
  }

  // Of an indicator only what the import uses is decoded (and validated): the rest of a million
  // descriptions and labels would cost more than the patterns themselves.
  private static boolean keep(String type, String property) {
    if (!"indicator".equals(type)) {
      return true;
    }
    return switch (property) {
      case "type",
          "id",
          "spec_version",
          "created",
          "modified",
          "created_by_ref",
          "revoked",
          "confidence",
          "object_marking_refs",
          "granular_markings",
          "name",
          "pattern",
          "pattern_type",
          "valid_from",
          "valid_until" ->
          true;
      default -> false;
    };
  }

  /** Where the work on one indicator goes: the import's state, or a record of it to replay. */
  interface Out {
    /**
     * A problem of the object {@code stixId} (null when it has none), at {@code path} in the bundle
     * (null for the whole object).
     */
    void problem(ErrorCode code, String stixId, String path, String message);

    /** An indicator object (a version) whose observables follow. */
    void object(StixIndicator i, int index);

    /**
     * An observable of the last object, its value normalised, and the port it also requires (null
     * for none).
     */
    void observable(ObservableType type, String value, PortConstraint port);

    /** An indicator version says it is revoked: every version of {@code id} is. */
    void revoked(String id);
  }

  /**
   * An entry as a worker thread left it: an indicator's pattern already parsed and its values
   * normalised into actions to replay in bundle order; other entries as read.
   */
  static final class Prepared implements Out {
    private final List<Consumer<Run>> actions = new ArrayList<>(2);

    static Object of(StixEntry e) {
      if (!(e.object() instanceof StixIndicator i)) {
        return e;
      }
      var p = new Prepared();
      indicator(i, e.index(), p);
      return p;
    }

    void replay(Run run) {
      for (Consumer<Run> a : actions) {
        a.accept(run);
      }
    }

    @Override
    public void problem(ErrorCode code, String stixId, String path, String message) {
      actions.add(r -> r.problem(code, stixId, path, message));
    }

    @Override
    public void object(StixIndicator i, int index) {
      actions.add(r -> r.object(i, index));
    }

    @Override
    public void observable(ObservableType type, String value, PortConstraint port) {
      actions.add(r -> r.observable(type, value, port));
    }

    @Override
    public void revoked(String id) {
      actions.add(r -> r.revoked(id));
    }
  }

  // The object's JSON path is made only for a problem (StixEntry.path): a million indicators
  // without one would each make it for nothing.
  static void indicator(StixIndicator i, int index, Out out) {
    if (i.common().isRevoked()) {
      out.revoked(i.id());
    }
    String patternType = i.patternType();
    if (patternType != null && !patternType.equals("stix")) {
      out.problem(
          ErrorCode.UNSUPPORTED_INTEL,
          i.id(),
          StixEntry.path(index) + ".pattern_type",
          i.id() + ": pattern_type '" + patternType + "' is not STIX; pattern: " + i.pattern());
      version(i, index, List.of(), out);
      return;
    }
    switch (StixPatternSubset.parse(i.pattern())) {
      case StixPatternSubset.Supported s -> version(i, index, s.terms(), out);
      case StixPatternSubset.Pending p -> {
        out.problem(
            ErrorCode.PATTERN_PENDING,
            i.id(),
            StixEntry.path(index) + ".pattern",
            i.id() + ": " + p.reason() + "; pattern: " + i.pattern());
        version(i, index, List.of(), out);
      }
      case StixPatternSubset.Invalid bad ->
          out.problem(
              ErrorCode.INVALID_INPUT,
              i.id(),
              StixEntry.path(index) + ".pattern",
              i.id()
                  + ": invalid pattern at column "
                  + bad.column()
                  + ": "
                  + bad.message()
                  + "; pattern: "
                  + i.pattern());
    }
  }

  /** The object and the observables of its supported terms ({@code terms} may be empty). */
  static void version(StixIndicator i, int index, List<StixPatternSubset.Term> terms, Out out) {
    if (!StixPendingIndicators.storable(i.id())) {
      // Said only when it costs observables: a pattern Kasa cannot match yet is reported already.
      if (!terms.isEmpty()) {
        out.problem(
            ErrorCode.INVALID_INPUT,
            i.id(),
            StixEntry.path(index) + ".id",
            "'" + i.id() + "' is not indicator--<uuid> with a lower-case uuid");
      }
      return;
    }
    out.object(i, index);
    // By index: an iterator a term list, a million times, is what the collector gets otherwise.
    for (int k = 0; k < terms.size(); k++) {
      StixPatternSubset.Term t = terms.get(k);
      String value;
      try {
        value = Observables.normalize(t.type(), t.value());
      } catch (KasaException e) {
        out.problem(
            ErrorCode.INVALID_INPUT,
            i.id(),
            StixEntry.path(index) + ".pattern",
            i.id() + ": " + t.path() + " = '" + t.value() + "': " + e.getMessage());
        continue;
      }
      IndicatorBreadth.Verdict verdict = IndicatorBreadth.of(t.type(), value);
      if (verdict != null) {
        out.problem(
            verdict.code(),
            i.id(),
            StixEntry.path(index) + ".pattern",
            i.id() + ": " + verdict.message());
        if (verdict.code() == ErrorCode.INVALID_INPUT) {
          continue;
        }
      }
      out.observable(t.type(), value, t.port());
    }
  }

  /** The state of one bundle within its load. */
  private static final class Run implements Out {
    final StixLoad load;
    final int bundle;
    final StixMarkings markings = new StixMarkings();
    final int firstObject;

    Run(StixLoad load, int bundle) {
      this.load = load;
      this.bundle = bundle;
      this.firstObject = load.pending.objects();
    }

    void entry(StixEntry e) {
      if (!e.isValid()) {
        if (e.id() != null && e.id().startsWith(StixMarkingDefinition.TYPE + "--")) {
          markings.rejected(e.id());
        }
        invalid(e.errors());
        return;
      }
      StixObject o = e.object();
      switch (o) {
        case StixIndicator i -> indicator(i, e.index(), this);
        case StixMarkingDefinition m -> {} // a TLP is read from the standard ids alone
        default -> load.accept(o);
      }
    }

    /** The problems of a STIX reader (located by {@link StixLocation}s without the file). */
    void invalid(List<Problem> errors) {
      for (Problem err : errors) {
        load.sink.problem(err.where() instanceof StixLocation at ? located(err, at) : err);
      }
    }

    private Problem located(Problem err, StixLocation at) {
      String text =
          (at.stixId() == null ? "" : at.stixId() + ": ") + at.jsonPath() + " " + err.message();
      return new Problem(err.code(), at.in(load.source(bundle)), text);
    }

    /** The bundle's markings are all read: the TLP of each of its indicators is settled. */
    void finish() {
      StixPendingIndicators p = load.pending;
      for (int o = firstObject; o < p.objects(); o++) {
        // Only indicators with something to match count towards the rejected-marking warnings.
        p.tlp(o, markings.tlpOf(p.markingRefs(o), p.endObservable(o) > p.firstObservable(o)));
      }
      markings
          .rejectedWarnings()
          .forEach((ref, w) -> problem(ErrorCode.INTEL_WARNING, ref, null, w));
    }

    @Override
    public void problem(ErrorCode code, String stixId, String path, String message) {
      load.problem(code, bundle, stixId, path, message);
    }

    @Override
    public void object(StixIndicator i, int index) {
      load.pending.addObject(i, index, bundle, i.common().markingRefs());
    }

    @Override
    public void observable(ObservableType type, String value, PortConstraint port) {
      load.pending.addObservable(type, value, port);
    }

    @Override
    public void revoked(String id) {
      load.revoked.add(id);
    }
  }
}
