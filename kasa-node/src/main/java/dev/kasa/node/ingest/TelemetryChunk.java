package dev.kasa.node.ingest;

import dev.kasa.event.EventSource;
import java.util.Arrays;
import java.util.Objects;

/**
 * Complete records from one configured source. The receiver may reuse {@code records} once {@link
 * TelemetrySink#accept} returns (it is the receiver's read buffer, handed over without a copy): a
 * sink that keeps the bytes keeps {@link #bytes()}.
 *
 * @param sourceName the configured source's name ({@code kasa.yml}), as the status endpoint shows
 *     it
 * @param source how to decode the records: the input's name (a path, or {@code syslog:NAME}), its
 *     format and field-map source
 * @param records whole records in {@code records[0, length)} only, each ending with a newline; for
 *     Zeek TSV the file's {@code #} header lines come first, so that the chunk decodes on its own
 * @param length how many bytes of {@code records} the chunk holds
 * @param count how many records the chunk holds (header lines not counted)
 */
public record TelemetryChunk(
    String sourceName, EventSource source, byte[] records, int length, int count) {
  public TelemetryChunk {
    Objects.requireNonNull(sourceName, "sourceName");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(records, "records");
    if (length < 0 || length > records.length) {
      throw new IllegalArgumentException(
          "length of " + sourceName + " is " + length + " for " + records.length + " bytes");
    }
    if (count < 0) {
      throw new IllegalArgumentException("count of " + sourceName + " is negative: " + count);
    }
  }

  /** A chunk of all of {@code records}. */
  public TelemetryChunk(String sourceName, EventSource source, byte[] records, int count) {
    this(sourceName, source, records, records.length, count);
  }

  /** A copy of the chunk's bytes, {@code records[0, length)}. */
  public byte[] bytes() {
    return Arrays.copyOf(records, length);
  }
}
