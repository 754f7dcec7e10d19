package dev.kasa.sigma.yaml;

import java.util.List;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;

/**
 * The parser events of a YAML text. Rule and configuration files are nearly always written in a
 * block-style subset that a small scanner of ours reads in one pass and gives exactly the events
 * snakeyaml-engine would (its scanner and parser were the largest cost of loading a rule set, and
 * of the JIT's work while doing it); any other text goes to snakeyaml-engine, which reads all of
 * YAML and reports its errors. Stateless and thread-safe.
 */
public final class YamlEvents {
  private YamlEvents() {}

  /**
   * The events of {@code text} under {@code settings} (label, code point limit, comments).
   *
   * @throws org.snakeyaml.engine.v2.exceptions.YamlEngineException while iterating, for text that
   *     is not YAML, as snakeyaml-engine's {@link Parse#parseString} does
   */
  public static Iterable<Event> of(LoadSettings settings, String text) {
    if (text.length() < settings.getCodePointLimit()
        && !settings.getParseComments()
        && settings.getUseMarks()) {
      List<Event> events = BlockYamlScanner.events(text, settings.getLabel());
      if (events != null) {
        return events;
      }
    }
    return new Parse(settings).parseString(text);
  }
}
