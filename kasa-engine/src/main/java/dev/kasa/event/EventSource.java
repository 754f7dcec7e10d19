package dev.kasa.event;

import java.util.Locale;
import java.util.Objects;

/**
 * Where events come from, as the caller names it: what decoders need to read them exactly as a file
 * of that kind would be read, with no meaning taken from a file name.
 *
 * @param name what findings and reports call the input ({@code -} for a request body or stdin, a
 *     path for a file); never parsed
 * @param format the format, or null to detect it from the first bytes (as for files)
 * @param fieldMapSource the field-map source ({@code zeek:dns}, {@code eve}, …), or null to derive
 *     it: a Zeek TSV header's {@code #path}, else {@code zeek} for Zeek JSON (every Zeek section;
 *     the keys present decide), else the format's name
 * @param fallback for one JSON object per line ({@link EventFormat#NDJSON} and the like), what a
 *     line that is not exactly one object becomes (see there); null: such a line is malformed
 */
public record EventSource(
    String name, EventFormat format, String fieldMapSource, LineFallback fallback) {
  public EventSource {
    Objects.requireNonNull(name, "name");
    if (fieldMapSource != null) {
      if (fieldMapSource.isBlank()) {
        throw new IllegalArgumentException("fieldMapSource of " + name + " is blank");
      }
      fieldMapSource = fieldMapSource.strip().toLowerCase(Locale.ROOT);
    }
  }

  /** A source without a {@link LineFallback}. */
  public EventSource(String name, EventFormat format, String fieldMapSource) {
    this(name, format, fieldMapSource, null);
  }

  /** A source named {@code name} whose format is detected and whose field map is derived. */
  public static EventSource detected(String name) {
    return new EventSource(name, null, null);
  }

  /**
   * A Zeek log of type {@code logType} ({@code dns}, {@code conn}…) in {@code format} (Zeek JSON or
   * TSV, or null to detect), as the {@code ?log=} of a request names it.
   */
  public static EventSource zeek(String name, EventFormat format, String logType) {
    return new EventSource(name, format, "zeek:" + Objects.requireNonNull(logType, "logType"));
  }
}
