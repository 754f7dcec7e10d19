package dev.kasa.sigma.rule;

import dev.kasa.ErrorCode;
import dev.kasa.Location.FilePosition;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads a {@code detection} map (or the searches of a {@code filter}): searches, field tests,
 * modifiers, typed values, and the condition. Problems go to the {@link NodeReader}.
 */
final class DetectionReader {
  private final NodeReader r;

  DetectionReader(NodeReader r) {
    this.r = r;
  }

  /**
   * The detection in {@code map}, or null when any part of it is bad.
   *
   * @param ignored keys that are not searches ({@code condition} always is not)
   */
  Detection read(MappingNode map, String where, Set<String> ignored) {
    int before = r.problems().size();
    Map<String, NodeTuple> entries = r.entries(map, where);
    Map<String, Search> searches = new LinkedHashMap<>();
    for (var e : entries.entrySet()) {
      String name = e.getKey();
      if (name.equals("condition") || ignored.contains(name)) {
        continue;
      }
      Search s = search(e.getValue().getKeyNode(), e.getValue().getValueNode(), where + "." + name);
      if (s != null) {
        searches.put(name, s);
      }
    }
    NodeTuple cond = entries.get("condition");
    Condition condition = null;
    if (cond == null || NodeReader.isNull(cond.getValueNode())) {
      r.problem(map, ErrorCode.MISSING_CONDITION, where + " has no condition");
    } else {
      condition = condition(cond.getValueNode(), List.copyOf(entries.keySet()), ignored);
    }
    if (r.problems().size() > before || condition == null) {
      return null;
    }
    return new Detection(searches, condition);
  }

  private Condition condition(Node node, List<String> keys, Set<String> ignored) {
    List<String> names =
        keys.stream().filter(k -> !k.equals("condition") && !ignored.contains(k)).toList();
    if (node instanceof ScalarNode s) {
      return conditionText(s, names);
    }
    if (node instanceof SequenceNode seq && !seq.getValue().isEmpty()) {
      List<Condition> alternatives = new ArrayList<>();
      for (Node item : seq.getValue()) {
        Condition c = null;
        if (item instanceof ScalarNode s) {
          c = conditionText(s, names);
        } else {
          r.problem(
              item,
              ErrorCode.BAD_CONDITION,
              "a condition list holds strings, not a " + NodeReader.shape(item));
        }
        if (c != null) {
          alternatives.add(c);
        }
      }
      if (alternatives.size() < seq.getValue().size()) {
        return null;
      }
      return alternatives.size() == 1 ? alternatives.get(0) : new Condition.Or(alternatives);
    }
    r.problem(node, ErrorCode.BAD_CONDITION, "condition must be a string or a list of strings");
    return null;
  }

  private Condition conditionText(ScalarNode s, List<String> names) {
    ConditionParser.Result result = ConditionParser.parse(s.getValue(), names);
    for (ConditionParser.Error e : result.errors()) {
      r.problem(
          conditionPosition(s, e.offset()),
          e.code(),
          e.message() + " in condition '" + s.getValue() + "'");
    }
    return result.condition();
  }

  /** Maps an offset in the condition to the file when the scalar is written as is on one line. */
  private FilePosition conditionPosition(ScalarNode s, int offset) {
    var start = s.getStartMark();
    var end = s.getEndMark();
    if (start.isEmpty() || end.isEmpty() || start.get().getLine() != end.get().getLine()) {
      return r.position(s);
    }
    int shift =
        switch (s.getScalarStyle()) {
          case PLAIN -> 0;
          case SINGLE_QUOTED -> s.getValue().indexOf('\'') < 0 ? 1 : -1;
          case DOUBLE_QUOTED ->
              s.getValue().indexOf('\\') < 0 && s.getValue().indexOf('"') < 0 ? 1 : -1;
          default -> -1;
        };
    if (shift < 0) {
      return r.position(s);
    }
    return r.at(start.get().getLine(), start.get().getColumn() + shift + offset);
  }

  private Search search(Node key, Node value, String where) {
    FilePosition at = r.position(key);
    switch (value) {
      case MappingNode m -> {
        FieldTest only = onlyKeywordTest(m, where);
        if (only != null) {
          return new Search.Keywords(only, at);
        }
        Search.FieldGroup g = group(m, where);
        return g == null ? null : new Search.FieldGroups(List.of(g), at);
      }
      case SequenceNode seq -> {
        return list(seq, at, where);
      }
      case ScalarNode s when !NodeReader.isNull(s) -> {
        SigmaValue v = value(s, where);
        return v == null
            ? null
            : new Search.Keywords(new FieldTest(null, List.of(), List.of(v), r.position(s)), at);
      }
      default -> {
        r.problem(value, ErrorCode.BAD_VALUE, where + " is empty");
        return null;
      }
    }
  }

