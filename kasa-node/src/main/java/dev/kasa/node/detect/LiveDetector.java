package dev.kasa.node.detect;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.Problem;
import dev.kasa.detect.DetectionSnapshot;
import dev.kasa.detect.IntelSet;
import dev.kasa.detect.LiveIndicators;
import dev.kasa.detect.RuleCompilation;
import dev.kasa.detect.SnapshotHolder;
import dev.kasa.intel.IntelDiff;
import dev.kasa.intel.IntelVersion;
import dev.kasa.node.store.IndicatorContext;
import dev.kasa.node.store.IndicatorFeed;
import dev.kasa.node.store.Store;
import dev.kasa.node.store.StoreChange;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The node's live detector: built at start from every collection's newest indicator versions
 * (partners' and local), each read with the stored objects that attribute it (any collection's),
 * and Sigma rules (a configured directory and indicators with {@code pattern_type: sigma}), then
 * changed by ONE writer thread: every {@link StoreChange} (added, revoked, removed; a change of
 * what attributes an indicator re-reads the indicator), objects another process added (found by
 * date added), expiry on a schedule from the injected clock, and background merges taken in. Each
 * change publishes a new {@link DetectionSnapshot} to the {@link SnapshotHolder} matching reads, so
 * matching never pauses. Rule sets are compiled on a background thread and published when compiled;
 * a bad rule is a counted problem naming it, never a stopped detector.
 */
public final class LiveDetector implements AutoCloseable {
  /** How often the writer expires indicators, takes in merges and looks for other writers' adds. */
  public static final long TICK_MILLIS = 250;

  static final int PAGE = 10_000;

  private final Store store;
  private final IndicatorFeed feed;
  private final Clock clock;
  private final PrintStream log;
  private final IndicatorContext context;
  private final StoredIntel intel;
  private final ScheduledExecutorService writer;
  private final ExecutorService background;
  private final SharedRules rules;
  private final DetectorStatus status = new DetectorStatus();
  private SnapshotHolder holder;
  private LiveIndicators indicators;
  private RuleCompilation compiled = RuleCompilation.none();
  private long generation;
  private long compileAsked;
  private long compileTaken;
  private Map<String, Long> checkpoints;
  // Entries applied from store changes since the last look for other writers' adds: that look
  // reads them again and skips them rather than parse them twice.
  private final java.util.Set<String> appliedSinceTick = new java.util.HashSet<>();
  // Store changes waiting for the writer, in the order they were committed: the writer takes all
  // that are waiting at once, so a burst (or a writer that fell behind) costs one new delta layer
  // and one snapshot, not one per change.
  private final Queue<StoreChange> waiting = new ConcurrentLinkedQueue<>();
  // Indicators whose current version the writer's pass over waiting changes applied.
  private final Set<String> appliedNow = new java.util.HashSet<>();
  private AutoCloseable subscription;

