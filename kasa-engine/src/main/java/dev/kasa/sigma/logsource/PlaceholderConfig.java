package dev.kasa.sigma.logsource;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.sigma.match.Placeholders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads the values of the {@code %name%} placeholders that the {@code expand} modifier replaces: a
 * YAML map from placeholder name (with or without the {@code %} signs) to a value or a list of
 * values. An empty list is allowed and means the placeholder matches nothing. Example: {@code
 * docs/examples/placeholders.yml}. Stateless and thread-safe.
 */
public final class PlaceholderConfig {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

  private PlaceholderConfig() {}

  /**
   * Reads placeholder values; {@code origin} names the text in messages. An empty text has no
   * placeholders.
   *
   * @throws KasaException INVALID_INPUT listing every problem as origin:line:column, or
   *     LIMIT_EXCEEDED when the text is too big or nested too deep
   */
  public static Placeholders parse(String yaml, String origin) {
    YamlTree tree = new YamlTree(origin);
    Map<String, List<String>> values = new LinkedHashMap<>();
    tree.compose(yaml)
        .flatMap(root -> tree.mapping(root, "a placeholder file"))
        .ifPresent(map -> map.forEach((key, node) -> read(tree, key, node, values)));
    tree.throwIfProblems("placeholder file");
    return values.isEmpty() ? Placeholders.NONE : new Placeholders(values);
  }

  private static void read(YamlTree tree, String key, Node node, Map<String, List<String>> values) {
    String name = key.strip();
    if (name.length() > 2 && name.startsWith("%") && name.endsWith("%")) {
      name = name.substring(1, name.length() - 1);
    }
    if (!NAME.matcher(name).matches()) {
      tree.problem(node, "placeholder name '" + key + "' must be letters, digits, '_', '.', '-'");
      return;
    }
    if (values.containsKey(name)) {
      tree.problem(node, "placeholder '" + name + "' is given twice (with and without %)");
      return;
    }
    String target = name;
    tree.texts(node, "the value of placeholder '" + name + "'")
        .ifPresent(list -> values.put(target, list));
  }

  /**
   * Reads a placeholder file (UTF-8).
   *
   * @throws KasaException UNREADABLE_INPUT when the file cannot be read; as {@link #parse}
   */
  public static Placeholders load(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new KasaException(
          ErrorCode.UNREADABLE_INPUT, "cannot read placeholder file " + file + ": " + e, e);
    }
  }
}
