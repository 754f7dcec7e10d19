package dev.kasa.intel;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads one JSON value into a tree, giving up (and skipping the rest of the value) when it spans
 * more than a byte limit, so that one huge MISP event cannot exhaust memory while its neighbours
 * are still read. Nesting depth is limited by the parser's {@code StreamReadConstraints}.
 */
final class MispTreeReader {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private MispTreeReader() {}

  /**
   * Reads the value whose first token is the parser's current token.
   *
   * @return the tree, or null when the value is larger than {@code maxBytes} (the parser then
   *     stands on the value's last token)
   */
  static JsonNode read(JsonParser p, long maxBytes) throws IOException {
    JsonToken first = p.currentToken();
    if (!first.isStructStart()) {
      return scalar(p, first);
    }
    long start = p.currentTokenLocation().getByteOffset();
    Deque<JsonNode> stack = new ArrayDeque<>();
    JsonNode root = first == JsonToken.START_OBJECT ? NODES.objectNode() : NODES.arrayNode();
    stack.push(root);
    while (!stack.isEmpty()) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new JsonEOFException(p, null, "unexpected end of input");
      }
      if (start >= 0 && p.currentTokenLocation().getByteOffset() - start > maxBytes) {
        skipRest(p, stack.size(), t);
        return null;
      }
      JsonNode parent = stack.peek();
      if (t.isStructEnd()) {
        stack.pop();
        continue;
      }
      String name = null;
      if (t == JsonToken.FIELD_NAME) {
        name = p.currentName();
        t = p.nextToken();
      }
      JsonNode child =
          switch (t) {
            case START_OBJECT -> NODES.objectNode();
            case START_ARRAY -> NODES.arrayNode();
            default -> scalar(p, t);
          };
      if (parent instanceof ObjectNode o) {
        o.set(name, child);
      } else {
        ((ArrayNode) parent).add(child);
      }
      if (t.isStructStart()) {
        stack.push(child);
      }
    }
    return root;
  }

  private static void skipRest(JsonParser p, int depth, JsonToken current) throws IOException {
    JsonToken t = current;
    while (true) {
      if (t == JsonToken.FIELD_NAME) {
        t = p.nextToken();
      }
      if (t.isStructStart()) {
        p.skipChildren();
      } else if (t.isStructEnd()) {
        depth--;
        if (depth == 0) {
          return;
        }
      }
      t = p.nextToken();
      if (t == null) {
        return;
      }
    }
  }

  private static JsonNode scalar(JsonParser p, JsonToken t) throws IOException {
    return switch (t) {
      case VALUE_STRING -> NODES.textNode(p.getText());
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> NODES.textNode(p.getText());
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      case VALUE_NULL -> NODES.nullNode();
      default -> NODES.missingNode();
    };
  }
}