  private LiveDetector(Store store, Clock clock, List<Path> sigmaDirs, PrintStream log) {
    this.store = store;
    this.feed = store.indicatorFeed();
    this.context = store.indicatorContext();
    this.intel = new StoredIntel(context::of);
    this.clock = clock;
    this.log = log;
    this.rules = new SharedRules(sigmaDirs);
    this.writer =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("kasa-detector").unstarted(r));
    this.background =
        Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().daemon().name("kasa-detector-build").unstarted(r));
  }

  /**
   * Builds the detector from the store and starts its writer.
   *
   * @param sigmaDirs directories of Sigma rules (read at start)
   * @param log where rule problems and failures are reported
   */
  public static LiveDetector start(
      Store store, Clock clock, List<Path> sigmaDirs, PrintStream log) {
    var d = new LiveDetector(store, clock, sigmaDirs, log);
    try {
      d.writer.submit(d::load).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      d.close();
      throw new KasaException(ErrorCode.INTERNAL, "interrupted while building the detector", e);
    } catch (ExecutionException e) {
      d.close();
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new KasaException(ErrorCode.INTERNAL, "cannot build the detector: " + e.getCause(), e);
    }
    d.writer.scheduleWithFixedDelay(d::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    return d;
  }

  /** The snapshots matching reads. */
  public SnapshotHolder holder() {
    return holder;
  }

  /** Counts and problems, for tests and the log. */
  public DetectorStatus status() {
    return status;
  }

  /**
   * The stored object a rule came from, by the name its {@code RuleInfo} position carries: a
   * collection UUID and STIX id, or null for a rule read from a directory.
   */
  public String[] ruleSource(String name) {
    return rules.source(name);
  }

  private void load() {
    long start = System.nanoTime();
    checkpoints = feed.lastAdded();
    IntelSet set = new IntelSet();
    var sink = set.sink(this::intelProblem);
    feed.latest(Map.of(), PAGE, rows -> intel.read(rows, sink, this::intelProblem, rules::put));
    indicators = new LiveIndicators(set, background, LiveIndicators.DEFAULT_MERGE_THRESHOLD);
    compiled = compileNow();
    generation = 1;
    holder = new SnapshotHolder(snapshot());
    status.loaded(set.size(), (System.nanoTime() - start) / 1_000_000);
    subscription = store.subscribe(this::changed);
  }

  private void changed(StoreChange change) {
    waiting.add(change);
    try {
      writer.execute(this::applyWaiting);
    } catch (RejectedExecutionException e) {
      // closing: the change is in the store and is read at the next start
    }
  }

  /**
   * Applies every change waiting, in commit order: the versions of consecutive adds go to the
   * indicators together (as the tick's pages do), a removal first applies what came before it.
   */
  private void applyWaiting() {
    takeWaiting();
    publishIfChanged();
  }

  private void takeWaiting() {
    // Every change taken had committed before anything is read for them, so what this pass
    // applies was read with the attribution they left.
    List<StoreChange> changes = new ArrayList<>();
    for (StoreChange change = waiting.poll(); change != null; change = waiting.poll()) {
      changes.add(change);
    }
    appliedNow.clear();
    List<IntelVersion> versions = new ArrayList<>();
    // Objects that may attribute indicators, added or removed: their indicators are read again
    // once the changes are applied (but those this pass applied).
    Set<String> attributing = new LinkedHashSet<>();
    for (StoreChange change : changes) {
      try {
        switch (change) {
          case StoreChange.ObjectsAdded added -> {
            for (StoreChange.AddedVersion v : added.versions()) {
              appliedSinceTick.add(added.collectionId() + v.dateAdded());
              if (IndicatorContext.TYPES.contains(v.type())) {
                attributing.add(v.stixId());
              }
            }
            versions.addAll(parse(feed.added(added)));
          }
          case StoreChange.ObjectsRemoved removed -> {
            applyAll(versions);
            remove(removed.stixId());
            attributing.add(removed.stixId());
          }
        }
      } catch (RuntimeException e) {
        failure("cannot apply a store change", e);
      }
    }
    try {
      applyAll(versions);
      reattribute(attributing, appliedNow);
      indicators.poll();
    } catch (RuntimeException e) {
      failure("cannot apply a store change", e);
    }
  }

  /** Applies {@code versions} (if any) and empties the list. */
  private void applyAll(List<IntelVersion> versions) {
    if (!versions.isEmpty()) {
      try {
        IntelDiff diff = indicators.apply(versions);
        appliedNow.addAll(diff.addedIds());
        appliedNow.addAll(diff.replacedIds());
      } finally {
        versions.clear();
      }
    }
  }

  private void read(List<IndicatorFeed.Row> rows) {
    applyAll(parse(rows));
  }

  /** The indicator versions of {@code rows}; Sigma rules among them go to the rules. */
  private List<IntelVersion> parse(List<IndicatorFeed.Row> rows) {
    return intel.versions(rows, this::intelProblem, rules::put);
  }

  /**
   * Reads again the indicators that {@code attributing} (ids of relationships, actors,
   * campaigns...) may attribute, as the store holds them now, but those in {@code fresh}: the set
   * ignores a version it holds already, so their current versions are withdrawn first.
   */
  private void reattribute(Set<String> attributing, Set<String> fresh) {
    if (attributing.isEmpty()) {
      return;
    }
    Set<String> ids = new LinkedHashSet<>(context.indicatorsAttributedBy(attributing));
    ids.removeAll(fresh);
    if (ids.isEmpty()) {
      return;
    }
    List<IndicatorFeed.Row> rows = feed.newestOf(ids);
    indicators.withdraw(ids);
    read(rows);
  }

  private void remove(String stixId) {
    List<IndicatorFeed.Row> left = feed.newestOf(stixId);
    if (rules.withdraw(stixId)) {
      read(left);
      return;
    }
    indicators.withdraw(List.of(stixId));
    read(left);
  }

  private void tick() {
    // The changes waiting first: the look for other writers' adds then skips them, not parses them
    // again, and the tick publishes one snapshot for all.
    takeWaiting();
    try {
      indicators.expire(clock.instant());
      indicators.poll();
      Map<String, Long> now = feed.lastAdded();
      if (!now.equals(checkpoints)) {
        Map<String, Long> from = checkpoints;
        checkpoints = now;
        feed.latest(
            from,
            PAGE,
            rows ->
                read(
                    rows.stream()
                        .filter(r -> !appliedSinceTick.contains(r.collectionId() + r.dateAdded()))
                        .toList()));
        Set<String> attributing = new LinkedHashSet<>();
        feed.addedOfTypes(
            from,
            IndicatorContext.TYPES,
            PAGE,
            added ->
                added.stream()
                    .filter(a -> !appliedSinceTick.contains(a.collectionId() + a.dateAdded()))
                    .forEach(a -> attributing.add(a.stixId())));
        reattribute(attributing, Set.of());
      }
      appliedSinceTick.clear();
    } catch (RuntimeException e) {
      failure("detector update failed", e);
    }
    publishIfChanged();
  }

  private IndicatorMatcherRef lastPublished;

  private record IndicatorMatcherRef(Object indicators, RuleCompilation rules) {}

  private void publishIfChanged() {
    if (rules.changed()) {
      compileLater();
    }
    var now = new IndicatorMatcherRef(indicators.current(), compiled);
    if (lastPublished != null
        && lastPublished.indicators() == now.indicators()
        && lastPublished.rules() == now.rules()) {
      return;
    }
    generation++;
    holder.publish(snapshot());
    status.published(indicators.set().size(), generation);
  }

  private DetectionSnapshot snapshot() {
    lastPublished = new IndicatorMatcherRef(indicators.current(), compiled);
    return DetectionSnapshot.builder()
        .indicators(indicators.current())
        .rules(compiled)
        .build(generation);
  }

  private RuleCompilation compileNow() {
    rules.changed(); // taken in now
    RuleCompilation c = rules.compile();
    report(c);
    return c;
  }

  private void compileLater() {
    long asked = ++compileAsked;
    var texts = rules.texts();
    try {
      background.execute(
          () -> {
            RuleCompilation c;
            try {
              c = rules.compile(texts);
            } catch (RuntimeException e) {
              failure("cannot compile the Sigma rules", e);
              return;
            }
            try {
              writer.execute(() -> take(c, asked));
            } catch (RejectedExecutionException e) {
              // closing
            }
          });
    } catch (RejectedExecutionException e) {
      // closing
    }
  }

  private void take(RuleCompilation c, long asked) {
    if (asked <= compileTaken) {
      return; // a later rule set was taken already
    }
    compileTaken = asked;
    report(c);
    compiled = c;
    publishIfChanged();
  }

  private void report(RuleCompilation c) {
    List<Problem> problems = c.problems();
    status.rules(c.program().rules().size(), problems);
    int shown = 0;
    for (Problem p : problems) {
      if (shown++ == 20) {
        log.println("kasa serve: detector: " + (problems.size() - 20) + " more rule problems");
        break;
      }
      log.println("kasa serve: detector: rule problem: " + p.text());
    }
  }

  private void intelProblem(Problem p) {
    status.intelProblem(p);
  }

  private void failure(String what, RuntimeException e) {
    status.failure();
    log.println("kasa serve: detector: " + what + ": " + e.getMessage());
  }

  /** Runs {@code work} on the writer thread after what it was given before (for tests). */
  java.util.concurrent.Future<?> onWriter(Runnable work) {
    return writer.submit(work);
  }

  /** Stops the writer and the background work; the snapshots handed out stay usable. */
  @Override
  public void close() {
    if (subscription != null) {
      try {
        subscription.close();
      } catch (Exception e) {
        // unsubscribing cannot fail
      }
    }
    writer.shutdownNow();
    background.shutdownNow();
  }
}
