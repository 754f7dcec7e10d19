package dev.kasa.detect;

/**
 * The indicators of a detection snapshot, as matching sees them: immutable and shared by every
 * worker, each of which takes its own {@link IndicatorProbe}. Today's implementation is one {@link
 * IndicatorIndex}; a layered one (a bulk index, a small delta, tombstones) fits behind the same
 * interface.
 */
public interface IndicatorMatcher {
  /** Indicator entries held (one per indicator observable). */
  int size();

  /** Indicators added that were equal to one added before, and so are held once. */
  long duplicates();

  /** A new probe for one worker: its scratch state is its own, so it is not thread-safe. */
  IndicatorProbe probe();
}
