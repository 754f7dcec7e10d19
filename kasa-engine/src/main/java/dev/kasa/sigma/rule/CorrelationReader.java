package dev.kasa.sigma.rule;

import dev.kasa.ErrorCode;
import dev.kasa.sigma.rule.SigmaCorrelation.CorrelationType;
import dev.kasa.sigma.rule.SigmaCorrelation.Threshold;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** Reads a {@code correlation} map per the Sigma correlation specification 2.1. */
final class CorrelationReader {
  private static final List<String> BOUNDS = List.of("gt", "gte", "lt", "lte", "eq", "neq");

  private final NodeReader r;

  CorrelationReader(NodeReader r) {
    this.r = r;
  }

  /** The correlation, or null when any part is bad. */
  SigmaCorrelation read(RuleInfo info, MappingNode map, Map<String, NodeTuple> document) {
    int before = r.problems().size();
    String where = "correlation.";
    Map<String, NodeTuple> e = r.entries(map, "correlation");
    CorrelationType type = type(e, map);
    List<String> rules = r.texts(e, "rules", where, true);
    if (rules.isEmpty() && !e.containsKey("rules")) {
      r.problem(map, ErrorCode.BAD_CORRELATION, "correlation has no rules");
    } else if (rules.isEmpty()) {
      r.problem(
          e.get("rules").getValueNode(), ErrorCode.BAD_CORRELATION, "correlation.rules is empty");
    }
    List<String> groupBy = r.texts(e, "group-by", where, true);
    Duration timespan = timespan(e, map);
    Map<String, Map<String, String>> aliases = aliases(e);
    String field = null;
    Threshold threshold = null;
    MappingNode cond = r.map(e, "condition", where);
    if (cond != null && type != null) {
      Map<String, NodeTuple> c = r.entries(cond, "correlation.condition");
      field = field(c, type, cond);
      threshold = threshold(c, type, cond);
    } else if (type != null
        && (!e.containsKey("condition") || NodeReader.isNull(e.get("condition").getValueNode()))) {
      if (isTemporal(type)) {
        threshold = new Threshold(null, (double) rules.size(), null, null, null, null, null);
      } else {
        r.problem(
            map,
            ErrorCode.BAD_CORRELATION,
            type.name().toLowerCase(Locale.ROOT) + " needs a condition");
      }
    }
    boolean generate = generate(e.containsKey("generate") ? e : document);
    if (r.problems().size() > before || type == null || timespan == null || threshold == null) {
      return null;
    }
    return new SigmaCorrelation(
        info, type, rules, groupBy, timespan, aliases, field, threshold, generate);
  }

  private CorrelationType type(Map<String, NodeTuple> e, MappingNode map) {
    String t = r.text(e, "type", "correlation.");
    if (t == null) {
      r.problem(map, ErrorCode.BAD_CORRELATION, "correlation has no type");
      return null;
    }
    for (CorrelationType c : CorrelationType.values()) {
      if (c.name().toLowerCase(Locale.ROOT).equals(t)) {
        return c;
      }
    }
    r.problem(
        e.get("type").getValueNode(),
        ErrorCode.BAD_CORRELATION,
        "unknown correlation type '" + t + "'");
    return null;
  }

