package dev.kasa.event;

import java.util.Objects;

/**
 * One input being scanned.
 *
 * @param name the input as given ({@code -} for stdin) or, for a file found in a directory, its
 *     path; what reports call {@code file}
 * @param format the detected or forced format
 * @param fieldMapSource the field map source used ({@code eve}, {@code zeek:dns}, {@code zeek} when
 *     the Zeek log type is unknown, …)
 */
public record EventInput(String name, EventFormat format, String fieldMapSource) {
  public EventInput {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(format, "format of " + name);
    Objects.requireNonNull(fieldMapSource, "fieldMapSource of " + name);
  }
}
