package dev.kasa.intel;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.Location.FilePosition;
import dev.kasa.Location.StixLocation;
import dev.kasa.Problem;
import dev.kasa.observable.Observables;
import dev.kasa.stix.StixEntry;
import dev.kasa.stix.StixIndicator;
import dev.kasa.stix.StixMarkingDefinition;
import dev.kasa.stix.StixObject;
import dev.kasa.stix.StixParallelReader;
import dev.kasa.stix.StixReader;
import dev.kasa.stix.StixReaderLimits;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Imports indicators from a STIX 2.0 or 2.1 bundle, streaming: the bundle is never held in memory
 * whole. Indicators whose pattern is a supported equality pattern become {@link Indicator}s (one
 * per observable); other patterns are reported as {@link ErrorCode#PATTERN_PENDING}; objects
 * violating the specification as {@link ErrorCode#INVALID_INPUT} with their JSON path. {@code
 * indicates} relationships, intrusion sets, threat actors, campaigns, malware, tools and attack
 * patterns in the same bundle become the indicators' {@link Attribution}; TLP markings their {@link
 * dev.kasa.stix.Tlp}.
 *
 * <p>Relationships and marking definitions may come anywhere in the bundle, so indicators are
 * emitted when the bundle has been read; problems as they are found.
 *
 * <p>Thread-safe: each call is independent.
 */
public final class StixBundleImporter {
  private final StixReaderLimits limits;
  private final Executor workers;
  private final int threads;

  /** An importer that reads on the calling thread. */
  public StixBundleImporter() {
    this(StixReaderLimits.DEFAULT);
  }

  /** An importer whose reader applies {@code limits} to each object, on the calling thread. */
  public StixBundleImporter(StixReaderLimits limits) {
    this(limits, null, 1);
  }

  /**
   * An importer whose reader applies {@code limits} to each object and, when there are more than
   * two processors, decodes objects on {@code workers} (the caller's, never shut down) besides the
   * calling thread.
   */
  public StixBundleImporter(StixReaderLimits limits, Executor workers) {
    this(
        limits,
        Objects.requireNonNull(workers, "workers"),
        defaultThreads(Runtime.getRuntime().availableProcessors()));
  }

  // Measured on 2 cores (1M indicators, 571 MB): parallel decoding took the same wall time as the
  // sequential path (about 9 s) for 30% more CPU and 300 MB more heap, because the caller's
  // thread (finishing rows, building the index) is the bottleneck. Above 2 cores it may pay; that
  // is not measured yet.
  static int defaultThreads(int processors) {
    return processors <= 2 ? 1 : processors - 1;
  }

