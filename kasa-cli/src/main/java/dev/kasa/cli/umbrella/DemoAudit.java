package dev.kasa.cli.umbrella;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the demo reads from the nodes' audit chains and link states, with {@code kasa} itself. */
final class DemoAudit {
  private DemoAudit() {}

  /**
   * Prints, in the chain's order, the entries of {@code n}'s audit about the objects {@code labels}
   * names (one line each: sequence, kind, principal, rule, objects); how many there were.
   */
  static int print(PrintWriter out, DemoNode n, Map<String, String> labels) {
    // One entry may name several of the story's objects: shown once.
    Map<Long, JsonNode> entries = new TreeMap<>();
    Map<Long, List<String>> about = new TreeMap<>();
    for (String id : labels.keySet()) {
      for (JsonNode e : entries(n, id)) {
        entries.put(e.path("seq").asLong(), e);
        about.computeIfAbsent(e.path("seq").asLong(), k -> new ArrayList<>()).add(labels.get(id));
      }
    }
    for (var e : entries.entrySet()) {
      out.printf(
          "   %-8s #%-4d %-14s %-8s %-28s %s%n",
          n.name(),
          e.getKey(),
          e.getValue().path("kind").asText(),
          e.getValue().path("principal").asText(""),
          e.getValue().path("rule").asText(""),
          String.join(", ", about.get(e.getKey())));
    }
    return entries.size();
  }

  /** The rules of the refusals of {@code id} in {@code n}'s audit. */
  static List<String> refusals(DemoNode n, String id) {
    return entries(n, id).stream()
        .filter(e -> e.path("kind").asText().equals("refuse"))
        .map(e -> e.path("rule").asText())
        .distinct()
        .toList();
  }

  /** Whether every link of {@code n} has had a successful round ({@code kasa link list}). */
  static boolean linked(DemoNode n) {
    return n.kasa("link", "list", "DIR", "--json")
        .lines()
        .filter(l -> !l.isBlank())
        .map(DemoNode::json)
        .allMatch(l -> !l.path("last_success").isNull());
  }

  private static List<JsonNode> entries(DemoNode n, String id) {
    return n.kasa("audit", "DIR", "--object", id)
        .lines()
        .filter(l -> !l.isBlank())
        .map(DemoNode::json)
        .toList();
  }
}
