package dev.kasa.detect;

import dev.kasa.event.ChunkProcessor;
import dev.kasa.event.EventInput;
import dev.kasa.sigma.correlation.CorrelationHit;
import dev.kasa.sigma.correlation.CorrelationSink;
import dev.kasa.sigma.correlation.CorrelationState;
import dev.kasa.sigma.program.BudgetStop;
import dev.kasa.sigma.program.SigmaMatch;
import dev.kasa.sigma.rule.RuleInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What a sweep means, in one place: records are matched in batches against the snapshot current
 * when the batch starts ({@link #matcher}, on any worker thread), and the batches' findings are
 * delivered in input order ({@link #deliver}, on one thread): indicator hits and rule matches as
 * found, each rule match fed to the correlations that refer to its rule, rule matches of rules
 * whose correlations all say {@code generate: false} not reported, correlations reported as they
 * fire (unless a correlation above them hides them too), matches counted per rule. Everything
 * reported goes to one {@link SweepListener} as a {@link Finding}.
 *
 * <p>The correlation state lives here, across batches and inputs: when a batch was matched against
 * a snapshot with other correlations (rules reloaded), the state moves to them, keeping the windows
 * of correlations whose content did not change. {@link #matcher} is thread-safe; {@link #deliver},
 * {@link #advance}, {@link #finish} and the counters must be called from one thread at a time.
 */
public final class Sweep {
  /**
   * How a sweep runs.
   *
   * @param fallbackTimeMillis the time indicator validity is checked at for records without one
   *     (read once per batch)
   * @param recordsAdvanceWatermark true for a stream read in time order (a node's feed): each
   *     delivered batch moves the correlations' event-time watermark to its latest record, so that
   *     windows close and fire without further matches; false for inputs whose times may overlap
   *     (several files read one after another), where only matches move it, and the end of input
   *     closes what is left
   */
  public record Options(LongSupplier fallbackTimeMillis, boolean recordsAdvanceWatermark) {
    public Options {
      Objects.requireNonNull(fallbackTimeMillis, "fallbackTimeMillis");
    }

    /** For files: records without a time are matched at {@code fallbackTimeMillis}. */
    public static Options files(long fallbackTimeMillis) {
      return new Options(() -> fallbackTimeMillis, false);
    }

    /** For a stream read in time order; records without a time are matched at {@code now}. */
    public static Options stream(LongSupplier now) {
      return new Options(now, true);
    }
  }

  private final Supplier<DetectionSnapshot> snapshots;
  private final Options options;
  private final SweepListener listener;
  private final CorrelationState correlations;
  private final Map<RuleInfo, Long> matchesByRule = new LinkedHashMap<>();
  private final CorrelationSink correlationSink = this::correlation;
  private DetectionSnapshot delivered;
  private long reported;
  private long correlationHits;
  private long records;

  private Sweep(Supplier<DetectionSnapshot> snapshots, Options options, SweepListener listener) {
    this.snapshots = snapshots;
    this.options = Objects.requireNonNull(options, "options");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.delivered = Objects.requireNonNull(snapshots.get(), "snapshot");
    this.correlations = new CorrelationState(delivered.correlations());
  }

  /**
   * A sweep matching each batch against the snapshot {@code holder} holds when the batch starts.
   */
  public static Sweep over(SnapshotHolder holder, Options options, SweepListener listener) {
    return new Sweep(holder::current, options, listener);
  }

  /** A sweep matching everything against {@code snapshot}. */
  public static Sweep over(DetectionSnapshot snapshot, Options options, SweepListener listener) {
    Objects.requireNonNull(snapshot, "snapshot");
    return new Sweep(() -> snapshot, options, listener);
  }

  /**
   * A matcher for the next batch of records of {@code input}, pinned to the snapshot current now.
   * Thread-safe; the matcher itself is for one worker.
   */
  public RecordMatcher matcher(EventInput input) {
    return new RecordMatcher(snapshots.get(), input, options.fallbackTimeMillis().getAsLong());
  }

  /** {@link #matcher} as an {@code EventScanner} processor: one batch per chunk. */
  public ChunkProcessor<MatchedBatch> chunks() {
    return this::matcher;
  }

  /** Delivers one batch's findings; batches must come in input order. Returns findings reported. */
  public long deliver(MatchedBatch batch) {
    long before = reported;
    if (batch.snapshot().correlations() != correlations.correlations()) {
      correlations.rebase(batch.snapshot().correlations());
    }
    delivered = batch.snapshot();
    records += batch.records();
    for (Finding f : batch.findings()) {
      switch (f) {
        case Finding.IndicatorHit hit -> report(hit);
        case Finding.RuleMatch match -> ruleMatch(match);
        case Finding.CorrelationHit fired -> report(fired);
      }
    }
    if (options.recordsAdvanceWatermark()) {
      correlations.advance(batch.latestTimeMillis(), correlationSink);
    }
    return reported - before;
  }

  /**
   * Moves the correlations' event-time watermark to {@code eventTimeMillis} (when later), firing
   * the windows it closes: for a stream that knows no earlier event can come (an idle feed whose
   * clock moved on). Returns findings reported.
   */
  public long advance(long eventTimeMillis) {
    long before = reported;
    correlations.advance(eventTimeMillis, correlationSink);
    return reported - before;
  }

  /**
   * End of input: windows still open are evaluated and fire when their condition holds; the
   * correlation state then starts afresh. Returns findings reported.
   */
  public long finish() {
    long before = reported;
    correlations.finish(correlationSink);
    return reported - before;
  }

  private void ruleMatch(Finding.RuleMatch found) {
    SigmaMatch m = found.match();
    matchesByRule.merge(m.rule(), 1L, Long::sum);
    if (RuleCompilation.reportsStandalone(correlations.correlations(), m.rule())) {
      report(found);
    }
    String id = m.rule().id();
    String name = m.rule().name();
    var defined = correlations.correlations();
    if (defined.isReferenced(id) || defined.isReferenced(name)) {
      correlations.onMatch(
          id, name, found.event(), field -> m.context().get(field), correlationSink);
    }
  }

  private void correlation(CorrelationHit hit) {
    if (!RuleCompilation.reportsStandalone(correlations.correlations(), hit.correlation().info())) {
      return;
    }
    correlationHits++;
    report(new Finding.CorrelationHit(hit.last(), hit));
  }

  private void report(Finding f) {
    reported++;
    listener.finding(f);
  }

  /** Findings reported so far (indicator hits, rule matches and correlation hits). */
  public long reported() {
    return reported;
  }

  /** Records delivered so far. */
  public long records() {
    return records;
  }

  /** Correlation hits reported so far. */
  public long correlationHits() {
    return correlationHits;
  }

  /**
   * Matches per detection rule so far, reported or not ({@code generate: false}), in the order the
   * rules first matched.
   */
  public Map<RuleInfo, Long> matchesByRule() {
    return new LinkedHashMap<>(matchesByRule);
  }

  /** The correlations' state: their limits, counters and evictions. */
  public CorrelationState correlations() {
    return correlations;
  }

  /** The snapshot of the batch delivered last (the first snapshot before any). */
  public DetectionSnapshot snapshot() {
    return delivered;
  }

  /**
   * Rules the last delivered snapshot's program disabled at run time because a test threw (rule →
   * what threw).
   */
  public Map<RuleInfo, String> disabled() {
    return delivered.sigma().disabled();
  }

  /** Rules of the last delivered snapshot's program whose regex tests the cost budget stopped. */
  public List<BudgetStop> stopped() {
    return delivered.sigma().stopped();
  }
}
