package dev.kasa.sigma.program;

import dev.kasa.sigma.match.LiteralKind;
import dev.kasa.sigma.match.Needle;

/**
 * Keyword literals that can be searched for in a record's raw text ({@code
 * DecodedRecord.rawText()}) instead of in every decoded value: case-insensitive {@code contains} of
 * printable ASCII without JSON punctuation ({@code ,{}[]}, nor {@code :} first). JSON writes such
 * text as itself except {@code \} and {@code "}, which it escapes with a backslash, so the literal
 * is searched in that escaped form; Zeek TSV sources take only literals without either char. The
 * raw text then holds the keyword exactly when some value (or, harmlessly rarely, a field name)
 * does. This spares decoding every field of every event for the few rules that search the whole
 * event.
 */
final class RawKeywords {
  private RawKeywords() {}

  /**
   * True for the sources whose records are JSON text (every source but Zeek's, which may be TSV).
   */
  static boolean json(String source) {
    return !source.startsWith("zeek");
  }

  /** The literal as it appears in raw text of such a source, or null when it cannot be searched. */
  static Needle.Literal rawForm(Needle.Literal lit, boolean json) {
    if (lit.cased() || lit.kind() != LiteralKind.CONTAINS || lit.text().isEmpty()) {
      return null;
    }
    StringBuilder out = new StringBuilder(lit.text().length() + 4);
    if (lit.text().charAt(0) == ':') {
      return null; // would match after a key's closing quote: "EventID":4624
    }
    for (int i = 0; i < lit.text().length(); i++) {
      char c = lit.text().charAt(i);
      if (c < 0x20 || c > 0x7e || ",{}[]".indexOf(c) >= 0) {
        return null; // JSON punctuation could join two tokens into a false match
      }
      if (c == '\\' || c == '"') {
        if (!json) {
          return null;
        }
        out.append('\\');
      }
      out.append(c);
    }
    return new Needle.Literal(LiteralKind.CONTAINS, out.toString(), false);
  }
}
