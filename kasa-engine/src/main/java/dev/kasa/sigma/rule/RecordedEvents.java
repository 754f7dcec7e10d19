package dev.kasa.sigma.rule;

import java.util.List;
import java.util.NoSuchElementException;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * The events of a document already parsed once (for the limits), handed to the composer so that the
 * text is not scanned and parsed a second time: the YAML scanner is the largest part of loading a
 * rule set.
 */
final class RecordedEvents implements Parser {
  private final List<Event> events;
  private int next;

  RecordedEvents(List<Event> events) {
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
