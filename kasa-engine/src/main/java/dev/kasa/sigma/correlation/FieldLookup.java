package dev.kasa.sigma.correlation;

/**
 * The fields of one matched event, as the correlation engine sees them. The engine calls it only
 * during {@link CorrelationEngine#onMatch}, so an implementation may wrap a reused, mutable event.
 */
@FunctionalInterface
public interface FieldLookup {
  /** The value of {@code field} in the event as text, or null when the event lacks the field. */
  String value(String field);
}
