package dev.kasa.detect;

import dev.kasa.Problem;
import dev.kasa.intel.Indicator;
import dev.kasa.intel.IntelDiff;
import dev.kasa.intel.IntelSink;
import dev.kasa.intel.IntelVersion;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The current version of every indicator, keyed by STIX id, and the observables of those versions:
 * what an index is built from ({@link #index}). Versions are applied one by one ({@link #apply}):
 *
 * <ul>
 *   <li>a version of an id the set does not hold is added;
 *   <li>a newer {@code modified} supersedes the current version: all observables of the old one go,
 *       those of the new one come; an older one is ignored, and so is an equal one (applying a
 *       version twice changes nothing; of two different versions with the same {@code modified},
 *       the first one stands);
 *   <li>a revoked version, whatever its {@code modified}, removes the indicator for good: STIX
 *       revocation is permanent, so no later version of it is taken;
 *   <li>{@link #expire} removes the versions whose observables are all past their {@code
 *       valid_until}; a newer version brings the indicator back.
 * </ul>
 *
 * <p>Each change says what it did as an {@link IntelDiff}, which a {@link LayeredIndex} applies.
 * Observables are held in columns (as an index builder holds them), and ids in a table of their
 * UUIDs, a few dozen bytes per version beside the observables. Not thread-safe: one writer.
 */
public final class IntelSet {
  private static final byte LIVE = 1;
  private static final byte REVOKED = 2;
  private static final byte EXPIRED = 3;

  /** Withdrawn by its holder (deleted, not revoked): any later version, older or newer, stands. */
  private static final byte WITHDRAWN = 4;

  private IndexIntake intake = new IndexIntake();

  // Versions, one slot per id ever seen, in arrival order.
  private int slots;
  private long[] idHi = new long[64];
  private long[] idLo = new long[64];
  private long[] modifiedSeconds = new long[64];
  private int[] modifiedNanos = new int[64];
  private byte[] state = new byte[64];
  private int[] first = new int[64];
  private int[] end = new int[64];

  /** The latest {@code valid_until} of the version's observables, epoch ms; MAX_VALUE: none. */
  private long[] until = new long[64];

  /**
   * Open addressing over the ids' UUIDs: slot + 1 in the low half, the high half of the id's hash
   * in the high half; 0 empty. A probe compares the hash before it reads the slot's id, so a new id
   * (a million of them in a load) costs one cache miss in the table, not two more per probe.
   */
  private long[] table = new long[128];

  private int live;
  private long repeated;
  private long superseded;
  private long revoked;

  /**
   * Applies one version and says what changed.
   *
   * @throws NullPointerException if {@code version} is null
   */
  public IntelDiff apply(IntelVersion version) {
    var diff = new IntelDiff.Builder();
    apply(Objects.requireNonNull(version, "version"), diff);
    return diff.build();
  }

  /** Applies versions in order and says what changed in all, as one diff. */
  public IntelDiff applyAll(Iterable<IntelVersion> versions) {
    var diff = new IntelDiff.Builder();
    for (IntelVersion v : versions) {
      apply(Objects.requireNonNull(v, "version"), diff);
    }
    return diff.build();
  }

  /**
   * A sink that applies every version it receives to this set and passes problems on to {@code
   * problems}: how a load goes into a set. An indicator delivered on its own (not in a version) is
   * a version of its own, as of the Unix epoch.
   */
  public IntelSink sink(Consumer<Problem> problems) {
    Objects.requireNonNull(problems, "problems");
    return new IntelSink() {
      @Override
      public void version(IntelVersion version) {
        apply(version, null);
      }

      @Override
      public void indicator(Indicator indicator) {
        apply(IntelVersion.of(indicator, Instant.EPOCH), null);
      }

      @Override
      public void problem(Problem problem) {
        problems.accept(problem);
      }
    };
  }

  /**
   * Removes every version whose observables are all past their {@code valid_until} at {@code now}
   * (a version without observables, or with one that never ends, stays), and says which. Times are
   * compared to the millisecond, never early: a version goes at the latest one millisecond after
   * its time.
   */
  public IntelDiff expire(Instant now) {
    long t;
    try {
      t = now.toEpochMilli();
    } catch (ArithmeticException e) {
      t = now.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE - 1;
    }
    var diff = new IntelDiff.Builder();
    for (int s = 0; s < slots; s++) {
      if (state[s] == LIVE && until[s] != Long.MAX_VALUE && until[s] <= t) {
        intake.kill(first[s], end[s]);
        state[s] = EXPIRED;
        live--;
        diff.removed(Keys.formatId(idHi[s], idLo[s]));
      }
    }
    compactIfWorthIt();
    return diff.build();
  }

  /**
   * Withdraws the current version of {@code id} without revoking it: the holder no longer holds it
   * (a TAXII delete), so the next version applied stands whatever its {@code modified}, as for an
   * id never seen. Says what changed (nothing when {@code id} has no current version).
   */
  public IntelDiff withdraw(String id) {
    var diff = new IntelDiff.Builder();
    if (Indicator.isIndicatorId(id)) {
      int s = find(Keys.uuidHigh(id), Keys.uuidLow(id));
      if (s >= 0 && state[s] != REVOKED) {
        if (state[s] == LIVE) {
          intake.kill(first[s], end[s]);
          live--;
          diff.removed(id);
        }
        state[s] = WITHDRAWN;
        compactIfWorthIt();
      }
    }
    return diff.build();
  }

  /** The number of indicators that have a current version. */
  public int size() {
    return live;
  }

  /** The number of observables of the current versions (identical ones in a version held once). */
  public int observables() {
    return intake.size - intake.deadCount;
  }

  /** Observables held, those of versions no longer current included (until copied away). */
  int heldObservables() {
    return intake.size;
  }

  /**
   * How many versions were applied again (the same {@code modified} as the current one) and so
   * changed nothing.
   */
  public long repeated() {
    return repeated;
  }

  /**
   * How many versions do not stand because a newer one does: those replaced, and those that came
   * after a newer one and were ignored.
   */
  public long superseded() {
    return superseded;
  }

  /** How many indicators were revoked (each counts once, however many versions say so). */
  public long revoked() {
    return revoked;
  }

  /** Whether {@code id} has a current version. */
  public boolean contains(String id) {
    if (!Indicator.isIndicatorId(id)) {
      return false;
    }
    int s = find(Keys.uuidHigh(id), Keys.uuidLow(id));
    return s >= 0 && state[s] == LIVE;
  }

  /** The {@code modified} time of the current version of {@code id}, or null when it has none. */
  public Instant modified(String id) {
    if (!contains(id)) {
      return null;
    }
    int s = find(Keys.uuidHigh(id), Keys.uuidLow(id));
    return Instant.ofEpochSecond(modifiedSeconds[s], modifiedNanos[s]);
  }

  /**
   * Builds an index of the observables of the current versions. The set is left as it is and may
   * change afterwards without changing the index.
   */
  public IndicatorIndex index() {
    return new IndicatorIndex(new IndexAssembly(intake));
  }

  private void apply(IntelVersion v, IntelDiff.Builder diff) {
    long hi = Keys.uuidHigh(v.id());
    long lo = Keys.uuidLow(v.id());
    int s = find(hi, lo);
    if (s < 0 || state[s] == WITHDRAWN) {
      if (s < 0) {
        s = newSlot(hi, lo);
      }
      if (v.revoked()) {
        state[s] = REVOKED; // remembered, so that no later version brings it back
        stamp(s, v);
        revoked++;
        return;
      }
      take(s, v, hi, lo);
      live++;
      if (diff != null) {
        diff.added(v);
      }
      return;
    }
    switch (state[s]) {
      case REVOKED -> {} // for good: nothing more to count
      case LIVE -> {
        if (v.revoked()) {
          intake.kill(first[s], end[s]);
          state[s] = REVOKED;
          revoked++;
          live--;
          if (diff != null) {
            diff.removed(v.id());
          }
          compactIfWorthIt();
        } else if (isNewer(v, s)) {
          intake.kill(first[s], end[s]);
          take(s, v, hi, lo);
          superseded++;
          if (diff != null) {
            diff.replaced(v);
          }
          compactIfWorthIt();
        } else {
          ignoreOlderOrEqual(v, s);
        }
      }
      default -> { // EXPIRED
        if (v.revoked()) {
          state[s] = REVOKED;
          revoked++;
        } else if (isNewer(v, s)) {
          take(s, v, hi, lo);
          live++;
          if (diff != null) {
            diff.added(v);
          }
        } else {
          ignoreOlderOrEqual(v, s);
        }
      }
    }
  }

  private void ignoreOlderOrEqual(IntelVersion v, int s) {
    if (v.modified().getEpochSecond() == modifiedSeconds[s]
        && v.modified().getNano() == modifiedNanos[s]) {
      repeated++;
    } else {
      superseded++;
    }
  }

  /**
   * Makes {@code v} the current version of slot {@code s}; {@code hi} and {@code lo} are its id's
   * uuid, which every observable of the version shares.
   */
  private void take(int s, IntelVersion v, long hi, long lo) {
    stamp(s, v);
    state[s] = LIVE;
    first[s] = intake.size;
    long latest = v.observables().isEmpty() ? Long.MAX_VALUE : Long.MIN_VALUE;
    for (Indicator i : v.observables()) {
      intake.add(i, hi, lo);
      latest =
          Math.max(
              latest,
              i.validUntil() == null ? Long.MAX_VALUE : IndexIntake.ceilMillis(i.validUntil()));
    }
    end[s] = intake.size;
    until[s] = latest;
  }

  private void stamp(int s, IntelVersion v) {
    modifiedSeconds[s] = v.modified().getEpochSecond();
    modifiedNanos[s] = v.modified().getNano();
  }

  private boolean isNewer(IntelVersion v, int s) {
    long sec = v.modified().getEpochSecond();
    return sec > modifiedSeconds[s]
        || sec == modifiedSeconds[s] && v.modified().getNano() > modifiedNanos[s];
  }

  private int find(long hi, long lo) {
    int mask = table.length - 1;
    long h = Keys.mixWords(hi, lo);
    long tag = h & 0xffff_ffff_0000_0000L;
    for (int p = (int) h & mask; ; p = (p + 1) & mask) {
      long e = table[p];
      if (e == 0) {
        return -1;
      }
      if ((e & 0xffff_ffff_0000_0000L) == tag) {
        int s = (int) e - 1;
        if (idHi[s] == hi && idLo[s] == lo) {
          return s;
        }
      }
    }
  }

  private int newSlot(long hi, long lo) {
    if (slots == idHi.length) {
      int n = 2 * slots;
      idHi = Arrays.copyOf(idHi, n);
      idLo = Arrays.copyOf(idLo, n);
      modifiedSeconds = Arrays.copyOf(modifiedSeconds, n);
      modifiedNanos = Arrays.copyOf(modifiedNanos, n);
      state = Arrays.copyOf(state, n);
      first = Arrays.copyOf(first, n);
      end = Arrays.copyOf(end, n);
      until = Arrays.copyOf(until, n);
    }
    int s = slots++;
    idHi[s] = hi;
    idLo[s] = lo;
    if (2 * slots > table.length) {
      rehash(2 * table.length);
    } else {
      insert(s);
    }
    return s;
  }

  private void rehash(int capacity) {
    table = new long[capacity];
    for (int s = 0; s < slots; s++) {
      insert(s);
    }
  }

  private void insert(int s) {
    int mask = table.length - 1;
    long h = Keys.mixWords(idHi[s], idLo[s]);
    int p = (int) h & mask;
    while (table[p] != 0) {
      p = (p + 1) & mask;
    }
    table[p] = h & 0xffff_ffff_0000_0000L | (s + 1);
  }

  /**
   * Copies the live observables into fresh columns once the dead ones outnumber them (a set that
   * lives long sees many versions superseded): the cost is amortised over as many changes.
   */
  private void compactIfWorthIt() {
    if (intake.deadCount < 4096 || intake.deadCount < intake.size - intake.deadCount) {
      return;
    }
    IndexIntake fresh = new IndexIntake();
    for (int s = 0; s < slots; s++) {
      int from = fresh.size;
      if (state[s] == LIVE) {
        for (int e = first[s]; e < end[s]; e++) {
          fresh.copy(intake, e);
        }
      }
      first[s] = from;
      end[s] = fresh.size;
    }
    intake = fresh;
  }
}
