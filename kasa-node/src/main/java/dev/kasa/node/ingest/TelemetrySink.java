package dev.kasa.node.ingest;

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
}
