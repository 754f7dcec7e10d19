package dev.kasa.detect;

import dev.kasa.Problem;
import dev.kasa.intel.Attribution;
import dev.kasa.intel.Indicator;
import dev.kasa.intel.IntelDiff;
import dev.kasa.intel.IntelSink;
import dev.kasa.intel.IntelVersion;
import dev.kasa.intel.Origin;
import dev.kasa.intel.Provenance;
import dev.kasa.intel.VersionColumns;
import dev.kasa.stix.Tlp;
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

  // What touch read last: only so that its reads are not optimised away.
  private long touched;
  // How many versions of a load touch reads ahead.
  private static final int TOUCH_AHEAD = 16;

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
      public void versions(VersionColumns versions) {
        int n = versions.size();
        for (int first = 0; first < n; first += TOUCH_AHEAD) {
          int end = Math.min(n, first + TOUCH_AHEAD);
          touch(versions, first, end);
          for (int v = first; v < end; v++) {
            Problem refusal = versions.refusal(v);
            if (refusal != null) {
              problems.accept(refusal);
            } else {
              apply(versions, v);
            }
          }
        }
      }

      @Override
      public boolean takesColumns() {
        return true;
      }

      @Override
      public void expect(int versions, int observables) {
        reserve(versions, observables);
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
    Instant m = v.modified();
    apply(
        Keys.uuidHigh(v.id()),
        Keys.uuidLow(v.id()),
        m.getEpochSecond(),
        m.getNano(),
        v.revoked(),
        v,
        null,
        0,
        diff);
  }

  // Version `at` of a load's columns: the same as applying its record, without the record.
  private void apply(VersionColumns c, int at) {
    apply(
        c.idHigh(at),
        c.idLow(at),
        c.modifiedSeconds(at),
        c.modifiedNanos(at),
        c.revoked(at),
        null,
        c,
        at,
        null);
  }

  /**
   * Applies the version whose id has the uuid {@code hi}, {@code lo} and whose {@code modified} is
   * {@code sec}, {@code nanos}: the record {@code v}, or (when {@code v} is null) version {@code
   * at} of {@code c}. A {@code diff} needs the record.
   */
  private void apply(
      long hi,
      long lo,
      long sec,
      int nanos,
      boolean isRevoked,
      IntelVersion v,
      VersionColumns c,
      int at,
      IntelDiff.Builder diff) {
    int s = find(hi, lo);
    if (s < 0 || state[s] == WITHDRAWN) {
      if (s < 0) {
        s = newSlot(hi, lo);
      }
      if (isRevoked) {
        state[s] = REVOKED; // remembered, so that no later version brings it back
        stamp(s, sec, nanos);
        revoked++;
        return;
      }
      take(s, sec, nanos, v, c, at, hi, lo);
      live++;
      if (diff != null) {
        diff.added(v);
      }
      return;
    }
    switch (state[s]) {
      case REVOKED -> {} // for good: nothing more to count
      case LIVE -> {
        if (isRevoked) {
          intake.kill(first[s], end[s]);
          state[s] = REVOKED;
          revoked++;
          live--;
          if (diff != null) {
            diff.removed(v.id());
          }
          compactIfWorthIt();
        } else if (isNewer(sec, nanos, s)) {
          intake.kill(first[s], end[s]);
          take(s, sec, nanos, v, c, at, hi, lo);
          superseded++;
          if (diff != null) {
            diff.replaced(v);
          }
          compactIfWorthIt();
        } else {
          ignoreOlderOrEqual(sec, nanos, s);
        }
      }
      default -> { // EXPIRED
        if (isRevoked) {
          state[s] = REVOKED;
          revoked++;
        } else if (isNewer(sec, nanos, s)) {
          take(s, sec, nanos, v, c, at, hi, lo);
          live++;
          if (diff != null) {
            diff.added(v);
          }
        } else {
          ignoreOlderOrEqual(sec, nanos, s);
        }
      }
    }
  }

  private void ignoreOlderOrEqual(long sec, int nanos, int s) {
    if (sec == modifiedSeconds[s] && nanos == modifiedNanos[s]) {
      repeated++;
    } else {
      superseded++;
    }
  }

  /**
   * Makes the version (the record {@code v}, or version {@code at} of {@code c}) the current
   * version of slot {@code s}; {@code hi} and {@code lo} are its id's uuid, which every observable
   * of the version shares.
   */
  private void take(
      int s, long sec, int nanos, IntelVersion v, VersionColumns c, int at, long hi, long lo) {
    stamp(s, sec, nanos);
    state[s] = LIVE;
    first[s] = intake.size;
    if (v != null) {
      long latest = v.observables().isEmpty() ? Long.MAX_VALUE : Long.MIN_VALUE;
      for (Indicator i : v.observables()) {
        intake.add(i, hi, lo);
        latest =
            Math.max(
                latest,
                i.validUntil() == null ? Long.MAX_VALUE : IndexIntake.ceilMillis(i.validUntil()));
      }
      until[s] = latest;
    } else {
      int n = c.observables(at);
      long fromSeconds = c.validFromSeconds(at);
      int fromNanos = c.validFromNanos(at);
      long untilSeconds = c.validUntilSeconds(at);
      int untilNanos = c.validUntilNanos(at);
      Tlp tlp = c.tlp(at);
      boolean isRevoked = c.revoked(at);
      int confidence = c.confidence(at);
      Attribution attribution = c.attribution(at);
      Origin origin = c.origin(at);
      Provenance provenance = c.provenance(at);
      for (int k = 0; k < n; k++) {
        intake.add(
            c.type(at, k),
            c.value(at, k),
            fromSeconds,
            fromNanos,
            untilSeconds,
            untilNanos,
            tlp,
            isRevoked,
            confidence,
            intake.contexts.idOf(attribution, origin, provenance, c.port(at, k)),
            hi,
            lo);
      }
      until[s] =
          n == 0 || untilNanos < 0
              ? Long.MAX_VALUE
              : IndexIntake.ceilMillis(untilSeconds, untilNanos);
    }
    end[s] = intake.size;
  }

  private void stamp(int s, long sec, int nanos) {
    modifiedSeconds[s] = sec;
    modifiedNanos[s] = nanos;
  }

  private boolean isNewer(long sec, int nanos, int s) {
    return sec > modifiedSeconds[s] || sec == modifiedSeconds[s] && nanos > modifiedNanos[s];
  }

  /**
   * Makes room for {@code versions} more ids and {@code observables} more observables at once (a
   * hint: more or fewer may come): a load that knows its counts saves the copies of growing step by
   * step.
   */
  void reserve(int versions, int observables) {
    long wanted = (long) slots + Math.max(0, versions);
    if (wanted > idHi.length && wanted <= Integer.MAX_VALUE / 4) {
      // Exactly the count into an empty set; else at least doubled, so that many small loads into
      // a big set do not copy it each time.
      resize((int) (slots == 0 ? wanted : Math.max(wanted, 2L * idHi.length)));
      int capacity = table.length;
      while (capacity < 2 * wanted) {
        capacity *= 2;
      }
      if (capacity != table.length) {
        rehash(capacity);
      }
    }
    intake.reserve(observables);
  }

  /**
   * Reads the id table where versions {@code [from, to)} of {@code c} will probe it, so that the
   * cache misses of their random slots overlap instead of coming one at a time (a million new ids
   * miss on nearly every probe of a table of several megabytes).
   */
  private void touch(VersionColumns c, int from, int to) {
    long[] t = table;
    int mask = t.length - 1;
    long sum = 0;
    for (int v = from; v < to; v++) {
      sum += t[(int) Keys.mixWords(c.idHigh(v), c.idLow(v)) & mask];
    }
    touched = sum; // used, so that the loads are not left out
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
      resize(2 * slots);
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

  private void resize(int n) {
    idHi = Arrays.copyOf(idHi, n);
    idLo = Arrays.copyOf(idLo, n);
    modifiedSeconds = Arrays.copyOf(modifiedSeconds, n);
    modifiedNanos = Arrays.copyOf(modifiedNanos, n);
    state = Arrays.copyOf(state, n);
    first = Arrays.copyOf(first, n);
    end = Arrays.copyOf(end, n);
    until = Arrays.copyOf(until, n);
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
