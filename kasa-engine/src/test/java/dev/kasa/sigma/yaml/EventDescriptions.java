package dev.kasa.sigma.yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.DocumentEndEvent;
import org.snakeyaml.engine.v2.events.DocumentStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** Events as comparable text: every field the composer and the rule readers use, marks included. */
final class EventDescriptions {
  private EventDescriptions() {}

  /** The block scanner's events, or null when it leaves the text to snakeyaml-engine. */
  static List<String> fast(String text) {
    List<Event> events = BlockYamlScanner.events(text, "t.yml");
    return events == null ? null : events.stream().map(EventDescriptions::describe).toList();
  }

  /** snakeyaml-engine's events, or null when it rejects the text. */
  static List<String> reference(String text) {
    LoadSettings settings =
        LoadSettings.builder().setLabel("t.yml").setBufferSize(text.length() + 1).build();
    List<String> out = new ArrayList<>();
    try {
      for (Event e : new Parse(settings).parseString(text)) {
        out.add(describe(e));
      }
    } catch (YamlEngineException e) {
      return null;
    }
    return out;
  }

  static String describe(Event e) {
    StringBuilder b = new StringBuilder(e.getEventId().name());
    mark(b, e.getStartMark());
    mark(b, e.getEndMark());
    if (e instanceof ScalarEvent s) {
      b.append(" value=[")
          .append(s.getValue())
          .append("] style=")
          .append(s.getScalarStyle())
          .append(" implicit=")
          .append(s.getImplicit().canOmitTagInPlainScalar())
          .append('/')
          .append(s.getImplicit().canOmitTagInNonPlainScalar())
          .append(" tag=")
          .append(s.getTag())
          .append(" anchor=")
          .append(s.getAnchor());
    } else if (e instanceof CollectionStartEvent c) {
      b.append(" implicit=")
          .append(c.isImplicit())
          .append(" flow=")
          .append(c.getFlowStyle())
          .append(" tag=")
          .append(c.getTag())
          .append(" anchor=")
          .append(c.getAnchor());
    } else if (e instanceof DocumentStartEvent d) {
      b.append(" explicit=")
          .append(d.isExplicit())
          .append(" version=")
          .append(d.getSpecVersion())
          .append(" tags=")
          .append(d.getTags());
    } else if (e instanceof DocumentEndEvent d) {
      b.append(" explicit=").append(d.isExplicit());
    }
    return b.toString();
  }

  private static void mark(StringBuilder b, Optional<Mark> mark) {
    if (mark.isEmpty()) {
      b.append(" @-");
      return;
    }
    Mark m = mark.get();
    b.append(" @")
        .append(m.getName())
        .append(':')
        .append(m.getIndex())
        .append(':')
        .append(m.getLine())
        .append(':')
        .append(m.getColumn())
        .append(':')
        .append(m.getPointer())
        .append(':')
        .append(m.getBuffer().length);
  }
}
