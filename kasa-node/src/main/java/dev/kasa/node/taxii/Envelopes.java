package dev.kasa.node.taxii;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.kasa.node.store.EntryPage;
import dev.kasa.node.store.StoredEntry;
import dev.kasa.node.store.Versions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes pages as TAXII resources. Object envelopes are the stored bytes concatenated: no object is
 * decoded or re-encoded on the way out.
 */
final class Envelopes {
  private static final JsonFactory JSON = new JsonFactory();
  private static final byte[] COMMA = {','};

  private Envelopes() {}

  /** An envelope of the page's objects; {@code {}} when it has none. */
  static byte[] objects(EntryPage page) {
    if (page.entries().isEmpty()) {
      return "{}".getBytes(StandardCharsets.US_ASCII);
    }
    int size = 64;
    for (StoredEntry e : page.entries()) {
      size += e.body().length + 1;
    }
    var out = new ByteArrayOutputStream(size);
    out.writeBytes(head(page));
    out.writeBytes("\"objects\":[".getBytes(StandardCharsets.US_ASCII));
    boolean first = true;
    for (StoredEntry e : page.entries()) {
      if (!first) {
        out.writeBytes(COMMA);
      }
      out.writeBytes(e.body());
      first = false;
    }
    out.writeBytes("]}".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  /** A manifest resource. */
  static byte[] manifest(EntryPage page) {
    return write(
        g -> {
          g.writeStartObject();
          more(g, page);
          if (!page.entries().isEmpty()) {
            g.writeArrayFieldStart("objects");
            for (StoredEntry e : page.entries()) {
              g.writeStartObject();
              g.writeStringField("id", e.stixId());
              g.writeStringField("date_added", Versions.taxiiTimestamp(e.dateAdded()));
              g.writeStringField("version", e.version());
              g.writeStringField("media_type", "application/stix+json;version=" + e.specVersion());
              g.writeEndObject();
            }
            g.writeEndArray();
          }
          g.writeEndObject();
        });
  }

  /** A versions resource. */
  static byte[] versions(EntryPage page) {
    return write(
        g -> {
          g.writeStartObject();
          more(g, page);
          if (!page.entries().isEmpty()) {
            g.writeArrayFieldStart("versions");
            for (StoredEntry e : page.entries()) {
              g.writeString(e.version());
            }
            g.writeEndArray();
          }
          g.writeEndObject();
        });
  }

  /** The value of {@code next} after a page: the last date_added returned. */
  static String next(EntryPage page) {
    return Long.toString(page.entries().get(page.entries().size() - 1).dateAdded());
  }

  private static byte[] head(EntryPage page) {
    return write(
        g -> {
          g.writeStartObject();
          more(g, page);
          g.writeEndObject();
        },
        true);
  }

  private static void more(JsonGenerator g, EntryPage page) throws IOException {
    if (page.more()) {
      g.writeBooleanField("more", true);
      g.writeStringField("next", next(page));
    } else {
      g.writeBooleanField("more", false);
    }
  }

  interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  static byte[] write(Body body) {
    return write(body, false);
  }

  // open: leave the object open after its fields (for a head that objects follow).
  private static byte[] write(Body body, boolean open) {
    var out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] b = out.toByteArray();
    if (open) {
      // "{...}" becomes "{...," to take the objects property next.
      String s = new String(b, StandardCharsets.UTF_8);
      s = s.substring(0, s.length() - 1) + (s.length() > 2 ? "," : "");
      return s.getBytes(StandardCharsets.UTF_8);
    }
    return b;
  }
}
