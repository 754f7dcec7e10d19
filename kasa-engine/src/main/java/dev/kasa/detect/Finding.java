package dev.kasa.detect;

import dev.kasa.EventRef;
import dev.kasa.intel.Indicator;
import dev.kasa.sigma.program.SigmaMatch;
import java.util.Objects;

/**
 * What a sweep finds, in input order: an indicator in an event, an event matched by a Sigma rule,
 * or a Sigma correlation that fired. Each names the event it is about. Immutable.
 */
public sealed interface Finding {
  /**
   * The event: for a hit or a match, the record it was found in (its source, line and own event
   * time, {@link EventRef#NO_TIME} when it has none); for a correlation, the latest event behind
   * the window that fired.
   */
  EventRef event();

  /**
   * An indicator found in one field of one event.
   *
   * @param field dotted path of the field the value came from
   * @param value the value as found in the event
   * @param matchedAtMillis the time the indicator's validity was checked at: the event's own time,
   *     or the sweep's fallback time when the event has none
   * @param indicator the indicator matched
   */
  record IndicatorHit(
      EventRef event, String field, String value, long matchedAtMillis, Indicator indicator)
      implements Finding {
    public IndicatorHit {
      Objects.requireNonNull(event, "event");
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(indicator, "indicator");
    }
  }

  /**
   * An event matched by a Sigma detection rule (reported unless every correlation referring to the
   * rule says {@code generate: false}).
   */
  record RuleMatch(EventRef event, SigmaMatch match) implements Finding {
    public RuleMatch {
      Objects.requireNonNull(event, "event");
      Objects.requireNonNull(match, "match");
    }
  }

  /** A Sigma correlation that fired. */
  record CorrelationHit(EventRef event, dev.kasa.sigma.correlation.CorrelationHit fired)
      implements Finding {
    public CorrelationHit {
      Objects.requireNonNull(event, "event");
      Objects.requireNonNull(fired, "fired");
    }
  }
}
