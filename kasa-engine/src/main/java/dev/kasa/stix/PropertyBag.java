package dev.kasa.stix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.kasa.ErrorCode;
import dev.kasa.Location.StixLocation;
import dev.kasa.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The properties of one object as decoded from the stream: strings, booleans and arrays of strings
 * natively (cheap), everything else as a {@link JsonNode}. Typed getters consume a property and
 * record an error when it has the wrong JSON type; {@link #rest} hands over what nobody consumed.
 * Not thread-safe; one per object.
 */
final class PropertyBag {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final LinkedHashMap<String, Object> values = new LinkedHashMap<>(32);
  private final List<Problem> errors = new ArrayList<>(0);
  private final String path;
  private String id;

  PropertyBag(String path) {
    this.path = path;
  }

  void put(String name, Object value) {
    if (values.put(name, value) != null) {
      error(name, "property appears twice");
    }
  }

  void id(String id) {
    this.id = id;
  }

  String id() {
    return id;
  }

  String path() {
    return path;
  }

  List<Problem> errors() {
    return errors;
  }

  void error(String property, String message) {
    errors.add(
        new Problem(
            ErrorCode.INVALID_INPUT,
            new StixLocation(null, id, property == null ? path : path + "." + property),
            message));
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  String str(String name) {
    Object v = values.remove(name);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    error(name, "must be a string but is " + describe(v));
    return null;
  }

  @SuppressWarnings("unchecked")
  List<String> strings(String name) {
    Object v = values.remove(name);
    if (v == null || v instanceof List) {
      return (List<String>) v;
    }
    error(name, "must be a list of strings but is " + describe(v));
    return null;
  }

  StixTimestamp timestamp(String name) {
    String s = str(name);
    if (s == null) {
      return null;
    }
    StixTimestamp t = StixTimestamp.parse(s);
    if (t == null) {
      error(
          name,
          "'" + clip(s) + "' is not an RFC 3339 timestamp in UTC (yyyy-mm-ddThh:mm:ss[.s+]Z)");
    }
    return t;
  }

  Boolean bool(String name) {
    Object v = values.remove(name);
    if (v == null || v instanceof Boolean) {
      return (Boolean) v;
    }
    error(name, "must be a boolean but is " + describe(v));
    return null;
  }

  Integer integer(String name) {
    Object v = values.remove(name);
    if (v == null) {
      return null;
    }
    if (v instanceof JsonNode n && n.isIntegralNumber() && n.canConvertToInt()) {
      return n.intValue();
    }
    error(name, "must be an integer but is " + describe(v));
    return null;
  }

  JsonNode node(String name) {
    Object v = values.remove(name);
    return v == null ? null : toNode(v);
  }

  Map<String, String> stringMap(String name) {
    JsonNode n = node(name);
    if (n == null) {
      return null;
    }
    if (!n.isObject()) {
      error(name, "must be a dictionary but is " + n.getNodeType().name().toLowerCase());
      return null;
    }
    Map<String, String> map = new HashMap<>();
    for (var e : n.properties()) {
      if (!e.getValue().isTextual()) {
        error(name + "." + e.getKey(), "must be a string");
      } else {
        map.put(e.getKey(), e.getValue().textValue());
      }
    }
    return map;
  }

  List<ExternalReference> externalReferences() {
    JsonNode n = node("external_references");
    if (n == null) {
      return null;
    }
    if (!n.isArray()) {
      error("external_references", "must be a list of external references");
      return null;
    }
    List<ExternalReference> refs = new ArrayList<>(n.size());
    for (int i = 0; i < n.size(); i++) {
      JsonNode r = n.get(i);
      String p = "external_references[" + i + "]";
      if (!r.isObject()) {
        error(p, "must be an object");
        continue;
      }
      Map<String, JsonNode> other = new LinkedHashMap<>();
      String[] known = new String[4];
      for (var e : r.properties()) {
        int slot =
            switch (e.getKey()) {
              case "source_name" -> 0;
              case "external_id" -> 1;
              case "url" -> 2;
              case "description" -> 3;
              default -> -1;
            };
        if (slot < 0) {
          other.put(e.getKey(), e.getValue());
        } else if (e.getValue().isTextual()) {
          known[slot] = e.getValue().textValue();
        } else {
          error(p + "." + e.getKey(), "must be a string");
        }
      }
      if (known[0] == null) {
        error(p + ".source_name", "is required");
      }
      refs.add(new ExternalReference(known[0], known[1], known[2], known[3], other));
    }
    return refs;
  }

  /** Everything not consumed by a typed getter, as JSON, in input order. */
  Map<String, JsonNode> rest() {
    if (values.isEmpty()) {
      return Map.of();
    }
    Map<String, JsonNode> rest = new LinkedHashMap<>();
    for (var e : values.entrySet()) {
      rest.put(e.getKey(), toNode(e.getValue()));
    }
    values.clear();
    return rest;
  }

  static JsonNode toNode(Object v) {
    if (v instanceof JsonNode n) {
      return n;
    }
    if (v instanceof String s) {
      return TextNode.valueOf(s);
    }
    if (v instanceof Boolean b) {
      return BooleanNode.valueOf(b);
    }
    ArrayNode a = NODES.arrayNode();
    for (Object o : (List<?>) v) {
      a.add((String) o);
    }
    return a;
  }

  private static String describe(Object v) {
    if (v instanceof String) {
      return "a string";
    }
    if (v instanceof Boolean) {
      return "a boolean";
    }
    if (v instanceof List) {
      return "a list of strings";
    }
    return ((JsonNode) v).getNodeType().name().toLowerCase() + " " + clip(v.toString());
  }

  static String clip(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
