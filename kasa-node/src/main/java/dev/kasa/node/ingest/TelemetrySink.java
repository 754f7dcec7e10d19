package dev.kasa.node.ingest;

import dev.kasa.event.EventFormat;
import dev.kasa.event.EventSource;

/**
 * Where continuous ingest delivers what it received: chunks of complete records, ready for the
 * engine's {@link dev.kasa.event.Decoders}. The one seam between the receivers (syslog listeners,
 * tailed files) and whatever consumes events (the live detector's {@code DetectorSink}, a test's
 * recorder).
 *
 * <p>{@link #accept} blocks while the consumer is full: that is the backpressure. A receiver
 * regards a chunk as delivered once {@code accept} returns normally (a tailed file checkpoints only
 * then). Implementations must be thread-safe: every receiver calls from its own thread.
 */
public interface TelemetrySink {
  /**
   * Takes one chunk, blocking while full.
   *
   * @throws InterruptedException when the receiver is being stopped; the chunk counts as not
   *     delivered
   */
  void accept(TelemetryChunk chunk) throws InterruptedException;

  /**
   * Takes the whole lines {@code records[0, length)} of {@code source}, whose records the receiver
   * has not counted (a tailed file's chunk), as {@link #accept} takes a chunk, and says how many
   * records they held, malformed ones included: a consumer that decodes them counts them on the
   * way, so that the receiver need not look at every byte first. The default counts the lines as
   * {@link #countRecords} does and, when there are any, hands them to {@link #accept}.
   *
   * @throws InterruptedException when the receiver is being stopped; the lines count as not
   *     delivered
   */
  default int acceptLines(String sourceName, EventSource source, byte[] records, int length)
      throws InterruptedException {
    int count = countRecords(source, records, length);
    if (count > 0) {
      accept(new TelemetryChunk(sourceName, source, records, length, count));
    }
    return count;
  }

  /**
   * The records among the lines {@code records[0, length)} as a receiver counts them: every line
   * but empty ones, lone carriage returns and, in Zeek TSV, header lines ({@code #}).
   */
  static int countRecords(EventSource source, byte[] records, int length) {
    boolean zeekTsv = source.format() == EventFormat.ZEEK_TSV;
    int count = 0;
    int lineStart = 0;
    int i;
    while ((i = Newlines.next(records, lineStart, length)) >= 0) {
      int n = i - lineStart;
      if (!(n == 0 || (n == 1 && records[lineStart] == '\r'))
          && !(zeekTsv && records[lineStart] == '#')) {
        count++;
      }
      lineStart = i + 1;
    }
    return count;
  }
}