  private Duration timespan(Map<String, NodeTuple> e, MappingNode map) {
    String t = r.text(e, "timespan", "correlation.");
    if (t == null) {
      r.problem(map, ErrorCode.BAD_CORRELATION, "correlation has no timespan");
      return null;
    }
    int digits = t.length() - 1;
    if (digits < 1
        || digits > 9
        || !t.substring(0, digits).chars().allMatch(c -> c >= '0' && c <= '9')
        || "smhd".indexOf(t.charAt(digits)) < 0) {
      r.problem(
          e.get("timespan").getValueNode(),
          ErrorCode.BAD_CORRELATION,
          "timespan '" + t + "' is not a number followed by s, m, h or d");
      return null;
    }
    long n = Long.parseLong(t.substring(0, digits));
    return switch (t.charAt(digits)) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  private Map<String, Map<String, String>> aliases(Map<String, NodeTuple> e) {
    MappingNode a = r.map(e, "aliases", "correlation.");
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    if (a == null) {
      return out;
    }
    for (var alias : r.entries(a, "correlation.aliases").entrySet()) {
      Node v = alias.getValue().getValueNode();
      if (!(v instanceof MappingNode m)) {
        r.problem(
            v,
            ErrorCode.BAD_CORRELATION,
            "alias '" + alias.getKey() + "' must map rule names to fields");
        continue;
      }
      Map<String, String> fields = new HashMap<>();
      String where = "correlation.aliases." + alias.getKey() + ".";
      for (var f : r.entries(m, where).entrySet()) {
        String field = r.text(f.getValue().getValueNode(), where + f.getKey());
        if (field != null) {
          fields.put(f.getKey(), field);
        }
      }
      out.put(alias.getKey(), Map.copyOf(fields));
    }
    return out;
  }

  private String field(Map<String, NodeTuple> c, CorrelationType type, MappingNode cond) {
    NodeTuple t = c.get("field");
    boolean needs = type.name().startsWith("VALUE_");
    if (t == null) {
      if (needs) {
        r.problem(cond, ErrorCode.BAD_CORRELATION, lower(type) + " needs condition.field");
      }
      return null;
    }
    if (!needs) {
      r.problem(
          t.getKeyNode(), ErrorCode.BAD_CORRELATION, lower(type) + " takes no condition.field");
      return null;
    }
    List<String> fields = r.texts(c, "field", "correlation.condition.", true);
    if (fields.size() != 1) {
      r.problem(t.getValueNode(), ErrorCode.BAD_CORRELATION, "condition.field must name one field");
      return null;
    }
    return fields.get(0);
  }

  private Threshold threshold(Map<String, NodeTuple> c, CorrelationType type, MappingNode cond) {
    Map<String, Double> bounds = new HashMap<>();
    for (var entry : c.entrySet()) {
      String k = entry.getKey();
      if (k.equals("field")) {
        continue;
      }
      if (!BOUNDS.contains(k)
          && !(k.equals("percentile") && type == CorrelationType.VALUE_PERCENTILE)) {
        r.problem(
            entry.getValue().getKeyNode(),
            ErrorCode.BAD_CORRELATION,
            "unknown condition key '" + k + "'");
        continue;
      }
      Node v = entry.getValue().getValueNode();
      Double d =
          v instanceof ScalarNode s && (Tag.INT.equals(s.getTag()) || Tag.FLOAT.equals(s.getTag()))
              ? DetectionReader.number(s.getValue())
              : null;
      if (d == null || d.isNaN()) {
        r.problem(v, ErrorCode.BAD_CORRELATION, "condition." + k + " must be a number");
      } else if (k.equals("percentile") && (d < 0 || d > 100)) {
        r.problem(
            v, ErrorCode.BAD_CORRELATION, "condition.percentile " + d + " is not within 0-100");
      } else {
        bounds.put(k, d);
      }
    }
    if (BOUNDS.stream().noneMatch(bounds::containsKey)) {
      r.problem(
          cond, ErrorCode.BAD_CORRELATION, "condition has none of " + String.join(", ", BOUNDS));
      return null;
    }
    return new Threshold(
        bounds.get("gt"),
        bounds.get("gte"),
        bounds.get("lt"),
        bounds.get("lte"),
        bounds.get("eq"),
        bounds.get("neq"),
        bounds.get("percentile"));
  }

  private boolean generate(Map<String, NodeTuple> e) {
    NodeTuple t = e.get("generate");
    if (t == null || NodeReader.isNull(t.getValueNode())) {
      return false;
    }
    if (t.getValueNode() instanceof ScalarNode s && Tag.BOOL.equals(s.getTag())) {
      return s.getValue().equalsIgnoreCase("true");
    }
    r.problem(t.getValueNode(), ErrorCode.BAD_CORRELATION, "generate must be true or false");
    return false;
  }

  private static boolean isTemporal(CorrelationType t) {
    return t == CorrelationType.TEMPORAL || t == CorrelationType.TEMPORAL_ORDERED;
  }

  private static String lower(CorrelationType t) {
    return t.name().toLowerCase(Locale.ROOT);
  }
}
