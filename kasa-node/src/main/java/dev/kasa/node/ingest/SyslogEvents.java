package dev.kasa.node.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Turns a syslog message into one JSON line, the event the engine decodes as {@code ndjson}: a MSG
 * that is a JSON object is that event, with the header added as the member {@code _syslog} (left
 * out when the event has its own {@code _syslog}); any other MSG becomes {@code
 * {"_syslog":{...},"message":"MSG"}}. Written straight into the receiver's batch: no parser, no
 * generator, no copy per message. Thread-safe.
 */
final class SyslogEvents {
  /** The member that carries the syslog header. */
  static final String HEADER = "_syslog";

  static final int MAX_DEPTH = 64;

  private final JsonObjectShape objects = new JsonObjectShape(HEADER, MAX_DEPTH);

  /** The event's bytes, ending with a newline; {@code sender} is the peer's address (or null). */
  byte[] event(SyslogMessage m, String sender) {
    var out = new EventBytes(m.message().length() + 256);
    write(m, sender, out);
    return out.toByteArray();
  }

  /**
   * Appends the event of {@code m}, ending with a newline, to {@code out}; true when that event
   * must be decoded on its own, by the source's {@link SyslogSource#checkedEventSource()}: a MSG
   * that is an object whose first member is its own {@code _syslog} and that has a later one (or a
   * later key with an escape or a byte above 0x7F), which the decoder could not tell from a MSG
   * spliced unchecked after our header ({@link JsonObjectShape#FIRST_AND_LATER}). Rare.
   */
  boolean write(SyslogMessage m, String sender, EventBytes out) {
    byte[] raw = m.message().getBytes(StandardCharsets.UTF_8);
    int scanned = objects.scan(raw, 0, raw.length);
    int shape = scanned < 0 ? scanned : scanned & JsonObjectShape.WITH_MEMBER;
    out.write('{');
    if (shape != JsonObjectShape.WITH_MEMBER) {
      out.string(HEADER);
      out.write(':');
      header(out, m, sender);
    }
    if (shape == JsonObjectShape.NOT_AN_OBJECT) {
      out.ascii(",\"message\":");
      out.string(m.message());
      out.write('}');
    } else {
      splice(
          raw,
          0,
          raw.length,
          shape == JsonObjectShape.WITH_MEMBER,
          (scanned & JsonObjectShape.LINE_BREAKS) != 0,
          out);
    }
    out.write('\n');
    return scanned >= 0 && (scanned & JsonObjectShape.FIRST_AND_LATER) != 0;
  }

  /** The shape check this class applies to every MSG (shared with {@link PlainRfc5424}). */
  JsonObjectShape objects() {
    return objects;
  }

  /**
   * Appends the members of the object {@code raw[from, to)} after ours (or, when it has its own
   * header, after the opening brace alone). Outside strings JSON allows only whitespace, so raw
   * line breaks (a pretty-printed event) become spaces and the event stays one line; inside strings
   * they cannot be (the shape check refused them). {@code breaks}: whether the shape check saw any
   * (else they are not looked for).
   */
  static void splice(byte[] raw, int from, int to, boolean own, boolean breaks, EventBytes out) {
    int open = from;
    while (raw[open] != '{') {
      open++;
    }
    int close = to - 1;
    while (raw[close] != '}') {
      close--;
    }
    boolean empty = true;
    for (int i = open + 1; i < close && empty; i++) {
      empty = raw[i] == ' ' || raw[i] == '\n' || raw[i] == '\r' || raw[i] == '\t';
    }
    if (!own && !empty) {
      out.write(',');
    }
    for (int i = open + 1; breaks && i <= close; i++) {
      if (raw[i] == '\n' || raw[i] == '\r') {
        raw[i] = ' ';
      }
    }
    out.write(raw, open + 1, close - open);
  }

  private static void header(EventBytes out, SyslogMessage m, String sender) {
    out.ascii("{\"rfc\":\"");
    out.ascii(Integer.toString(m.rfc()));
    out.ascii("\",\"facility\":");
    out.ascii(Integer.toString(m.facility()));
    out.ascii(",\"severity\":");
    out.ascii(Integer.toString(m.severity()));
    optional(out, ",\"timestamp\":", m.timestamp());
    optional(out, ",\"hostname\":", m.hostname());
    optional(out, ",\"app_name\":", m.appName());
    optional(out, ",\"procid\":", m.procId());
    optional(out, ",\"msgid\":", m.msgId());
    if (!m.structuredData().isEmpty()) {
      // An SD-ID may repeat in hostile input; JSON members must not, so the last one wins.
      var elements = new java.util.LinkedHashMap<String, Map<String, String>>();
      m.structuredData().forEach(e -> elements.put(e.id(), e.params()));
      out.ascii(",\"structured_data\":{");
      boolean first = true;
      for (Map.Entry<String, Map<String, String>> e : elements.entrySet()) {
        if (!first) {
          out.write(',');
        }
        first = false;
        out.string(e.getKey());
        out.ascii(":{");
        boolean firstParam = true;
        for (Map.Entry<String, String> p : e.getValue().entrySet()) {
          if (!firstParam) {
            out.write(',');
          }
          firstParam = false;
          out.string(p.getKey());
          out.write(':');
          out.string(p.getValue());
        }
        out.write('}');
      }
      out.write('}');
    }
    optional(out, ",\"sender\":", sender);
    out.write('}');
  }

  /** {@code member} is the comma, the member's name and the colon. */
  private static void optional(EventBytes out, String member, String value) {
    if (value != null) {
      out.ascii(member);
      out.string(value);
    }
  }
}
