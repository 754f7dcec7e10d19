package dev.kasa.sigma.correlation;

/** The engine's running counters; see {@link CorrelationEngine.Stats} for their meaning. */
final class Tally {
  long groupsEvicted;
  long groupsExpired;
  long matchesWithoutTime;
  long lateMatches;
  long matchesWithoutGroupValue;
  long valuesIgnored;
  long eventsDropped;
}
