package dev.kasa.intel;

import dev.kasa.ErrorCode;
import dev.kasa.Location.StixLocation;
import dev.kasa.Problem;
import dev.kasa.observable.ObservableType;
import dev.kasa.stix.Tlp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A run of indicator versions of a STIX load, in load order, read by position: what {@link
 * IntelSink#versions} receives. Version {@code v} (0 to {@link #size()} − 1) is either refused
 * ({@link #refusal} says why, and the sink gets that problem instead) or what {@link #version}
 * gives as a record; a sink that holds observables as columns reads the same fields without the
 * records ({@link IntelSink#takesColumns}): the load then makes neither an {@link Indicator} per
 * observable nor an id string per version, and does not normalise each value a second time (the
 * values are already the output of {@link dev.kasa.observable.Observables#normalize}).
 *
 * <p>Every observable of a version shares its validity window, confidence, TLP, attribution and
 * provenance, as the observables of one STIX indicator object do. Immutable once made, and so
 * readable from any thread; a sink should not keep it past the call (it holds on to the whole
 * load's pending indicators).
 */
public final class VersionColumns {
  private final StixPendingIndicators pending;
  private final int first;
  private final int size;
  private final int firstRow;
  private final Origin[] origins;
  private final String[] sources;
  private final String[] values;
  private final Attribution[] attributions;
  private final Provenance[] provenances;
  private final Problem[] refusals;
  private final IntelVersion[] records;

  private final long standingObservables;

  /** Per version, whether another object of the load revokes its id; null when none does. */
  private final boolean[] revokedElsewhere;

  /**
   * Makes the run of pending objects {@code [first, first + size)}: their observables' values,
   * attribution, provenance and refusals; their records too when {@code withRecords}. {@code
   * revokedIds} are the ids that other objects of the load revoke.
   */
  VersionColumns(
      StixPendingIndicators pending,
      int first,
      int size,
      Origin[] originOfBundle,
      String[] sourceOfBundle,
      Attribution[] attributions,
      Provenance[] provenances,
      Set<String> revokedIds,
      boolean withRecords) {
    this.pending = pending;
    this.first = first;
    this.size = size;
    this.origins = originOfBundle;
    this.sources = sourceOfBundle;
    this.attributions = attributions;
    this.provenances = provenances;
    boolean[] alsoRevoked = null;
    if (!revokedIds.isEmpty()) {
      alsoRevoked = new boolean[size];
      for (int v = 0; v < size; v++) {
        alsoRevoked[v] = revokedIds.contains(pending.id(first + v));
      }
    }
    this.revokedElsewhere = alsoRevoked;
    this.firstRow = size == 0 ? 0 : pending.firstObservable(first);
    int endRow = size == 0 ? 0 : pending.endObservable(first + size - 1);
    this.values = new String[endRow - firstRow];
    for (int r = firstRow; r < endRow; r++) {
      values[r - firstRow] = pending.value(r);
    }
    Problem[] refused = null;
    IntelVersion[] made = withRecords ? new IntelVersion[size] : null;
    long standing = 0;
    for (int v = 0; v < size; v++) {
      String why = refusalText(v);
      if (why == null && made != null) {
        try {
          made[v] = record(v);
        } catch (IllegalArgumentException e) {
          why = e.getMessage();
        }
      }
      if (why != null) {
        if (refused == null) {
          refused = new Problem[size];
        }
        refused[v] = problem(v, why);
      } else {
        standing += observables(v);
      }
    }
    this.refusals = refused;
    this.standingObservables = standing;
    this.records = made;
  }

  /** The number of versions. */
  public int size() {
    return size;
  }

  /** The observables of the versions that are not refused, in all. */
  public long standingObservables() {
    return standingObservables;
  }

  /** The problems delivered instead of the refused versions, in order; usually none. */
  public List<Problem> refusals() {
    if (refusals == null) {
      return List.of();
    }
    var out = new ArrayList<Problem>();
    for (Problem p : refusals) {
      if (p != null) {
        out.add(p);
      }
    }
    return out;
  }

  /** The problem delivered instead of version {@code v}, or null when {@code v} stands. */
  public Problem refusal(int v) {
    return refusals == null ? null : refusals[check(v)];
  }

  /**
   * Version {@code v} as a record, the same as the load delivers to a sink without columns.
   *
   * @throws IllegalStateException if {@code v} is refused ({@link #refusal})
   */
  public IntelVersion version(int v) {
    if (refusal(v) != null) {
      throw new IllegalStateException("version " + v + " is refused: " + refusal(v).message());
    }
    return records != null ? records[v] : record(v);
  }

  /** The first 16 hex digits of the uuid of version {@code v}'s id, as a long. */
  public long idHigh(int v) {
    return pending.idHigh(at(v));
  }

  /** The last 16 hex digits of the uuid of version {@code v}'s id, as a long. */
  public long idLow(int v) {
    return pending.idLow(at(v));
  }

  /** The id {@code indicator--<uuid>} of version {@code v}, made anew on each call. */
  public String id(int v) {
    return pending.id(at(v));
  }

  public long modifiedSeconds(int v) {
    return pending.modifiedSeconds(at(v));
  }

  public int modifiedNanos(int v) {
    return pending.modifiedNanos(at(v));
  }

  /** Whether version {@code v} revokes its indicator. */
  public boolean revoked(int v) {
    return pending.revoked(at(v)) || revokedElsewhere != null && revokedElsewhere[v];
  }

  public Origin origin(int v) {
    return origins[pending.bundle(at(v))];
  }

  /** The number of observables of version {@code v}. */
  public int observables(int v) {
    int o = at(v);
    return pending.endObservable(o) - pending.firstObservable(o);
  }

  /** The type of observable {@code k} of version {@code v}. */
  public ObservableType type(int v, int k) {
    return pending.type(row(v, k));
  }

  /** The canonical value of observable {@code k} of version {@code v}. */
  public String value(int v, int k) {
    return values[row(v, k) - firstRow];
  }

  /** The port observable {@code k} of version {@code v} also requires, or null. */
  public PortConstraint port(int v, int k) {
    return pending.port(row(v, k));
  }

  public long validFromSeconds(int v) {
    return pending.validFromSeconds(at(v));
  }

  public int validFromNanos(int v) {
    return pending.validFromNanos(at(v));
  }

  /** Seconds of {@code valid_until}; meaningless when {@link #validUntilNanos} is -1. */
  public long validUntilSeconds(int v) {
    return pending.validUntilSeconds(at(v));
  }

  /** Nanoseconds of {@code valid_until}, or -1 when the version is open-ended. */
  public int validUntilNanos(int v) {
    return pending.validUntilNanos(at(v));
  }

  /** 0 to 100, or -1 when unknown. */
  public int confidence(int v) {
    return pending.confidence(at(v));
  }

  public Tlp tlp(int v) {
    return pending.tlp(at(v));
  }

  /** The attribution of version {@code v}'s observables (null when it has none). */
  public Attribution attribution(int v) {
    return attributions[check(v)];
  }

  /** The provenance of version {@code v}'s observables (null when it has none). */
  public Provenance provenance(int v) {
    return provenances[check(v)];
  }

  private int at(int v) {
    return first + check(v);
  }

  private int check(int v) {
    return Objects.checkIndex(v, size);
  }

  private int row(int v, int k) {
    int o = at(v);
    int r = pending.firstObservable(o) + k;
    if (k < 0 || r >= pending.endObservable(o)) {
      throw new IndexOutOfBoundsException("observable " + k + " of version " + v);
    }
    return r;
  }

  // The constructor's refusal of an Indicator with these fields, from the primitive columns first:
  // nearly every object passes, without an Instant made.
  private String refusalText(int v) {
    int o = at(v);
    int n = observables(v);
    if (n == 0) {
      return null;
    }
    int conf = pending.confidence(o);
    int untilNanos = pending.validUntilNanos(o);
    long untilSeconds = pending.validUntilSeconds(o);
    long fromSeconds = pending.validFromSeconds(o);
    boolean windowOk =
        untilNanos < 0
            || untilSeconds > fromSeconds
            || untilSeconds == fromSeconds && untilNanos > pending.validFromNanos(o);
    if (conf >= -1 && conf <= 100 && windowOk && !pending.hasPorts()) {
      return null;
    }
    String id = pending.id(o);
    for (int k = 0; k < n; k++) {
      String why =
          Indicator.refusal(
              id, type(v, k), pending.validFrom(o), pending.validUntil(o), conf, port(v, k));
      if (why != null) {
        return why;
      }
    }
    return null;
  }

  private Problem problem(int v, String why) {
    int o = at(v);
    String id = pending.id(o);
    return new Problem(
        ErrorCode.INVALID_INPUT,
        new StixLocation(sources[pending.bundle(o)], id, "objects[" + pending.index(o) + "]"),
        id + ": " + why);
  }

  private IntelVersion record(int v) {
    int o = at(v);
    String id = pending.id(o);
    boolean isRevoked = revoked(v);
    Origin origin = origin(v);
    int n = observables(v);
    if (n == 0) {
      return new IntelVersion(id, pending.modified(o), isRevoked, origin, List.of());
    }
    Instant from = pending.validFrom(o);
    Instant until = pending.validUntil(o);
    var observables = new Indicator[n];
    for (int k = 0; k < n; k++) {
      observables[k] =
          new Indicator(
              id,
              type(v, k),
              value(v, k),
              from,
              until,
              isRevoked,
              pending.confidence(o),
              pending.tlp(o),
              attributions[v],
              origin,
              provenances[v],
              port(v, k));
    }
    // List.of: the version's List.copyOf keeps it as it is.
    return new IntelVersion(id, pending.modified(o), isRevoked, origin, List.of(observables));
  }
}
