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

  /**
   * A top-level member name that may appear only as a line's first member (null, the default:
   * none). When it is given, a line with a later top-level key of that name, or a later top-level
   * key holding an escape or a byte above 0x7F (which might spell it), is not decoded: it goes to
   * {@link #instead}, which must then give the line's record (the line itself when it is right as
   * it is), decoded without this check. For a producer that writes a member of its own first and
   * splices text after it unchecked: the decoder's own pass finds the text's member of that name,
   * and no pass of the producer has to look for it. Plain ASCII names only, not empty.
   */
  default String firstOnly() {
    return null;
  }

  /**
   * Whether the value of a line's first member, when that member is {@link #firstOnly()} (its key
   * without escapes), is well-formed JSON that the producer wrote itself or checked as strictly as
   * the decoder would (RFC 8259, no raw line break): the decoder then passes over it without
   * checking it when it reads nothing from under that member (no path of the field map or of the
   * captures at or under it, and a field map without generic names), which gives the same records.
   * False by default; only with a first-only member.
   */
  default boolean firstTrusted() {
    return false;
  }
}
