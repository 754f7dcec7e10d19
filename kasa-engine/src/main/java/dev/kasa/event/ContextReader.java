package dev.kasa.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.kasa.EventContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an {@link EventContext} from the raw bytes of one event: a JSON object (JSON lines, EVE,
 * rendered EVTX) or a Zeek TSV line with its header. Only called for events that produced a
 * finding. Never throws on bad bytes: a record that is not what its format says gives the context
 * read before the fault (bytes that already decoded as a record normally parse again). Not
 * thread-safe: one per record.
 */
final class ContextReader {
  /** Longest context value kept, in chars; longer values are cut (context is for display). */
  static final int MAX_VALUE = 512;

  private static final JsonFactory JSON = new JsonFactory();

  private final ContextMap map;
  private final String[] values;
  private final int[] ranks;

  private ContextReader(ContextMap map) {
    this.map = map;
    this.values = new String[map.slots()];
    this.ranks = new int[map.slots()];
    Arrays.fill(ranks, Integer.MAX_VALUE);
  }

  /** The context of the JSON object in {@code b[from, to)}. */
  static EventContext json(ContextMap map, byte[] b, int from, int to) {
    if (map.isEmpty()) {
      return EventContext.NONE;
    }
    ContextReader r = new ContextReader(map);
    r.readJson(b, from, to);
    return r.context();
  }

  /** The context of the TSV line {@code b[from, to)} under {@code header}. */
  static EventContext tsv(ContextMap map, ZeekHeader header, byte[] b, int from, int to) {
    if (map.isEmpty() || header.fields().isEmpty()) {
      return EventContext.NONE;
    }
    ContextReader r = new ContextReader(map);
    List<String> names = header.fields();
    byte sep = header.separator();
    int col = 0;
    int s = from;
    for (int i = from; i <= to && col < names.size(); i++) {
      if (i == to || b[i] == sep) {
        String v = new String(b, s, i - s, StandardCharsets.UTF_8);
        if (!v.equals(header.unset()) && !v.equals(header.empty())) {
          r.offer(names.get(col), v);
        }
        col++;
        s = i + 1;
      }
    }
    return r.context();
  }

  private void readJson(byte[] b, int from, int to) {
    List<String> path = new ArrayList<>();
    try (JsonParser p = JSON.createParser(b, from, to - from)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return;
      }
      String name = null;
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        switch (t) {
          case FIELD_NAME -> name = p.currentName();
          case START_OBJECT -> {
            path.add(name == null ? "" : name);
            name = null;
          }
          case END_OBJECT -> {
            if (path.isEmpty()) {
              return;
            }
            path.remove(path.size() - 1);
          }
          case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> {
            if (name != null) {
              scalar(path, name, p);
            }
          }
          default -> {
            // Arrays keep the name of their field: the first scalar element counts.
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // Keep what was read: a finding's context is for display and never stops the stream.
    }
  }

  // The scalar's text is read only when the map names its path: an event has dozens of fields and
  // the map names a few, and Jackson skips a string it is not asked for without decoding it.
  private void scalar(List<String> parents, String name, JsonParser p) throws IOException {
    String full = parents.isEmpty() ? name : String.join(".", parents) + "." + name;
    // Rendered EVTX: an element with attributes keeps its text under #text.
    String element =
        name.equals("#text") && !parents.isEmpty()
            ? full.substring(0, full.length() - ".#text".length())
            : null;
    if (map.targets(full) == null && (element == null || map.targets(element) == null)) {
      return;
    }
    String value = p.getText();
    offer(full, value);
    if (element != null) {
      offer(element, value);
    }
  }

  private void offer(String path, String value) {
    int[] targets = map.targets(path);
    if (targets == null || value.isEmpty()) {
      return;
    }
    for (int i = 0; i < targets.length; i += 2) {
      int slot = targets[i];
      if (targets[i + 1] < ranks[slot]) {
        ranks[slot] = targets[i + 1];
        values[slot] = value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) : value;
      }
    }
  }

  private EventContext context() {
    Map<String, String> fields = new LinkedHashMap<>();
    for (int s = 5; s < values.length; s++) {
      if (values[s] != null) {
        fields.put(map.fieldName(s), values[s]);
      }
    }
    return new EventContext(
        values[0], endpoint(values[1], values[2]), endpoint(values[3], values[4]), fields);
  }

  private static EventContext.Endpoint endpoint(String ip, String port) {
    int p = port(port);
    return ip == null && p < 0 ? null : new EventContext.Endpoint(ip, p);
  }

  private static int port(String s) {
    if (s == null || s.isEmpty() || s.length() > 5) {
      return -1;
    }
    int v = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v <= 65535 ? v : -1;
  }
}
