package dev.kasa.sigma.rule;

import java.util.ArrayList;
import java.util.List;

/**
 * Sigma string values: unescaped {@code *} and {@code ?} are wildcards; {@code \*}, {@code \?} and
 * {@code \\} are the literal character; any other backslash is itself (so {@code C:\Windows\} needs
 * no escaping). Stateless.
 */
final class SigmaWildcards {
  private SigmaWildcards() {}

  /** The value as written, split into literal runs and wildcards. */
  static SigmaValue.Text parse(String raw) {
    int n = raw.length();
    int i = nextSpecial(raw, 0);
    if (i == n) {
      return new SigmaValue.Text(
          raw, n == 0 ? List.of() : List.of(new SigmaValue.Part.Literal(raw)));
    }
    // Runs between special chars are appended whole: run once per value of every rule, this stays
    // small for the JIT (a char-by-char append inlined made it one of the load's largest compiles).
    List<SigmaValue.Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder(n);
    int from = 0;
    while (i < n) {
      literal.append(raw, from, i);
      char c = raw.charAt(i);
      if (c == '\\') {
        boolean escape = i + 1 < n && isEscapable(raw.charAt(i + 1));
        literal.append(escape ? raw.charAt(i + 1) : c);
        from = escape ? i + 2 : i + 1;
      } else {
        flush(literal, parts);
        parts.add(c == '*' ? new SigmaValue.Part.AnyRun() : new SigmaValue.Part.AnyChar());
        from = i + 1;
      }
      i = nextSpecial(raw, from);
    }
    literal.append(raw, from, n);
    flush(literal, parts);
    return new SigmaValue.Text(raw, parts);
  }

  /**
   * The index of the first {@code *}, {@code ?} or backslash at or after {@code from}, or the
   * length.
   */
  private static int nextSpecial(String raw, int from) {
    int n = raw.length();
    for (int i = from; i < n; i++) {
      char c = raw.charAt(i);
      if (c == '*' || c == '?' || c == '\\') {
        return i;
      }
    }
    return n;
  }

  /**
   * The Sigma spelling of the literal {@code text}: every {@code *}, {@code ?}, {@code \} escaped.
   */
  static String escape(String text) {
    StringBuilder b = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isEscapable(c)) {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }

  private static boolean isEscapable(char c) {
    return c == '*' || c == '?' || c == '\\';
  }

  private static void flush(StringBuilder literal, List<SigmaValue.Part> parts) {
    if (!literal.isEmpty()) {
      parts.add(new SigmaValue.Part.Literal(literal.toString()));
      literal.setLength(0);
    }
  }
}
