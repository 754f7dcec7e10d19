package dev.kasa.node.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * What the UI shows of a stored object's bytes: its name, its indicator pattern and the whole
 * object re-indented. Stored objects were validated on the way in; bytes that do not parse are
 * shown as they are.
 */
record ObjectText(String name, String pattern, String patternType, String json) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static ObjectText of(byte[] body) {
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (IOException e) {
      return new ObjectText("", "", "", new String(body, java.nio.charset.StandardCharsets.UTF_8));
    }
    String pretty;
    try {
      pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      pretty = node.toString();
    }
    return new ObjectText(
        node.path("name").asText(""),
        node.path("pattern").asText(""),
        node.path("pattern_type").asText(""),
        pretty);
  }
}
