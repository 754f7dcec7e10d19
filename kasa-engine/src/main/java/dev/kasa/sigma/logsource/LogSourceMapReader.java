package dev.kasa.sigma.logsource;

import dev.kasa.sigma.rule.LogSource;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads the logsource map format (see {@code docs/sigma-logsources.md}) into entries and aliases,
 * collecting every problem with its line and column. One instance per parse.
 */
final class LogSourceMapReader {
  private static final Set<String> TOP_KEYS = Set.of("version", "aliases", "logsources");
  private static final Set<String> ENTRY_KEYS =
      Set.of("logsource", "sources", "conditions", "fields", "enabled", "note");
  private static final Set<String> LOGSOURCE_KEYS = Set.of("category", "product", "service");

  private final YamlTree tree;
  private final Map<String, MapEntry> entries = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> aliases = new LinkedHashMap<>();

  private LogSourceMapReader(String origin) {
    this.tree = new YamlTree(origin);
  }

  /** The entries (in file order) and per-source aliases of a logsource map text. */
  record Content(Map<String, MapEntry> entries, Map<String, Map<String, String>> aliases) {}

  static Content read(String yaml, String origin) {
    LogSourceMapReader reader = new LogSourceMapReader(origin);
    reader.tree.compose(yaml).ifPresent(reader::readTop);
    reader.tree.throwIfProblems("logsource map");
    return new Content(reader.entries, reader.aliases);
  }

  private void readTop(Node root) {
    tree.mapping(root, "a logsource map")
        .ifPresent(
            top -> {
              tree.onlyKeys(top, TOP_KEYS, "the logsource map");
              Node version = top.get("version");
              if (version != null && !YamlTree.scalar(version).orElse("").equals("1")) {
                tree.problem(
                    version, "unsupported version " + YamlTree.describe(version) + "; this is 1");
              }
              Optional.ofNullable(top.get("aliases")).ifPresent(this::readAliases);
              Optional.ofNullable(top.get("logsources")).ifPresent(this::readEntries);
            });
  }

  private void readAliases(Node node) {
    tree.mapping(node, "'aliases'")
        .ifPresent(
            bySource ->
                bySource.forEach(
                    (source, renames) -> {
                      Map<String, String> map = new LinkedHashMap<>();
                      tree.mapping(renames, "the aliases of source '" + source + "'")
                          .ifPresent(
                              m ->
                                  m.forEach(
                                      (field, target) ->
                                          tree.text(target, "the alias of '" + field + "'")
                                              .ifPresent(t -> map.put(field, t))));
                      aliases.put(source, map);
                    }));
  }

  private void readEntries(Node node) {
    tree.mapping(node, "'logsources'")
        .ifPresent(
            byName ->
                byName.forEach(
                    (name, body) -> readEntry(name, body).ifPresent(e -> entries.put(name, e))));
  }

  private Optional<MapEntry> readEntry(String name, Node node) {
    Optional<Map<String, Node>> maybeBody = tree.mapping(node, "logsource entry '" + name + "'");
    if (maybeBody.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Node> body = maybeBody.get();
    String where = "entry '" + name + "'";
    tree.onlyKeys(body, ENTRY_KEYS, where);
    Node enabled = body.get("enabled");
    if (enabled != null) {
      String flag = YamlTree.scalar(enabled).orElse("").toLowerCase(Locale.ROOT);
      if (flag.equals("false")) {
        return Optional.of(new MapEntry(name, LogSource.ANY, null));
      }
      if (!flag.equals("true")) {
        tree.problem(enabled, "'enabled' of " + where + " must be true or false");
      }
    }
    int before = tree.problemCount();
    Optional<LogSource> selector = required(body, "logsource", node, where).flatMap(this::selector);
    Optional<List<String>> sources =
        required(body, "sources", node, where).flatMap(n -> tree.texts(n, "'sources'"));
    sources
        .filter(List::isEmpty)
        .ifPresent(s -> tree.problem(body.get("sources"), "'sources' of " + where + " is empty"));
    Map<String, List<String>> conditions = conditions(body.get("conditions"), where);
    Map<String, String> fields = renames(body.get("fields"), where);
    Optional.ofNullable(body.get("note")).ifPresent(n -> tree.text(n, "'note'"));
    if (selector.isEmpty() || sources.isEmpty() || tree.problemCount() != before) {
      return Optional.empty();
    }
    return Optional.of(
        new MapEntry(
            name,
            selector.get(),
            new SourceVariant(name, new LinkedHashSet<>(sources.get()), conditions, fields)));
  }

  private Map<String, List<String>> conditions(Node node, String where) {
    Map<String, List<String>> conditions = new LinkedHashMap<>();
    if (node == null) {
      return conditions;
    }
    tree.mapping(node, "'conditions' of " + where)
        .ifPresent(
            map ->
                map.forEach(
                    (field, values) -> {
                      Optional<List<String>> list = tree.texts(values, "condition '" + field + "'");
                      if (list.isPresent() && list.get().isEmpty()) {
                        tree.problem(values, "condition '" + field + "' has no value");
                      } else {
                        list.ifPresent(v -> conditions.put(field, v));
                      }
                    }));
    return conditions;
  }

  private Map<String, String> renames(Node node, String where) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (node == null) {
      return fields;
    }
    tree.mapping(node, "'fields' of " + where)
        .ifPresent(
            map ->
                map.forEach(
                    (field, target) ->
                        tree.text(target, "the event field for '" + field + "'")
                            .ifPresent(t -> fields.put(field, t))));
    return fields;
  }

  private Optional<Node> required(Map<String, Node> body, String key, Node entry, String where) {
    Node value = body.get(key);
    if (value == null) {
      tree.problem(entry, where + " has no '" + key + "'");
    }
    return Optional.ofNullable(value);
  }

  private Optional<LogSource> selector(Node node) {
    Optional<Map<String, Node>> map = tree.mapping(node, "'logsource'");
    if (map.isEmpty()) {
      return Optional.empty();
    }
    tree.onlyKeys(map.get(), LOGSOURCE_KEYS, "'logsource'");
    Map<String, String> parts = new LinkedHashMap<>();
    for (String key : LOGSOURCE_KEYS) {
      Node value = map.get().get(key);
      if (value != null) {
        tree.text(value, "'" + key + "'")
            .ifPresent(v -> parts.put(key, v.toLowerCase(Locale.ROOT)));
      }
    }
    if (parts.isEmpty()) {
      tree.problem(node, "'logsource' must give at least one of category, product, service");
      return Optional.empty();
    }
    return Optional.of(
        new LogSource(parts.get("category"), parts.get("product"), parts.get("service")));
  }
}
