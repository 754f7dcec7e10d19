package dev.kasa.sigma.yaml;

/**
 * Single- and double-quoted scalars on one line, as snakeyaml-engine reads them: where one closes,
 * and a double-quoted one's escapes. An escape it would refuse, or one making half a surrogate
 * pair, is outside the block scanner's subset. Stateless.
 */
final class QuotedText {
  private QuotedText() {}

  /** The index of the quote closing the one at {@code open} on the same line, or -1. */
  static int closingQuote(String text, int open, char quote) {
    int n = text.length();
    for (int i = open + 1; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        return -1;
      }
      if (quote == '\'' && c == '\'') {
        if (i + 1 < n && text.charAt(i + 1) == '\'') {
          i++;
        } else {
          return i;
        }
      } else if (quote == '"' && c == '\\') {
        i++;
      } else if (quote == '"' && c == '"') {
        return i;
      }
    }
    return -1;
  }

  /** The value of a double-quoted scalar's chars {@code [from, to)}. */
  static String unescape(String text, int from, int to) {
    if (text.indexOf('\\', from) < 0 || text.indexOf('\\', from) >= to) {
      return text.substring(from, to);
    }
    StringBuilder out = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = text.charAt(++i);
      switch (e) {
        case '0' -> out.append('\0');
        case 'a' -> out.append('\u0007');
        case 'b' -> out.append('\b');
        case 't' -> out.append('\t');
        case 'n' -> out.append('\n');
        case 'v' -> out.append('\u000B');
        case 'f' -> out.append('\f');
        case 'r' -> out.append('\r');
        case 'e' -> out.append('\u001B');
        case ' ', '"', '/', '\\' -> out.append(e);
        case 'N' -> out.append('\u0085');
        case '_' -> out.append('\u00A0');
        case 'L' -> out.append('\u2028');
        case 'P' -> out.append('\u2029');
        case 'x' -> i = hex(text, i, 2, to, out);
        case 'u' -> i = hex(text, i, 4, to, out);
        default -> throw BlockYamlScanner.outside();
      }
    }
    return out.toString();
  }

  /** Appends the char of the {@code digits} hex digits after {@code i}; returns the last index. */
  private static int hex(String text, int i, int digits, int to, StringBuilder out) {
    if (i + digits >= to) {
      throw BlockYamlScanner.outside();
    }
    int v = 0;
    for (int k = 1; k <= digits; k++) {
      int d = Character.digit(text.charAt(i + k), 16);
      if (d < 0) {
        throw BlockYamlScanner.outside();
      }
      v = v * 16 + d;
    }
    if (v >= 0xD800 && v <= 0xDFFF) {
      throw BlockYamlScanner.outside();
    }
    out.append((char) v);
    return i + digits;
  }
}
