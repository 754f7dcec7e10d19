package dev.kasa.sigma.logsource;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.Location.FilePosition;
import dev.kasa.Problem;
import dev.kasa.sigma.rule.YamlBudget;
import dev.kasa.sigma.yaml.QuickCoreSchema;
import dev.kasa.sigma.yaml.RecordedEvents;
import dev.kasa.sigma.yaml.YamlEvents;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * A small configuration file read as a located YAML node tree, with the problems found in it
 * collected so that all of them are reported together. Not thread-safe; one per parse.
 */
final class YamlTree {
  /**
   * Configuration files are small; anything bigger is not one. Aliases may add as many characters
   * to a document again.
   */
  static final int MAX_CHARS = 4 * 1024 * 1024;

  /** Deeper nesting than any configuration needs; the composer recurses per level. */
  static final int MAX_DEPTH = 64;

  private final String origin;

  private final List<Problem> problems = new ArrayList<>();

  /** The key node of each value node returned by {@link #mapping}, to point at keys. */
  private final Map<Node, Node> keys = new IdentityHashMap<>();

  YamlTree(String origin) {
    this.origin = origin;
  }

  /**
   * The single document in {@code yaml}, or empty for a document without content.
   *
   * @throws KasaException LIMIT_EXCEEDED when the text is too long or nested too deep,
   *     INVALID_INPUT naming origin:line:column when it is not YAML or holds several documents
   */
  Optional<Node> compose(String yaml) {
    if (yaml.length() > MAX_CHARS) {
      throw new KasaException(
          ErrorCode.LIMIT_EXCEEDED,
          origin + ": " + yaml.length() + " characters, more than the limit of " + MAX_CHARS);
    }
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(origin)
            .setAllowDuplicateKeys(true) // mapping() reports them with both lines
            // nodes are shared, but readers copy values: checkBounds limits what aliases add
            .setMaxAliasesForCollections(1000)
            .setCodePointLimit(MAX_CHARS)
            .setSchema(new QuickCoreSchema()) // ~ and null are null, as in Sigma rule files
            // snakeyaml-engine 2.10 reads past its buffer when a surrogate pair straddles the
            // buffer's end (IndexOutOfBoundsException); one read of the whole text avoids it
            .setBufferSize(yaml.length() + 1)
            .build();
    try {
      return new Composer(settings, new RecordedEvents(checkBounds(settings, yaml)))
          .getSingleNode();
    } catch (MarkedYamlEngineException e) {
      Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
      String where = mark == null ? origin : position(mark).toString();
      throw new KasaException(
          ErrorCode.INVALID_INPUT, where + ": not valid YAML: " + oneLine(e.getProblem()), e);
    } catch (YamlEngineException e) {
      throw new KasaException(
          ErrorCode.INVALID_INPUT, origin + ": not valid YAML: " + oneLine(e.getMessage()), e);
    }
  }

  /**
   * Enforces the depth and alias expansion limits on the parser's events before composing; returns
   * the events for the composer.
   */
  private List<Event> checkBounds(LoadSettings settings, String yaml) {
    YamlBudget budget = new YamlBudget(MAX_DEPTH, MAX_CHARS);
    List<Event> events = new ArrayList<>();
    for (Event event : YamlEvents.of(settings, yaml)) {
      YamlBudget.Exceeded exceeded = budget.accept(event);
      if (exceeded != null) {
        throw new KasaException(
            ErrorCode.LIMIT_EXCEEDED,
            exceeded.at().map(this::position).map(Object::toString).orElse(origin)
                + ": "
                + exceeded.message());
      }
      events.add(event);
    }
    return events;
  }

  /** Records a problem at {@code node}. */
  void problem(Node node, String message) {
    problems.add(new Problem(ErrorCode.INVALID_INPUT, at(node), message));
  }

  int problemCount() {
    return problems.size();
  }

