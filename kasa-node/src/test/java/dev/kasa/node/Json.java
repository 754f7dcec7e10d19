package dev.kasa.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** JSON reading for tests. */
public final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  public static JsonNode parse(String s) {
    try {
      return MAPPER.readTree(s);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + s, e);
    }
  }

  /** The text values of a field of each element of an array field. */
  public static List<String> texts(JsonNode node, String array, String field) {
    var out = new ArrayList<String>();
    JsonNode a = node.get(array);
    if (a != null) {
      a.forEach(e -> out.add(field == null ? e.asText() : e.get(field).asText()));
    }
    return out;
  }
}
