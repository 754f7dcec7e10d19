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
    List<SigmaValue.Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int n = raw.length();
    for (int i = 0; i < n; i++) {
      char c = raw.charAt(i);
      if (c == '\\' && i + 1 < n && isEscapable(raw.charAt(i + 1))) {
        literal.append(raw.charAt(++i));
      } else if (c == '*' || c == '?') {
        flush(literal, parts);
        parts.add(c == '*' ? new SigmaValue.Part.AnyRun() : new SigmaValue.Part.AnyChar());
      } else {
        literal.append(c);
      }
    }
    flush(literal, parts);
    return new SigmaValue.Text(raw, parts);
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
