package dev.kasa.sigma.rule;

import dev.kasa.ErrorCode;
import dev.kasa.Location.FilePosition;
import dev.kasa.Problem;
import dev.kasa.sigma.yaml.QuickCoreSchema;
import dev.kasa.sigma.yaml.RecordedEvents;
import dev.kasa.sigma.yaml.YamlEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * Reads Sigma YAML (rules, correlations, filters; several documents per file) into the rule model.
 * Every problem is collected with its file, line and column; a bad document is left out and the
 * others of the file are kept. Untrusted input is bounded: {@link #MAX_CHARS} per file, {@link
 * #MAX_DEPTH} nested collections, few collection aliases and at most {@link #MAX_CHARS} characters
 * added by aliases per document ({@link YamlBudget}), core-schema tags only. Stateless and
 * thread-safe.
 */
public final class SigmaParser {
  /** Longest text accepted (in chars): 1 MiB. */
  public static final int MAX_CHARS = 1 << 20;

  /** Deepest nesting of YAML lists and maps accepted. */
  public static final int MAX_DEPTH = 32;

  private static final int MAX_ALIASES = 16;
  private static final Set<String> CORE_TAGS =
      Set.of(
          "!",
          "tag:yaml.org,2002:str",
          "tag:yaml.org,2002:int",
          "tag:yaml.org,2002:float",
          "tag:yaml.org,2002:bool",
          "tag:yaml.org,2002:null",
          "tag:yaml.org,2002:seq",
          "tag:yaml.org,2002:map");
  private static final Set<String> KINDS = Set.of("detection", "correlation", "filter");

  /** One for every document: its resolver's tables are built once and only read. */
  private static final QuickCoreSchema SCHEMA = new QuickCoreSchema();

  private SigmaParser() {}

  /**
   * Parses {@code text}, naming {@code file} in positions. Never throws for any text; every problem
   * is in the result.
   *
   * @param text the whole file, not null
   * @param file how positions name the file, not null
   */
  public static ParseResult parse(String text, String file) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(file, "file");
    List<SigmaDocument> documents = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    if (text.length() > MAX_CHARS) {
      problems.add(
          new Problem(
              ErrorCode.TOO_LARGE,
              FilePosition.of(file),
              "file has " + text.length() + " characters; the limit is " + MAX_CHARS));
      return new ParseResult(documents, problems);
    }
    for (DocumentSplit.Chunk chunk : DocumentSplit.chunks(text)) {
      LoadSettings settings = settings(file, chunk.text().length());
      NodeReader r = new NodeReader(file, chunk.line());
      try {
        List<Event> events = wellFormed(settings, chunk.text(), r);
        if (events != null) {
          var composer = new Composer(settings, new RecordedEvents(events));
          while (composer.hasNext()) {
            Node root = composer.next();
            NodeReader doc = new NodeReader(file, chunk.line());
            document(root, doc, ruleText(chunk.text())).ifPresent(documents::add);
            problems.addAll(doc.problems());
          }
        }
      } catch (YamlEngineException e) {
        syntax(e, r);
      } catch (RuntimeException e) {
        // A bug of ours or of the YAML library must not take the other documents down.
        r.problem(
            r.at(0, 0),
            ErrorCode.INTERNAL,
            "document could not be read: " + e.getClass().getName());
      }
      problems.addAll(r.problems());
    }
    return new ParseResult(documents, problems);
  }

  private static LoadSettings settings(String file, int chars) {
    return LoadSettings.builder()
        .setLabel(file)
        .setSchema(SCHEMA)
        .setMaxAliasesForCollections(MAX_ALIASES)
        .setAllowRecursiveKeys(false)
        .setCodePointLimit(MAX_CHARS + 1)
        // snakeyaml-engine 2.10 fails on a surrogate pair that straddles its read buffer; a buffer
        // that holds the whole document never refills.
        .setBufferSize(chars + 1)
        .setUseMarks(true)
        .build();
  }

  /**
   * Runs the YAML parser once over the text to enforce the depth, expansion and tag limits before
   * the (recursive) composer runs; returns the events for the composer, or null when a limit was
   * exceeded (reported to {@code r}).
   */
  private static List<Event> wellFormed(LoadSettings settings, String text, NodeReader r) {
    YamlBudget budget = new YamlBudget(MAX_DEPTH, MAX_CHARS);
    List<Event> events = new ArrayList<>();
    for (Event e : YamlEvents.of(settings, text)) {
      YamlBudget.Exceeded exceeded = budget.accept(e);
      if (exceeded != null) {
        r.problem(r.position(exceeded.at()), exceeded.code(), exceeded.message());
        return null;
      }
      events.add(e);
      Optional<String> tag =
          switch (e.getEventId()) {
            case SequenceStart, MappingStart -> ((CollectionStartEvent) e).getTag();
            case Scalar -> ((ScalarEvent) e).getTag();
            default -> Optional.empty();
          };
      if (tag.isPresent() && !CORE_TAGS.contains(tag.get())) {
        r.problem(
            r.position(e.getStartMark()),
            ErrorCode.YAML_TAG,
            "tag '" + tag.get() + "' is not in the YAML core schema");
        return null;
      }
    }
    return events;
  }

  private static void syntax(YamlEngineException e, NodeReader r) {
    if (e instanceof MarkedYamlEngineException m) {
      Optional<Mark> at = m.getProblemMark().isPresent() ? m.getProblemMark() : m.getContextMark();
      String what =
          (m.getContext() == null ? "" : m.getContext() + ": ")
              + (m.getProblem() == null ? "malformed YAML" : m.getProblem());
      r.problem(r.position(at), ErrorCode.YAML_SYNTAX, what);
    } else {
      r.problem(r.at(0, 0), ErrorCode.YAML_SYNTAX, String.valueOf(e.getMessage()));
    }
  }

  private static Optional<SigmaDocument> document(Node root, NodeReader r, String text) {
    if (!(root instanceof MappingNode map)) {
      if (!NodeReader.isNull(root)) {
        r.problem(
            root,
            ErrorCode.BAD_DOCUMENT,
            "a Sigma document is a map, not a " + NodeReader.shape(root));
      }
      return Optional.empty();
    }
    Map<String, NodeTuple> e = r.entries(map, "document");
    List<String> kinds = e.keySet().stream().filter(KINDS::contains).toList();
    if (kinds.size() != 1) {
      r.problem(
          map,
          ErrorCode.BAD_DOCUMENT,
          kinds.isEmpty()
              ? "document has none of detection, correlation, filter"
              : "document has more than one of " + String.join(", ", kinds));
      return Optional.empty();
    }
    RuleInfo info = info(e, map, r, text);
    SigmaDocument doc =
        switch (kinds.get(0)) {
          case "detection" -> rule(info, e, map, r);
          case "correlation" -> {
            MappingNode c = section(e, "correlation", r, ErrorCode.BAD_CORRELATION);
            yield c == null ? null : new CorrelationReader(r).read(info, c, e);
          }
          default -> filter(info, e, map, r);
        };
    return r.problems().isEmpty() ? Optional.ofNullable(doc) : Optional.empty();
  }

  private static SigmaRule rule(
      RuleInfo info, Map<String, NodeTuple> e, MappingNode map, NodeReader r) {
    LogSource logsource = logsource(e, map, r);
    MappingNode d = section(e, "detection", r, ErrorCode.BAD_DETECTION);
    Detection detection =
        d == null ? null : new DetectionReader(r).read(d, "detection", Set.of("timeframe"));
    return logsource == null || detection == null
        ? null
        : new SigmaRule(info, logsource, detection);
  }

  private static SigmaFilter filter(
      RuleInfo info, Map<String, NodeTuple> e, MappingNode map, NodeReader r) {
    LogSource logsource = logsource(e, map, r);
    MappingNode f = section(e, "filter", r, ErrorCode.BAD_FILTER);
    if (f == null) {
      return null;
    }
    List<String> rules = r.texts(r.entries(f, "filter"), "rules", "filter.", true);
    if (rules.isEmpty()) {
      r.problem(f, ErrorCode.BAD_FILTER, "filter.rules names no rule");
    }
    Detection detection = new DetectionReader(r).read(f, "filter", Set.of("rules"));
    return logsource == null || detection == null || rules.isEmpty()
        ? null
        : new SigmaFilter(info, logsource, rules, detection);
  }

  /** The map under {@code key} (which is present), or null (reported). */
  private static MappingNode section(
      Map<String, NodeTuple> e, String key, NodeReader r, ErrorCode code) {
    Node v = e.get(key).getValueNode();
    if (v instanceof MappingNode m) {
      return m;
    }
    r.problem(
        v,
        code,
        key
            + " must be a map, not "
            + (NodeReader.isNull(v) ? "empty" : "a " + NodeReader.shape(v)));
    return null;
  }

  private static RuleInfo info(
      Map<String, NodeTuple> e, MappingNode map, NodeReader r, String text) {
    String id = r.text(e, "id", "");
    String name = r.text(e, "name", "");
    String title = r.text(e, "title", "");
    r.rule(id != null ? id : name != null ? name : title);
    if (title == null || title.isBlank()) {
      r.problem(map, ErrorCode.MISSING_TITLE, "document has no title");
    }
    return new RuleInfo(
        id,
        name,
        title == null ? "" : title,
        r.lowerText(e, "status", ""),
        r.lowerText(e, "level", ""),
        r.texts(e, "tags", "", false),
        r.position(map),
        description(e),
        text);
  }

  /** A document's text without its {@code ---} start line and trailing blank lines. */
  private static String ruleText(String chunk) {
    String t = chunk;
    if (t.startsWith("---")) {
      int eol = t.indexOf('\n');
      t = eol < 0 ? "" : t.substring(eol + 1);
    }
    return t.stripTrailing() + "\n";
  }

  /**
   * The {@code description} when it is text; it is not checked (only shared), so never reported.
   */
  private static String description(Map<String, NodeTuple> e) {
    NodeTuple t = e.get("description");
    return t != null
            && t.getValueNode() instanceof org.snakeyaml.engine.v2.nodes.ScalarNode s
            && !NodeReader.isNull(s)
        ? s.getValue()
        : null;
  }

  private static LogSource logsource(Map<String, NodeTuple> e, MappingNode map, NodeReader r) {
    if (!e.containsKey("logsource")) {
      r.problem(map, ErrorCode.MISSING_LOGSOURCE, "document has no logsource");
      return null;
    }
    MappingNode m = section(e, "logsource", r, ErrorCode.MISSING_LOGSOURCE);
    if (m == null) {
      return null;
    }
    Map<String, NodeTuple> l = r.entries(m, "logsource");
    return new LogSource(
        r.lowerText(l, "category", "logsource."),
        r.lowerText(l, "product", "logsource."),
        r.lowerText(l, "service", "logsource."));
  }
}