  /**
   * An importer that decodes objects in {@code threads} runs at once on {@code workers} besides the
   * caller's thread; 1 (or no workers) reads sequentially on the caller's thread.
   */
  StixBundleImporter(StixReaderLimits limits, Executor workers, int threads) {
    this.limits = Objects.requireNonNull(limits, "limits");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1 but was " + threads);
    }
    this.workers = workers;
    this.threads = workers == null ? 1 : threads;
  }

  /**
   * Reads one bundle.
   *
   * @param in the bundle's JSON (already decompressed); not closed
   * @param source how to name the input in problems, e.g. a file path
   * @param sink receives indicators and problems, in bundle order where possible
   * @throws KasaException only when the input is not a JSON object at all
   */
  public void read(InputStream in, String source, IntelSink sink) {
    var run = new Run(source, sink);
    if (threads == 1) {
      try (var reader = new StixReader(in, source, limits, StixBundleImporter::keep)) {
        read(reader::next, run);
        run.invalid(reader.bundleErrors());
      }
    } else {
      try (var reader =
          new StixParallelReader<>(
              in, source, limits, StixBundleImporter::keep, Prepared::of, workers, threads)) {
        read(reader::next, run);
        run.invalid(reader.bundleErrors());
      }
    }
    run.finish();
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
      run.sink.problem(
          new Problem(
              ErrorCode.INVALID_INPUT,
              FilePosition.of(run.source),
              e.getMessage() + "; the rest of the bundle was not read"));
    }
  }

  // Of an indicator only what the import uses is decoded (and validated): the rest of a million
  // names, descriptions and labels would cost more than the patterns themselves.
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

    void row(StixPendingIndicators.Row row);

    /** An indicator version says it is revoked: every version of {@code id} is. */
    void revoked(String id);
  }

  /**
   * An entry as a worker thread left it: an indicator's pattern already parsed and its values
   * normalised into actions to replay in bundle order; other entries as read.
   */
  static final class Prepared implements Out {
    private final List<Consumer<Run>> actions = new ArrayList<>(1);

    static Object of(StixEntry e) {
      if (!(e.object() instanceof StixIndicator i)) {
        return e;
      }
      var p = new Prepared();
      indicator(i, e.index(), e.path(), p);
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
    public void row(StixPendingIndicators.Row row) {
      actions.add(r -> r.row(row));
    }

    @Override
    public void revoked(String id) {
      actions.add(r -> r.revoked(id));
    }
  }

  static void indicator(StixIndicator i, int index, String path, Out out) {
    if (i.common().isRevoked()) {
      out.revoked(i.id());
    }
    String patternType = i.patternType();
    if (patternType != null && !patternType.equals("stix")) {
      out.problem(
          ErrorCode.UNSUPPORTED_INTEL,
          i.id(),
          path + ".pattern_type",
          i.id() + ": pattern_type '" + patternType + "' is not STIX; pattern: " + i.pattern());
      return;
    }
    switch (StixPatternSubset.parse(i.pattern())) {
      case StixPatternSubset.Supported s -> supported(i, index, path, s.terms(), out);
      case StixPatternSubset.Pending p ->
          out.problem(
              ErrorCode.PATTERN_PENDING,
              i.id(),
              path + ".pattern",
              i.id() + ": " + p.reason() + "; pattern: " + i.pattern());
      case StixPatternSubset.Invalid bad ->
          out.problem(
              ErrorCode.INVALID_INPUT,
              i.id(),
              path + ".pattern",
              i.id()
                  + ": invalid pattern at column "
                  + bad.column()
                  + ": "
                  + bad.message()
                  + "; pattern: "
                  + i.pattern());
    }
  }

  static void supported(
      StixIndicator i, int index, String path, List<StixPatternSubset.Term> terms, Out out) {
    if (!StixPendingIndicators.storable(i.id())) {
      out.problem(
          ErrorCode.INVALID_INPUT,
          i.id(),
          path + ".id",
          "'" + i.id() + "' is not indicator--<uuid> with a lower-case uuid");
      return;
    }
    Instant from = i.validFrom().instant();
    Instant until = i.validUntil() == null ? null : i.validUntil().instant();
    Integer confidence = i.common().confidence();
    List<String> markingRefs = i.common().markingRefs();
    for (StixPatternSubset.Term t : terms) {
      String value;
      try {
        value = Observables.normalize(t.type(), t.value());
      } catch (KasaException e) {
        out.problem(
            ErrorCode.INVALID_INPUT,
            i.id(),
            path + ".pattern",
            i.id() + ": " + t.path() + " = '" + t.value() + "': " + e.getMessage());
        continue;
      }
      IndicatorBreadth.Verdict verdict = IndicatorBreadth.of(t.type(), value);
      if (verdict != null) {
        out.problem(verdict.code(), i.id(), path + ".pattern", i.id() + ": " + verdict.message());
        if (verdict.code() == ErrorCode.INVALID_INPUT) {
          continue;
        }
      }
      out.row(
          new StixPendingIndicators.Row(
              i.id(),
              index,
              t.type(),
              value,
              from,
              until,
              i.common().isRevoked(),
              confidence == null ? -1 : confidence,
              markingRefs));
    }
  }

  /** The state of one import. */
  private static final class Run implements Out {
    final String source;
    final IntelSink sink;
    final StixPendingIndicators pending = new StixPendingIndicators();
    final StixAttributionResolver attribution = new StixAttributionResolver();
    final StixMarkings markings = new StixMarkings();
    final Set<String> revoked = new HashSet<>();

    Run(String source, IntelSink sink) {
      this.source = source;
      this.sink = sink;
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
        case StixIndicator i -> indicator(i, e.index(), e.path(), this);
        case StixMarkingDefinition m -> {} // a TLP is read from the standard ids alone
        default -> attribution.accept(o);
      }
    }

    /** The problems of a STIX reader (located by {@link StixLocation}s without the file). */
    void invalid(List<Problem> errors) {
      for (Problem err : errors) {
        sink.problem(err.where() instanceof StixLocation at ? located(err, at) : err);
      }
    }

    private Problem located(Problem err, StixLocation at) {
      String text =
          (at.stixId() == null ? "" : at.stixId() + ": ") + at.jsonPath() + " " + err.message();
      return new Problem(err.code(), at.in(source), text);
    }

    void finish() {
      String lastId = null;
      Attribution a = Attribution.NONE;
      for (int k = 0; k < pending.size(); k++) {
        StixPendingIndicators.Row r = pending.row(k);
        boolean newIndicator = !r.id().equals(lastId);
        if (newIndicator) {
          a = attribution.resolve(r.id());
          lastId = r.id();
        }
        Indicator indicator;
        try {
          indicator =
              new Indicator(
                  r.id(),
                  r.type(),
                  r.value(),
                  r.validFrom(),
                  r.validUntil(),
                  r.revoked() || !revoked.isEmpty() && revoked.contains(r.id()),
                  r.confidence(),
                  markings.tlpOf(r.markingRefs(), newIndicator),
                  a);
        } catch (IllegalArgumentException e) {
          problem(
              ErrorCode.INVALID_INPUT,
              r.id(),
              "objects[" + r.index() + "]",
              r.id() + ": " + e.getMessage());
          continue;
        }
        sink.indicator(indicator);
      }
      markings
          .rejectedWarnings()
          .forEach((ref, w) -> problem(ErrorCode.INTEL_WARNING, ref, null, w));
    }

    @Override
    public void problem(ErrorCode code, String stixId, String path, String message) {
      sink.problem(new Problem(code, new StixLocation(source, stixId, path), message));
    }

    @Override
    public void row(StixPendingIndicators.Row row) {
      pending.add(row);
    }

    @Override
    public void revoked(String id) {
      revoked.add(id);
    }
  }
}
