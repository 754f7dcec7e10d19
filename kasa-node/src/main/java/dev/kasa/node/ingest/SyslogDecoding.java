package dev.kasa.node.ingest;

import dev.kasa.KasaException;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/** One source's message → event step: parse, convert, count what is malformed. Thread-safe. */
final class SyslogDecoding {
  private final SyslogEvents events = new SyslogEvents();
  private final PlainRfc5424 plain = new PlainRfc5424(events.objects());
  private final SourceCounters counters;
  private final Supplier<Instant> received;

  SyslogDecoding(SourceCounters counters, Clock clock) {
    this.counters = counters;
    this.received = clock::instant;
  }

  /** The event of one message, or null (counted) when the message is malformed. */
  byte[] event(byte[] b, int off, int len, String sender) {
    try {
      return events.event(SyslogParser.parse(b, off, len, received), sender);
    } catch (KasaException e) {
      counters.malformed();
      return null;
    }
  }

  /** {@link #write}: the message was malformed (counted, nothing appended). */
  static final int MALFORMED = -1;

  /** {@link #write}: the event was appended. */
  static final int WRITTEN = 0;

  /**
   * {@link #write}: the event was appended, and must be decoded on its own with the source's {@link
   * SyslogSource#checkedEventSource()} (see {@link SyslogEvents#write}).
   */
  static final int ALONE = 1;

  /**
   * Appends the event of one message to {@code out}: {@link #WRITTEN}, {@link #ALONE} or {@link
   * #MALFORMED}.
   */
  int write(byte[] b, int off, int len, String sender, EventBytes out) {
    return write(b, off, len, sender, out, null);
  }

  /** {@link #write(byte[], int, int, String, EventBytes)} with a connection's {@code memo}. */
  int write(byte[] b, int off, int len, String sender, EventBytes out, HeaderMemo memo) {
    if (plain.write(b, off, len, sender, out, memo)) {
      return WRITTEN;
    }
    SyslogMessage m;
    try {
      m = SyslogParser.parse(b, off, len, received);
    } catch (KasaException e) {
      counters.malformed();
      return MALFORMED;
    }
    return events.write(m, sender, out) ? ALONE : WRITTEN;
  }
}
