package dev.kasa.detect;

import dev.kasa.intel.Indicator;
import dev.kasa.intel.PortConstraint;
import dev.kasa.observable.ObservableType;
import java.util.function.IntConsumer;

/**
 * The indicator part of a detection snapshot: finds the indicators an observable value matches.
 * Immutable and thread-safe; many threads may match at once, each worker matching records through a
 * {@link #probe()} of its own. Matches are reported as entry numbers (one per observable of an
 * indicator), which {@link #indicator} turns into the {@link Indicator} with its origin and
 * provenance; an entry number means something only to the matcher that gave it.
 *
 * <p>Two kinds: an {@link IndicatorIndex} built at once from a set of indicators, and a {@link
 * LayeredIndex} that puts the changes since such a build (a small delta index, and the ids whose
 * entries in the big one no longer count) in front of it, so that one new indicator can be applied
 * in milliseconds.
 */
public abstract sealed class IndicatorMatcher permits IndicatorIndex, LayeredIndex {
  IndicatorMatcher() {}

  /** The number of entries (indicator observables) that can match. */
  public abstract int size();

  /**
   * A new probe for one worker: it matches whole records, and its scratch state is its own, so it
   * is not thread-safe.
   */
  public IndicatorProbe probe() {
    return new Detector(this);
  }

  /**
   * Finds the entries whose value matches {@code rawValue} read as {@code type}, following the
   * matching semantics of {@code docs/matching.md}, that apply at {@code timeMillis} (not revoked,
   * within [valid_from, valid_until)). For {@code IPV4} and {@code IPV6} either family is accepted
   * and probed in the right table. Values that are not valid for the type find nothing.
   *
   * @param type the type the value is looked up as, never null
   * @param rawValue the value as found in the event (not normalised), never null
   * @param timeMillis the event time, epoch milliseconds
   * @param entries receives the number of each matching entry, on the calling thread
   */
  public abstract void match(
      ObservableType type, String rawValue, long timeMillis, IntConsumer entries);

  /**
   * The indicator behind an entry number this matcher reported (a new, equal record on each call).
   *
   * @throws IndexOutOfBoundsException if {@code entry} is not an entry of this matcher
   */
  public abstract Indicator indicator(int entry);

  /**
   * As {@link #match}, parsing IPv6 addresses into {@code v6Scratch} (two longs, the caller's own
   * scratch) instead of a new array.
   */
  abstract void match(
      ObservableType type, String rawValue, long timeMillis, IntConsumer entries, long[] v6Scratch);

  /**
   * Looks up an IPv4 address already parsed by the caller (unsigned 32 bits), in the IPv4 tables
   * and as an IPv4-mapped IPv6 address, like {@link #match} does for its text.
   */
  abstract void matchIpv4(long address, long timeMillis, IntConsumer entries);

  /**
   * Looks up a value the caller already normalised as {@code type} (as {@code
   * Observables.normalize} gives it), skipping the normalisation {@link #match} does.
   */
  abstract void matchNormalized(
      ObservableType type, String normalized, long timeMillis, IntConsumer entries);

  /** As {@link #matchNormalized}, parsing IPv6 addresses into {@code v6Scratch}. */
  abstract void matchNormalized(
      ObservableType type,
      String normalized,
      long timeMillis,
      IntConsumer entries,
      long[] v6Scratch);

  /** The port constraint of {@code entry}, or null when its address alone matches. */
  abstract PortConstraint port(int entry);

  /** The high 64 bits of the UUID of the indicator id of {@code entry}. */
  abstract long idHigh(int entry);

  /** The low 64 bits of the UUID of the indicator id of {@code entry}. */
  abstract long idLow(int entry);
}
