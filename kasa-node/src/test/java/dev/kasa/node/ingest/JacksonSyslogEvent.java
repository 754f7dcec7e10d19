package dev.kasa.node.ingest;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The syslog event as SyslogEvents wrote it with a Jackson generator, before it wrote its bytes
 * itself: what SyslogParserProperties compares the new writer with.
 */
final class JacksonSyslogEvent {
  private static final String HEADER = "_syslog";

  private static final int MAX_DEPTH = 64;

  private static final JsonFactory json = new JsonFactory();
  private static final JsonObjectShape objects = new JsonObjectShape(HEADER, MAX_DEPTH);

  private JacksonSyslogEvent() {}

  /** The event's bytes, ending with a newline; {@code sender} is the peer's address (or null). */
  static byte[] of(SyslogMessage m, String sender) {
    byte[] raw = m.message().getBytes(StandardCharsets.UTF_8);
    var out = new ByteArrayOutputStream(raw.length + 256);
    int shape = objects.of(raw, 0, raw.length);
    try (JsonGenerator g = json.createGenerator(out, JsonEncoding.UTF8)) {
      // The event's own members follow ours: the object must stay open.
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
      g.writeStartObject();
      if (shape != JsonObjectShape.WITH_MEMBER) {
        g.writeFieldName(HEADER);
        header(g, m, sender);
      }
      if (shape == JsonObjectShape.NOT_AN_OBJECT) {
        g.writeStringField("message", m.message());
        g.writeEndObject();
      }
      g.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (shape != JsonObjectShape.NOT_AN_OBJECT) {
      splice(raw, shape == JsonObjectShape.WITH_MEMBER, out);
    }
    out.write('\n');
    return out.toByteArray();
  }

  /**
   * Appends the members of the object {@code raw} after ours. Outside strings JSON allows only
   * whitespace, so raw line breaks (a pretty-printed event) become spaces and the event stays one
   * line; inside strings they cannot be (the shape check refused them).
   */
  private static void splice(byte[] raw, boolean own, ByteArrayOutputStream out) {
    int open = 0;
    while (raw[open] != '{') {
      open++;
    }
    int close = raw.length - 1;
    while (raw[close] != '}') {
      close--;
    }
    boolean empty = true;
    for (int i = open + 1; i < close && empty; i++) {
      empty = raw[i] == ' ' || raw[i] == '\n' || raw[i] == '\r' || raw[i] == '\t';
    }
    if (own) {
      out.reset();
      out.write('{');
    } else if (!empty) {
      out.write(',');
    }
    for (int i = open + 1; i <= close; i++) {
      if (raw[i] == '\n' || raw[i] == '\r') {
        raw[i] = ' ';
      }
    }
    out.write(raw, open + 1, close - open);
  }

  private static void header(JsonGenerator g, SyslogMessage m, String sender) throws IOException {
    g.writeStartObject();
    g.writeStringField("rfc", Integer.toString(m.rfc()));
    g.writeNumberField("facility", m.facility());
    g.writeNumberField("severity", m.severity());
    optional(g, "timestamp", m.timestamp());
    optional(g, "hostname", m.hostname());
    optional(g, "app_name", m.appName());
    optional(g, "procid", m.procId());
    optional(g, "msgid", m.msgId());
    if (!m.structuredData().isEmpty()) {
      // An SD-ID may repeat in hostile input; JSON members must not, so the last one wins.
      var elements = new java.util.LinkedHashMap<String, Map<String, String>>();
      m.structuredData().forEach(e -> elements.put(e.id(), e.params()));
      g.writeObjectFieldStart("structured_data");
      for (Map.Entry<String, Map<String, String>> e : elements.entrySet()) {
        g.writeObjectFieldStart(e.getKey());
        for (Map.Entry<String, String> p : e.getValue().entrySet()) {
          g.writeStringField(p.getKey(), p.getValue());
        }
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    optional(g, "sender", sender);
    g.writeEndObject();
  }

  private static void optional(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }
}
