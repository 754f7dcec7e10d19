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
    // Entries alike one after another (a link asking again) are shown as one range.
    List<Long> seqs = new ArrayList<>(entries.keySet());
    for (int i = 0; i < seqs.size(); ) {
      JsonNode e = entries.get(seqs.get(i));
      String what = line(e, about.get(seqs.get(i)));
      int j = i + 1;
      while (j < seqs.size()
          && seqs.get(j) == seqs.get(j - 1) + 1
          && line(entries.get(seqs.get(j)), about.get(seqs.get(j))).equals(what)) {
        j++;
      }
      String range = j - i == 1 ? "#" + seqs.get(i) : "#" + seqs.get(i) + "-" + seqs.get(j - 1);
      out.printf("   %-8s %-7s %s%n", n.name(), range, what);
      i = j;
    }
    return entries.size();
  }

  private static String line(JsonNode e, List<String> about) {
    return String.format(
        "%-14s %-8s %-28s %s",
        e.path("kind").asText(),
        e.path("principal").asText(""),
        e.path("rule").asText(""),
        String.join(", ", about));
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
