package dev.kasa.event;

/**
 * What a source of one JSON object per line takes in place of a line that is not exactly one JSON
 * object, instead of reporting it malformed. A producer that writes lines without checking them
 * first (the node's syslog path splices a message into its event and lets the decoder's own pass
 * find out whether it was one object) gives the line it would have written had it checked. With a
 * fallback, numbers are held to RFC 8259 (the decoder otherwise takes any run of number
 * characters), so that the decoder refuses exactly what such a producer's check would.
 * Implementations are thread-safe: decoders call them from any thread.
 */
@FunctionalInterface
public interface LineFallback {
  /**
   * The record to decode instead of the line {@code b[from, to)} (without its newline), which is
   * not exactly one JSON object; or null to report the line malformed. Must not change {@code b};
   * the returned bytes are the decoder's (one JSON object on one line, no newline).
   */
  byte[] instead(byte[] b, int from, int to);
}
