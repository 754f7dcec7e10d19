package dev.kasa.sigma.yaml;

import java.util.List;
import java.util.NoSuchElementException;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * The events of a document already parsed once (for the limits), handed to the composer so that the
 * text is not scanned and parsed a second time. Not thread-safe; one per composer.
 */
public final class RecordedEvents implements Parser {
  private final List<Event> events;
  private int next;

  /** The events, not null, in the parser's order. */
  public RecordedEvents(List<Event> events) {
    this.events = events;
  }

  @Override
  public boolean checkEvent(Event.ID choice) {
    return next < events.size() && events.get(next).getEventId() == choice;
  }

  @Override
  public Event peekEvent() {
    if (next == events.size()) {
      throw new NoSuchElementException("no more events");
    }
    return events.get(next);
  }

  @Override
  public boolean hasNext() {
    return next < events.size();
  }

  @Override
  public Event next() {
    Event e = peekEvent();
    next++;
    return e;
  }
}
