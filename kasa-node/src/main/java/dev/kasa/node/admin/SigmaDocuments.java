package dev.kasa.node.admin;

import dev.kasa.Problem;
import dev.kasa.sigma.rule.ParseResult;
import dev.kasa.sigma.rule.SigmaDocument;
import dev.kasa.sigma.rule.SigmaParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The rules of a Sigma YAML file, each with its own text: documents are cut at {@code ---} lines,
 * and each is checked by the engine's Sigma parser. A document with problems, or without a UUID
 * {@code id}, is reported and left out.
 */
final class SigmaDocuments {
  private SigmaDocuments() {}

  record Document(String id, String title, String text) {}

  static List<Document> split(Path file, String text, List<String> problems) {
    var out = new ArrayList<Document>();
    var chunks = new ArrayList<String>();
    var lines = new ArrayList<int[]>();
    var current = new StringBuilder();
    int start = 1;
    int line = 0;
    for (String l : text.split("\n", -1)) {
      line++;
      if (l.stripTrailing().equals("---")) {
        chunks.add(current.toString());
        lines.add(new int[] {start});
        current.setLength(0);
        start = line + 1;
        continue;
      }
      current.append(l).append('\n');
    }
    chunks.add(current.toString());
    lines.add(new int[] {start});
    for (int i = 0; i < chunks.size(); i++) {
      String chunk = chunks.get(i).strip();
      if (chunk.isEmpty()
          || chunk.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("#"))) {
        continue;
      }
      String where = file + ":" + lines.get(i)[0];
      ParseResult r = SigmaParser.parse(chunk + "\n", file.toString());
      if (!r.problems().isEmpty()) {
        for (Problem p : r.problems()) {
          problems.add(where + ": " + p);
        }
        continue;
      }
      for (SigmaDocument d : r.documents()) {
        String id = d.info().id();
        if (id == null || !isUuid(id)) {
          problems.add(
              where + ": a rule needs a UUID id to become indicator--<id>, not '" + id + "'");
          continue;
        }
        out.add(
            new Document(id.toLowerCase(java.util.Locale.ROOT), d.info().title(), chunk + "\n"));
      }
    }
    return out;
  }

  private static boolean isUuid(String s) {
    try {
      return s.length() == 36 && UUID.fromString(s) != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