  private Search list(SequenceNode seq, FilePosition at, String where) {
    List<Node> items = seq.getValue();
    if (items.isEmpty()) {
      r.problem(seq, ErrorCode.BAD_VALUE, where + " is an empty list");
      return null;
    }
    if (items.stream().allMatch(i -> i instanceof MappingNode)) {
      List<Search.FieldGroup> groups = new ArrayList<>();
      for (Node item : items) {
        Search.FieldGroup g = group((MappingNode) item, where);
        if (g != null) {
          groups.add(g);
        }
      }
      return groups.size() == items.size() ? new Search.FieldGroups(groups, at) : null;
    }
    List<SigmaValue> values = scalars(items, where);
    return values == null
        ? null
        : new Search.Keywords(new FieldTest(null, List.of(), values, r.position(seq)), at);
  }

  /** A map of one {@code |mod: values} entry is a keyword search with modifiers. */
  private FieldTest onlyKeywordTest(MappingNode m, String where) {
    if (m.getValue().size() != 1
        || !(m.getValue().get(0).getKeyNode() instanceof ScalarNode k)
        || !k.getValue().startsWith("|")) {
      return null;
    }
    return test(m.getValue().get(0), where);
  }

  private Search.FieldGroup group(MappingNode m, String where) {
    int before = r.problems().size();
    Map<String, NodeTuple> entries = r.entries(m, where);
    if (entries.isEmpty() && r.problems().size() == before) {
      r.problem(m, ErrorCode.BAD_VALUE, where + " is an empty map");
    }
    List<FieldTest> tests = new ArrayList<>();
    for (NodeTuple t : entries.values()) {
      FieldTest test = test(t, where);
      if (test != null) {
        tests.add(test);
      }
    }
    return r.problems().size() > before ? null : new Search.FieldGroup(tests);
  }

  private FieldTest test(NodeTuple t, String where) {
    ScalarNode key = (ScalarNode) t.getKeyNode();
    String[] parts = key.getValue().split("\\|", -1);
    String field = parts[0].isEmpty() ? null : parts[0];
    List<Modifier> modifiers = new ArrayList<>();
    boolean ok = true;
    for (int i = 1; i < parts.length; i++) {
      Optional<Modifier> m = Modifier.fromWritten(parts[i]);
      if (m.isEmpty()) {
        r.problem(
            key,
            ErrorCode.UNKNOWN_MODIFIER,
            where + ": unknown modifier '" + parts[i] + "' in '" + key.getValue() + "'");
        ok = false;
      } else {
        modifiers.add(m.get());
      }
    }
    String at = where + "." + key.getValue();
    Node v = t.getValueNode();
    List<SigmaValue> values =
        switch (v) {
          case SequenceNode seq when seq.getValue().isEmpty() -> {
            r.problem(seq, ErrorCode.BAD_VALUE, at + " is an empty list");
            yield null;
          }
          case SequenceNode seq -> scalars(seq.getValue(), at);
          case ScalarNode s -> {
            SigmaValue one = value(s, at);
            yield one == null ? null : List.of(one);
          }
          default -> {
            r.problem(
                v,
                ErrorCode.BAD_VALUE,
                at + " must be a value or a list of values, not a " + NodeReader.shape(v));
            yield null;
          }
        };
    return ok && values != null ? new FieldTest(field, modifiers, values, r.position(key)) : null;
  }

  private List<SigmaValue> scalars(List<Node> items, String where) {
    List<SigmaValue> values = new ArrayList<>();
    for (Node item : items) {
      if (!(item instanceof ScalarNode s)) {
        r.problem(
            item,
            ErrorCode.BAD_VALUE,
            where + ": a list item must be a value, not a " + NodeReader.shape(item));
        return null;
      }
      SigmaValue v = value(s, where);
      if (v == null) {
        return null;
      }
      values.add(v);
    }
    return values;
  }

  /** A typed value per the YAML core schema; null (reported) for a tag outside it. */
  private SigmaValue value(ScalarNode s, String where) {
    Tag tag = s.getTag();
    String text = s.getValue();
    if (Tag.NULL.equals(tag)) {
      return new SigmaValue.Null();
    }
    if (Tag.BOOL.equals(tag)) {
      return new SigmaValue.Bool(text.toLowerCase(Locale.ROOT).equals("true"));
    }
    if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
      Double d = number(text);
      if (d != null) {
        return new SigmaValue.Number(text, d);
      }
    }
    if (Tag.STR.equals(tag)) {
      return SigmaWildcards.parse(text);
    }
    r.problem(s, ErrorCode.BAD_VALUE, where + ": value '" + text + "' has unsupported tag " + tag);
    return null;
  }

  /** YAML 1.2 core schema numbers (decimal, 0o octal, 0x hex, .inf, .nan); null if not one. */
  static Double number(String text) {
    String t = text.strip();
    try {
      if (t.startsWith("0x")) {
        return new BigInteger(t.substring(2), 16).doubleValue();
      }
      if (t.startsWith("0o")) {
        return new BigInteger(t.substring(2), 8).doubleValue();
      }
      String lower = t.toLowerCase(Locale.ROOT);
      return switch (lower) {
        case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
        case "-.inf" -> Double.NEGATIVE_INFINITY;
        case ".nan" -> Double.NaN;
        default -> Double.parseDouble(t);
      };
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