  /**
   * @throws KasaException INVALID_INPUT listing every recorded problem, if there is any
   */
  void throwIfProblems(String what) {
    if (problems.isEmpty()) {
      return;
    }
    StringBuilder text =
        new StringBuilder()
            .append(problems.size())
            .append(problems.size() == 1 ? " problem in " : " problems in ")
            .append(what)
            .append(' ')
            .append(origin)
            .append(':');
    problems.stream()
        .sorted(
            Comparator.comparingLong((Problem p) -> ((FilePosition) p.where()).line())
                .thenComparingInt(p -> ((FilePosition) p.where()).column()))
        .forEach(p -> text.append("\n  ").append(p.text()));
    throw new KasaException(ErrorCode.INVALID_INPUT, text.toString());
  }

  /** Where {@code node} starts, as origin:line:column (1-based). */
  FilePosition at(Node node) {
    return node.getStartMark().map(this::position).orElse(FilePosition.of(origin));
  }

  private FilePosition position(Mark mark) {
    return new FilePosition(origin, mark.getLine() + 1, mark.getColumn() + 1);
  }

  /** The mapping's entries keyed by scalar key; non-scalar and duplicate keys are problems. */
  Map<String, Node> mapping(MappingNode node) {
    Map<String, Node> result = new LinkedHashMap<>();
    for (NodeTuple tuple : node.getValue()) {
      Optional<String> key = scalar(tuple.getKeyNode());
      if (key.isEmpty()) {
        problem(tuple.getKeyNode(), "a key must be a plain text, not a list, map or null");
      } else if (result.containsKey(key.get())) {
        problem(
            tuple.getKeyNode(),
            "duplicate key '"
                + key.get()
                + "' (first at line "
                + at(keys.getOrDefault(result.get(key.get()), tuple.getKeyNode())).line()
                + ")");
      } else {
        result.put(key.get(), tuple.getValueNode());
        keys.put(tuple.getValueNode(), tuple.getKeyNode());
      }
    }
    return result;
  }

  /** The mapping's entries, or a problem naming {@code what} when the node is not a mapping. */
  Optional<Map<String, Node>> mapping(Node node, String what) {
    if (node instanceof MappingNode map) {
      return Optional.of(mapping(map));
    }
    problem(node, what + " must be a map of 'key: value' lines, not " + describe(node));
    return Optional.empty();
  }

  /** Reports every key of {@code map} that is not in {@code allowed}. */
  void onlyKeys(Map<String, Node> map, Set<String> allowed, String where) {
    Set<String> seen = new HashSet<>();
    for (var e : map.entrySet()) {
      if (!allowed.contains(e.getKey()) && seen.add(e.getKey())) {
        problem(
            keys.getOrDefault(e.getValue(), e.getValue()),
            "unknown key '" + e.getKey() + "' in " + where + "; known: " + new TreeSet<>(allowed));
      }
    }
  }

  /** The text of a non-null scalar (numbers and booleans as written). */
  static Optional<String> scalar(Node node) {
    if (node instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
      return Optional.of(s.getValue());
    }
    return Optional.empty();
  }

  /** A scalar's text, or a problem naming {@code what}. */
  Optional<String> text(Node node, String what) {
    Optional<String> value = scalar(node).map(String::strip);
    if (value.isEmpty() || value.get().isEmpty()) {
      problem(node, what + " must be a non-empty text, not " + describe(node));
      return Optional.empty();
    }
    return value;
  }

  /**
   * A single text or a list of texts; each bad element is a problem. Empty when the node is
   * neither.
   */
  Optional<List<String>> texts(Node node, String what) {
    if (node instanceof SequenceNode seq) {
      List<String> values = new ArrayList<>();
      for (Node item : seq.getValue()) {
        text(item, "each element of " + what).ifPresent(values::add);
      }
      return Optional.of(values);
    }
    return text(node, what).map(List::of);
  }

  static String describe(Node node) {
    return switch (node) {
      case MappingNode m -> "a map";
      case SequenceNode s -> "a list";
      case ScalarNode s when s.getTag().equals(Tag.NULL) -> "nothing (null)";
      case ScalarNode s when s.getValue().length() > 60 ->
          "'" + s.getValue().substring(0, 57) + "...'";
      case ScalarNode s -> "'" + s.getValue() + "'";
      default -> "a " + node.getNodeType();
    };
  }

  private static String oneLine(String message) {
    return message == null ? "unknown problem" : message.replaceAll("\\s+", " ").strip();
  }
}
