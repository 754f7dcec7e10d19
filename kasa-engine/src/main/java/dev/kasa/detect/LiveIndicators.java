package dev.kasa.detect;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.intel.IntelDiff;
import dev.kasa.intel.IntelVersion;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The indicators of a detector that never stops: an {@link IntelSet} that versions are applied to
 * as partners share them, and the {@link LayeredIndex} that matches what the set holds. Each change
 * gives a new matcher at once ({@link #current}), built in time proportional to the changes since
 * the last merge; once those pass a threshold, a merged index is built in the background on the
 * given executor and taken in, with the changes made meanwhile put in front of it, by the next call
 * on the writer's side ({@link #apply}, {@link #expire} or {@link #poll}). The caller publishes
 * {@link #current} (in a detection snapshot) after each call that changed it.
 *
 * <p>Not thread-safe: one writer thread makes every call. The matchers it hands out are immutable
 * and may be used by any number of threads.
 */
public final class LiveIndicators {
  /** Delta entries and hidden ids past which a merge starts, unless told otherwise. */
  public static final int DEFAULT_MERGE_THRESHOLD = 8192;

  private final IntelSet set;
  private final Executor merges;
  private final int threshold;
  private LayeredIndex current;
  private CompletableFuture<IndicatorIndex> merging;
  private IntelDiff.Builder sinceMerge;
  private long merged;

  /**
   * Starts from what {@code set} holds (its index is built here, on the caller's thread).
   *
   * @param set the versions; from now on changed only through this object
   * @param merges runs the background merges
   * @param mergeThreshold delta entries and hidden ids past which a merge starts (positive)
   */
  public LiveIndicators(IntelSet set, Executor merges, int mergeThreshold) {
    this.set = Objects.requireNonNull(set, "set");
    this.merges = Objects.requireNonNull(merges, "merges");
    if (mergeThreshold <= 0) {
      throw new IllegalArgumentException(
          "mergeThreshold must be positive but was " + mergeThreshold);
    }
    this.threshold = mergeThreshold;
    this.current = LayeredIndex.of(set.index());
  }

  /** Applies versions in order; {@link #current} then matches what the set holds. */
  public IntelDiff apply(Iterable<IntelVersion> versions) {
    IntelDiff diff = set.applyAll(versions);
    advance(diff);
    return diff;
  }

  /**
   * Removes the versions whose observables have all expired at {@code now} (see {@link
   * IntelSet#expire}).
   */
  public IntelDiff expire(Instant now) {
    IntelDiff diff = set.expire(now);
    advance(diff);
    return diff;
  }

  /** Withdraws the current versions of {@code ids} (see {@link IntelSet#withdraw}). */
  public IntelDiff withdraw(Iterable<String> ids) {
    var all = new IntelDiff.Builder();
    for (String id : ids) {
      all.add(set.withdraw(id));
    }
    IntelDiff diff = all.build();
    advance(diff);
    return diff;
  }

  /**
   * Takes in a background merge that has finished, if any.
   *
   * @return whether {@link #current} changed
   * @throws KasaException with {@link ErrorCode#INTERNAL} when the merge failed (matching goes on
   *     with the layers as they are, and the next change starts a new merge)
   */
  public boolean poll() {
    if (merging == null || !merging.isDone()) {
      return false;
    }
    CompletableFuture<IndicatorIndex> done = merging;
    IntelDiff meanwhile = sinceMerge.build();
    merging = null;
    sinceMerge = null;
    IndicatorIndex bulk;
    try {
      bulk = done.join();
    } catch (CompletionException e) {
      throw new KasaException(
          ErrorCode.INTERNAL, "merging the indicator layers failed: " + e.getCause(), e);
    }
    current = LayeredIndex.of(bulk).with(meanwhile);
    merged++;
    startMergeIfDue();
    return true;
  }

  /** The matcher of what the set holds now. */
  public LayeredIndex current() {
    return current;
  }

  /** Whether a merge is running in the background. */
  public boolean merging() {
    return merging != null;
  }

  /** How many merges have been taken in. */
  public long merges() {
    return merged;
  }

  /** The set's current versions, for counts ({@link IntelSet#size} and the like). */
  public IntelSet set() {
    return set;
  }

  private void advance(IntelDiff diff) {
    try {
      poll();
    } finally {
      // Even when a failed merge is reported, the matcher follows the set.
      if (!diff.isEmpty()) {
        current = current.with(diff);
        if (merging != null) {
          sinceMerge.add(diff);
        }
      }
      startMergeIfDue();
    }
  }

  private void startMergeIfDue() {
    if (merging != null || !current.needsMerge(threshold)) {
      return;
    }
    LayeredIndex from = current;
    sinceMerge = new IntelDiff.Builder();
    merging = CompletableFuture.supplyAsync(from::merged, merges);
  }
}
