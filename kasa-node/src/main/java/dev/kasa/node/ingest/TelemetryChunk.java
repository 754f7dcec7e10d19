package dev.kasa.node.ingest;

import dev.kasa.event.EventSource;
import java.util.Objects;

/**
 * Complete records from one configured source.
 *
 * @param sourceName the configured source's name ({@code kasa.yml}), as the status endpoint shows
 *     it
 * @param source how to decode {@code records}: the input's name (a path, or {@code syslog:NAME}),
 *     its format and field-map source
 * @param records whole records only, each ending with a newline; for Zeek TSV the file's {@code #}
 *     header lines come first, so that the chunk decodes on its own
 * @param count how many records the chunk holds (header lines not counted)
 */
public record TelemetryChunk(String sourceName, EventSource source, byte[] records, int count) {
  public TelemetryChunk {
    Objects.requireNonNull(sourceName, "sourceName");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(records, "records");
    if (count < 0) {
      throw new IllegalArgumentException("count of " + sourceName + " is negative: " + count);
    }
  }
}
