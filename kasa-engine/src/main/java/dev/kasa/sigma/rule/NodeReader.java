package dev.kasa.sigma.rule;

import dev.kasa.ErrorCode;
import dev.kasa.Location;
import dev.kasa.Location.FilePosition;
import dev.kasa.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads composed YAML nodes of one document, turning every shape error into a {@link Problem}
 * located by file, line and column. Not thread-safe; one per document.
 */
final class NodeReader {
  private final String file;
  private final int lineOffset;
  private final List<Problem> problems = new ArrayList<>();
  private String rule;

  /**
   * @param lineOffset lines of the file before the text the nodes were composed from
   */
  NodeReader(String file, int lineOffset) {
    this.file = file;
    this.lineOffset = lineOffset;
  }

  /** Names the document in later problems. */
  void rule(String label) {
    this.rule = label;
  }

  List<Problem> problems() {
    return problems;
  }

  FilePosition position(Node node) {
    return position(node.getStartMark());
  }

  FilePosition position(Optional<Mark> mark) {
    return mark.map(m -> at(m.getLine(), m.getColumn())).orElse(new FilePosition(file, 0, 0));
  }

  /** The position of 0-based {@code line} and {@code column} of the composed text. */
  FilePosition at(int line, int column) {
    return new FilePosition(file, line + 1 + lineOffset, column + 1);
  }

  void problem(Node node, ErrorCode code, String message) {
    problem(position(node), code, message);
  }

  void problem(FilePosition at, ErrorCode code, String message) {
    problems.add(new Problem(code, Location.inRule(at, rule), message));
  }

  /**
   * The entries of a map by key text, in written order. A key that is not a scalar, or repeats an
   * earlier key, is reported and left out.
   */
  Map<String, NodeTuple> entries(MappingNode map, String where) {
    Map<String, NodeTuple> entries = new LinkedHashMap<>();
    for (NodeTuple t : map.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode key)) {
        problem(t.getKeyNode(), ErrorCode.BAD_ATTRIBUTE, where + ": a key must be a plain value");
        continue;
      }
      if (entries.putIfAbsent(key.getValue(), t) != null) {
        problem(
            key, ErrorCode.DUPLICATE_KEY, where + ": key '" + key.getValue() + "' appears twice");
      }
    }
    return entries;
  }

  /** The map under {@code key}, or null (reported when present but not a map). */
  MappingNode map(Map<String, NodeTuple> entries, String key, String where) {
    NodeTuple t = entries.get(key);
    if (t == null || isNull(t.getValueNode())) {
      return null;
    }
    if (t.getValueNode() instanceof MappingNode m) {
      return m;
    }
    problem(t.getValueNode(), ErrorCode.BAD_ATTRIBUTE, where + key + " must be a map");
    return null;
  }

  /** The scalar text under {@code key}, or null when absent or null (reported when not scalar). */
  String text(Map<String, NodeTuple> entries, String key, String where) {
    NodeTuple t = entries.get(key);
    return t == null ? null : text(t.getValueNode(), where + key);
  }

  String text(Node node, String what) {
    if (node instanceof ScalarNode s) {
      return Tag.NULL.equals(s.getTag()) ? null : s.getValue();
    }
    problem(node, ErrorCode.BAD_ATTRIBUTE, what + " must be a single value, not a " + shape(node));
    return null;
  }

  String lowerText(Map<String, NodeTuple> entries, String key, String where) {
    String s = text(entries, key, where);
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }

  /**
   * The strings under {@code key}: a list of scalars, or one scalar when {@code single} allows it.
   * Absent or null gives an empty list.
   */
  List<String> texts(Map<String, NodeTuple> entries, String key, String where, boolean single) {
    NodeTuple t = entries.get(key);
    if (t == null || isNull(t.getValueNode())) {
      return List.of();
    }
    Node v = t.getValueNode();
    if (v instanceof SequenceNode seq) {
      List<String> out = new ArrayList<>();
      for (Node item : seq.getValue()) {
        String s = text(item, where + key + " item");
        if (s != null) {
          out.add(s);
        }
      }
      return out;
    }
    if (single && v instanceof ScalarNode) {
      return List.of(text(v, where + key));
    }
    problem(
        v, ErrorCode.BAD_ATTRIBUTE, where + key + " must be a list of values, not a " + shape(v));
    return List.of();
  }

  static boolean isNull(Node node) {
    return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
  }

  static String shape(Node node) {
    return switch (node) {
      case MappingNode m -> "map";
      case SequenceNode s -> "list";
      case ScalarNode s -> "single value";
      default -> "YAML node";
    };
  }
}
