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

  /**
   * Appends the event of one message to {@code out}; false (counted, nothing appended) when the
   * message is malformed.
   */
  boolean write(byte[] b, int off, int len, String sender, EventBytes out) {
    if (plain.write(b, off, len, sender, out)) {
      return true;
    }
    SyslogMessage m;
    try {
      m = SyslogParser.parse(b, off, len, received);
    } catch (KasaException e) {
      counters.malformed();
      return false;
    }
    events.write(m, sender, out);
    return true;
  }
}
