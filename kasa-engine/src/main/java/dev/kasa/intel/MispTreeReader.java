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
 * more than a byte limit or nests deeper than a depth limit, so that one hostile MISP event cannot
 * exhaust memory or end the document while its neighbours are still read. The depth is the parser's
 * (the document's), and the parser's input must be capped just below it ({@link
 * dev.kasa.stix.JsonNestingCap}) so that skipping stays within the parser's own nesting limit.
 */
final class MispTreeReader {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private MispTreeReader() {}

  /** A value that was not read, and why; the parser stands on the value's last token. */
  static final class Refused extends Exception {
    Refused(String reason) {
      super(reason, null, false, false);
    }
  }

  /**
   * Reads the value whose first token is the parser's current token.
   *
   * @throws Refused when the value is larger than {@code maxBytes} or nests deeper than {@code
   *     maxDepth} levels of the document
   */
  static JsonNode read(JsonParser p, long maxBytes, int maxDepth) throws IOException, Refused {
    JsonToken first = p.currentToken();
    if (!first.isStructStart()) {
      return scalar(p, first);
    }
    if (p.getParsingContext().getNestingDepth() > maxDepth) {
      p.skipChildren();
      throw tooDeep(p, maxDepth);
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
        throw new Refused("larger than " + maxBytes + " bytes");
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
        if (p.getParsingContext().getNestingDepth() > maxDepth) {
          Refused deep = tooDeep(p, maxDepth);
          skipRest(p, stack.size(), t);
          throw deep;
        }
        stack.push(child);
      }
    }
    return root;
  }

  private static Refused tooDeep(JsonParser p, int maxDepth) {
    String at = p.getParsingContext().pathAsPointer().toString();
    if (at.length() > 80) {
      at = at.substring(0, 80) + "…";
    }
    return new Refused("nesting deeper than " + maxDepth + " levels at " + at);
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
