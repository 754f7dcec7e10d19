package dev.kasa.node.ingest;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Turns a syslog message into one JSON line, the event the engine decodes as {@code ndjson}: a MSG
 * that is a JSON object is that event, with the header added as the member {@code _syslog} (left
 * out when the event has its own {@code _syslog}); any other MSG becomes {@code
 * {"_syslog":{...},"message":"MSG"}}. Thread-safe.
 */
final class SyslogEvents {
  /** The member that carries the syslog header. */
  static final String HEADER = "_syslog";

  private static final int MAX_DEPTH = 64;

  private final JsonFactory json =
      JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
          .build();

  /** The event's bytes, ending with a newline; {@code sender} is the peer's address (or null). */
  byte[] event(SyslogMessage m, String sender) {
    var out = new ByteArrayOutputStream(m.message().length() + 256);
    String msg = m.message().strip();
    boolean object = msg.startsWith("{") && msg.endsWith("}");
    Boolean ownHeader = object ? jsonObject(msg) : null;
    try (JsonGenerator g = json.createGenerator(out, JsonEncoding.UTF8)) {
      // The event's own members follow ours: the object must stay open.
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
      g.writeStartObject();
      if (!Boolean.TRUE.equals(ownHeader)) {
        g.writeFieldName(HEADER);
        header(g, m, sender);
      }
      if (ownHeader == null) {
        g.writeStringField("message", m.message());
        g.writeEndObject();
      }
      g.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (ownHeader != null) {
      // Splice the event's members after ours. Outside strings JSON allows only whitespace, so raw
      // line breaks (a pretty-printed event) become spaces and the event stays one line.
      byte[] body =
          msg.substring(1).replace('\n', ' ').replace('\r', ' ').getBytes(StandardCharsets.UTF_8);
      boolean empty = msg.substring(1, msg.length() - 1).isBlank();
      if (ownHeader) {
        out.reset();
        out.write('{');
      } else if (!empty) {
        out.write(',');
      }
      out.write(body, 0, body.length);
    }
    out.write('\n');
    return out.toByteArray();
  }

  /**
   * Whether {@code text} is exactly one JSON object: null when it is not, else whether it has a
   * top-level {@code _syslog} member.
   */
  private Boolean jsonObject(String text) {
    try (JsonParser p = json.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      boolean own = false;
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        own |= HEADER.equals(p.currentName());
        p.nextToken();
        p.skipChildren();
      }
      if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
        return null;
      }
      return own;
    } catch (IOException | RuntimeException e) {
      return null;
    }
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
