package dev.kasa.node.asset;

import dev.kasa.KasaException;
import dev.kasa.sigma.rule.YamlBudget;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads assets from CSV (a header row naming the columns {@code name, kind, addresses, hostnames,
 * owner, sector, criticality, tags} in any order; lists {@code ;}-separated) or YAML (a list of
 * mappings with the same keys, lists as YAML lists or {@code ;}-separated). Every bad row is named
 * by {@code file:line} with the reason; the good rows are kept.
 */
public final class AssetFiles {
  /** The fields of an asset, as file columns and form fields name them. */
  public static final List<String> COLUMNS =
      List.of("name", "kind", "addresses", "hostnames", "owner", "sector", "criticality", "tags");

  private AssetFiles() {}

  /** What a file gave: its good assets and a problem per bad row. */
  public record Read(List<Asset> assets, List<String> problems) {
    public Read {
      assets = List.copyOf(assets);
      problems = List.copyOf(problems);
    }
  }

  /** Reads {@code text}, YAML when {@code name} ends {@code .yml}/{@code .yaml}, else CSV. */
  public static Read read(String name, String text) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".yml") || lower.endsWith(".yaml") ? yaml(name, text) : csv(name, text);
  }

  static Read csv(String file, String text) {
    var assets = new ArrayList<Asset>();
    var problems = new ArrayList<String>();
    String[] lines = text.split("\r?\n", -1);
    Map<String, Integer> columns = null;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      List<String> cells;
      try {
        cells = cells(line);
      } catch (IllegalArgumentException e) {
        problems.add(file + ":" + (i + 1) + ": " + e.getMessage());
        continue;
      }
      if (columns == null) {
        columns = new HashMap<>();
        for (int c = 0; c < cells.size(); c++) {
          columns.put(cells.get(c).strip().toLowerCase(Locale.ROOT), c);
        }
        if (!columns.keySet().containsAll(List.of("name", "kind", "sector", "criticality"))) {
          problems.add(
              file
                  + ":"
                  + (i + 1)
                  + ": the header must name the columns "
                  + String.join(", ", COLUMNS));
          return new Read(assets, problems);
        }
        continue;
      }
      var row = new HashMap<String, Object>();
      for (var e : columns.entrySet()) {
        if (e.getValue() < cells.size()) {
          row.put(e.getKey(), cells.get(e.getValue()));
        }
      }
      add(row, file + ":" + (i + 1), assets, problems);
    }
    return new Read(assets, problems);
  }

  /** One CSV line's cells: commas separate, double quotes quote (a doubled quote is a quote). */
  private static List<String> cells(String line) {
    var out = new ArrayList<String>();
    var cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("a quoted cell is not closed");
    }
    out.add(cell.toString());
    return out;
  }

  static Read yaml(String file, String text) {
    var assets = new ArrayList<Asset>();
    var problems = new ArrayList<String>();
    Node root;
    try {
      var settings =
          LoadSettings.builder().setUseMarks(true).setMaxAliasesForCollections(10).build();
      // Depth, alias expansion and self-holding collections are refused before composing (the
      // composer never returns from a merge key over a collection that holds it).
      var budget = new YamlBudget(32, 1 << 20);
      for (Event e : new Parse(settings).parseString(text)) {
        YamlBudget.Exceeded exceeded = budget.accept(e);
        if (exceeded != null) {
          int at = exceeded.at().map(m -> m.getLine() + 1).orElse(1);
          problems.add(file + ":" + at + ": " + exceeded.message());
          return new Read(assets, problems);
        }
      }
      var composer =
          new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)));
      root = composer.hasNext() ? composer.next() : null;
    } catch (YamlEngineException e) {
      problems.add(file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
      return new Read(assets, problems);
    }
    if (root instanceof MappingNode m && m.getValue().size() == 1) {
      root = m.getValue().getFirst().getValueNode();
    }
    if (!(root instanceof SequenceNode list)) {
      problems.add(file + ":1: expected a list of assets");
      return new Read(assets, problems);
    }
    for (Node item : list.getValue()) {
      String where = file + ":" + line(item);
      if (!(item instanceof MappingNode m)) {
        problems.add(where + ": an asset must be a mapping");
        continue;
      }
      var row = new HashMap<String, Object>();
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k) {
          Node v = t.getValueNode();
          if (v instanceof ScalarNode s) {
            row.put(k.getValue(), s.getValue());
          } else if (v instanceof SequenceNode seq) {
            row.put(
                k.getValue(),
                seq.getValue().stream()
                    .map(n -> n instanceof ScalarNode s ? s.getValue() : "")
                    .toList());
          } else {
            row.put(k.getValue(), v);
          }
        }
      }
      add(row, where, assets, problems);
    }
    return new Read(assets, problems);
  }

  private static int line(Node n) {
    return n.getStartMark().map(m -> m.getLine() + 1).orElse(0);
  }

  /**
   * The asset that one record's fields describe (the file columns; lists {@code ;}-separated), as a
   * form gives them.
   *
   * @throws IllegalArgumentException or {@link KasaException} naming the bad field
   */
  public static Asset fromFields(Map<String, String> fields) {
    return asset(new java.util.LinkedHashMap<String, Object>(fields));
  }

  private static void add(
      Map<String, Object> row, String where, List<Asset> assets, List<String> problems) {
    try {
      assets.add(asset(row));
    } catch (KasaException | IllegalArgumentException e) {
      problems.add(where + ": " + e.getMessage());
    }
  }

  private static Asset asset(Map<String, Object> row) {
    for (String key : row.keySet()) {
      if (!COLUMNS.contains(key.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(
            "unknown field '" + key + "' (known: " + String.join(", ", COLUMNS) + ")");
      }
    }
    String criticality = single(row, "criticality");
    if (criticality == null || !criticality.strip().matches("[0-9]{1,2}")) {
      throw new IllegalArgumentException(
          "criticality must be a number 1-5 but is '" + criticality + "'");
    }
    String kind = single(row, "kind");
    String sector = single(row, "sector");
    String name = single(row, "name");
    if (name == null || kind == null || sector == null) {
      throw new IllegalArgumentException("name, kind and sector are required");
    }
    var addresses = new ArrayList<Cidr>();
    for (String a : list(row, "addresses")) {
      addresses.add(Cidr.parse(a));
    }
    return new Asset(
        name.strip(),
        AssetKind.parse(kind),
        addresses,
        list(row, "hostnames"),
        single(row, "owner"),
        Sector.parse(sector),
        Integer.parseInt(criticality.strip()),
        list(row, "tags"));
  }

  private static String single(Map<String, Object> row, String key) {
    Object v = row.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw new IllegalArgumentException(key + " must be a single value");
    }
    return s.isBlank() ? null : s;
  }

  /** A list: a YAML list, or one text with {@code ;} between the items. */
  static List<String> list(Map<String, Object> row, String key) {
    Object v = row.get(key);
    List<String> items;
    if (v == null) {
      return List.of();
    } else if (v instanceof List<?> l) {
      items = l.stream().map(String::valueOf).toList();
    } else if (v instanceof String s) {
      items = Arrays.asList(s.split(";"));
    } else {
      throw new IllegalArgumentException(key + " must be a list");
    }
    return items.stream().map(String::strip).filter(x -> !x.isEmpty()).toList();
  }
}
