package dev.kasa.sigma.rule;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a multi-document YAML text at its {@code ---} lines, so that a syntax error in one document
 * does not lose the documents after it. A {@code ---} at the start of a line always starts a
 * document in YAML (it cannot occur inside a scalar there), so the cut is exact; lines before the
 * first document that hold only comments or directives stay with it.
 */
final class DocumentSplit {
  private DocumentSplit() {}

  /** One document's text and the 0-based line of the file it starts on. */
  record Chunk(String text, int line) {}

  static List<Chunk> chunks(String text) {
    // Most files are one document: no line but the first can start one. Found by indexOf, the
    // line-by-line walk below is not run over every char of every rule (it was compiled by C2 three
    // times in a load, twice on the stack).
    if (text.indexOf("\n---") < 0 && text.indexOf("\r---") < 0) {
      return List.of(new Chunk(text, 0));
    }
    return walk(text);
  }

  /** The chunks of {@code text}, found line by line (what {@link #chunks} gives, always). */
  static List<Chunk> walk(String text) {
    List<Chunk> out = new ArrayList<>();
    int start = 0;
    int startLine = 0;
    boolean content = false;
    int line = 0;
    int i = 0;
    int n = text.length();
    while (i < n) {
      int end = i;
      while (end < n && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
        end++;
      }
      if (isDocumentStart(text, i, end) && content) {
        out.add(new Chunk(text.substring(start, i), startLine));
        start = i;
        startLine = line;
        content = false;
      }
      content |= hasContent(text, i, end);
      i = end;
      if (i < n && text.charAt(i) == '\r') {
        i++;
      }
      if (i < n && text.charAt(i) == '\n' && (i == end || text.charAt(i - 1) == '\r')) {
        i++;
      }
      line++;
    }
    out.add(new Chunk(text.substring(start), startLine));
    return out;
  }

  private static boolean isDocumentStart(String text, int from, int end) {
    return end - from >= 3
        && text.startsWith("---", from)
        && (end - from == 3 || text.charAt(from + 3) == ' ' || text.charAt(from + 3) == '\t');
  }

  /** Whether the line is more than blanks, a comment, a directive or a document end marker. */
  private static boolean hasContent(String text, int from, int end) {
    int i = from;
    while (i < end
        && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == '\uFEFF')) {
      i++;
    }
    if (i == end) {
      return false;
    }
    char c = text.charAt(i);
    return c != '#' && !(i == from && c == '%') && !text.startsWith("...", from);
  }
}
