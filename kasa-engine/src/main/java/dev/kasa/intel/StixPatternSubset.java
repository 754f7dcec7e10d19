package dev.kasa.intel;

import dev.kasa.observable.ObservableType;
import java.util.ArrayList;
import java.util.List;

/**
 * Recognises the STIX patterns that the indicator index can hold without the full pattern engine:
 * equality comparisons on supported observable paths joined by OR, inside one observation or across
 * observations, with optional parentheses; and an observation that is exactly an address and a port
 * of one side of a {@code network-traffic} object joined by AND, in either order. A hand-written
 * scanner (section 9 of the spec: string escapes {@code \'} and {@code \\}, whitespace anywhere
 * between tokens); no regex, no exceptions on the happy path. Stateless and thread-safe.
 */
final class StixPatternSubset {
  /**
   * Deepest nesting of brackets and parentheses accepted: the parser recurses once per level, so a
   * hostile pattern must not choose the depth.
   */
  static final int MAX_NESTING = 100;

  /** What a pattern is. */
  sealed interface Result permits Supported, Pending, Invalid {}

  /**
   * One equality comparison on a supported path; {@code value} is unescaped, not normalised; {@code
   * port} is the port the address also requires ({@code network-traffic}), else null.
   */
  record Term(ObservableType type, String path, String value, PortConstraint port) {
    Term(ObservableType type, String path, String value) {
      this(type, path, value, null);
    }
  }

  /** Every comparison of a supported pattern, in pattern order. */
  record Supported(List<Term> terms) implements Result {}

  /** A well-formed pattern outside the subset, and the first reason why. */
  record Pending(String reason) implements Result {}

  /** A pattern that cannot be tokenised or whose brackets do not balance. */
  record Invalid(int column, String message) implements Result {}

  private enum Kind {
    LBRACKET,
    RBRACKET,
    LPAREN,
    RPAREN,
    COMMA,
    STRING,
    PATH,
    WORD,
    OP,
    NUMBER,
    TYPED_STRING
  }

  private record Token(Kind kind, String text, int column) {}

  private StixPatternSubset() {}

  static Result parse(String pattern) {
    Result fast = StixPatternFastPath.parse(pattern);
    return fast != null ? fast : general(pattern);
  }

  /** What {@link #parse} says, without the fast path (the reference it is tested against). */
  static Result general(String pattern) {
    List<Token> tokens = new ArrayList<>(8);
    Invalid bad = tokenise(pattern, tokens);
    if (bad != null) {
      return bad;
    }
    if (tokens.isEmpty()) {
      return new Invalid(1, "empty pattern");
    }
    var p = new Parser(tokens);
    List<Term> terms = new ArrayList<>(2);
    String reason = p.pattern(terms);
    if (reason == null && p.pos != tokens.size()) {
      reason =
          "unexpected '" + tokens.get(p.pos).text() + "' at column " + tokens.get(p.pos).column();
    }
    return reason == null ? new Supported(terms) : new Pending(reason);
  }

  /** Null when the pattern tokenises and balances; otherwise what is wrong where. */
  private static Invalid tokenise(String s, List<Token> out) {
    int n = s.length();
    char[] stack = new char[16];
    int depth = 0;
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      int col = i + 1;
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        i++;
      } else if (c == '[' || c == '(') {
        if (depth == MAX_NESTING) {
          return new Invalid(
              col, "'" + c + "' at column " + col + " is nested deeper than " + MAX_NESTING);
        }
        if (depth == stack.length) {
          stack = java.util.Arrays.copyOf(stack, depth * 2);
        }
        stack[depth++] = c;
        out.add(new Token(c == '[' ? Kind.LBRACKET : Kind.LPAREN, String.valueOf(c), col));
        i++;
      } else if (c == ']' || c == ')') {
        char open = c == ']' ? '[' : '(';
        if (depth == 0 || stack[depth - 1] != open) {
          return new Invalid(col, "unbalanced '" + c + "' at column " + col);
        }
        depth--;
        out.add(new Token(c == ']' ? Kind.RBRACKET : Kind.RPAREN, String.valueOf(c), col));
        i++;
      } else if (c == ',') {
        out.add(new Token(Kind.COMMA, ",", col));
        i++;
      } else if (c == '\'') {
        var sb = new StringBuilder();
        int end = string(s, i, sb);
        if (end < 0) {
          return new Invalid(-end, stringError(s, -end));
        }
        out.add(new Token(Kind.STRING, sb.toString(), col));
        i = end;
      } else if ((c == 't' || c == 'b' || c == 'h') && i + 1 < n && s.charAt(i + 1) == '\'') {
        int end = string(s, i + 1, new StringBuilder());
        if (end < 0) {
          return new Invalid(-end, stringError(s, -end));
        }
        out.add(new Token(Kind.TYPED_STRING, s.substring(i, end), col));
        i = end;
      } else if (isLetter(c)) {
        int end = identifier(s, i);
        if (end < n && s.charAt(end) == ':') {
          var path = new StringBuilder(32).append(s, i, end + 1);
          end = path(s, end + 1, path);
          if (end < 0) {
            return new Invalid(-end, "bad object path at column " + (-end));
          }
          out.add(new Token(Kind.PATH, path.toString(), col));
        } else {
          out.add(new Token(Kind.WORD, s.substring(i, end), col));
        }
        i = end;
      } else if (c >= '0' && c <= '9' || c == '-' && i + 1 < n && isDigit(s.charAt(i + 1))) {
        int end = i + 1;
        while (end < n && (isDigit(s.charAt(end)) || s.charAt(end) == '.')) {
          end++;
        }
        out.add(new Token(Kind.NUMBER, s.substring(i, end), col));
        i = end;
      } else if (c == '=' || c == '<' || c == '>' || c == '!') {
        int end = i + 1;
        if (end < n && s.charAt(end) == '=') {
          end++;
        } else if (c == '!') {
          return new Invalid(col, "'!' without '=' at column " + col);
        }
        out.add(new Token(Kind.OP, s.substring(i, end), col));
        i = end;
      } else {
        return new Invalid(col, "unexpected character '" + c + "' at column " + col);
      }
    }
    if (depth > 0) {
      return new Invalid(n + 1, "unclosed '" + stack[depth - 1] + "' at end of pattern");
    }
    return null;
  }

  /** Reads a quoted string starting at {@code s[q] == '\''}: the index after it, or -column. */
  private static int string(String s, int q, StringBuilder sb) {
    int n = s.length();
    for (int i = q + 1; i < n; i++) {
      char c = s.charAt(i);
      if (c == '\'') {
        return i + 1;
      }
      if (c == '\\') {
        if (i + 1 >= n || (s.charAt(i + 1) != '\'' && s.charAt(i + 1) != '\\')) {
          return -(i + 1);
        }
        c = s.charAt(++i);
      }
      sb.append(c);
    }
    return -(q + 1);
  }

  private static String stringError(String s, int column) {
    return column - 1 < s.length() && s.charAt(column - 1) == '\\'
        ? "bad escape at column " + column + " (only \\' and \\\\ are allowed)"
        : "unterminated string starting at column " + column;
  }

  private static int identifier(String s, int i) {
    int n = s.length();
    while (i < n && (isLetter(s.charAt(i)) || isDigit(s.charAt(i)) || s.charAt(i) == '-')) {
      i++;
    }
    return i;
  }

  // Object path after the ':': steps of identifiers, 'quoted keys', [index] and [*], joined by '.'.
  private static int path(String s, int i, StringBuilder out) {
    int n = s.length();
    boolean expectStep = true;
    while (i < n) {
      char c = s.charAt(i);
      if (expectStep && isLetter(c)) {
        int end = identifier(s, i);
        out.append(s, i, end);
        i = end;
        expectStep = false;
      } else if (expectStep && c == '\'') {
        var key = new StringBuilder();
        int end = string(s, i, key);
        if (end < 0) {
          return end;
        }
        out.append(key);
        i = end;
        expectStep = false;
      } else if (!expectStep && c == '.') {
        out.append('.');
        i++;
        expectStep = true;
      } else if (!expectStep && c == '[') {
        int end = s.indexOf(']', i);
        if (end < 0) {
          return -(i + 1);
        }
        for (int k = i + 1; k < end; k++) {
          if (!isDigit(s.charAt(k)) && !(s.charAt(k) == '*' && end == i + 2)) {
            return -(k + 1);
          }
        }
        out.append(s, i, end + 1);
        i = end + 1;
      } else {
        break;
      }
    }
    return expectStep ? -(i + 1) : i;
  }

  static boolean isLetter(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The observable type of a supported path, or null. */
  static ObservableType typeOf(String path) {
    return switch (path) {
      case "ipv4-addr:value" -> ObservableType.IPV4;
      case "ipv6-addr:value" -> ObservableType.IPV6;
      case "domain-name:value" -> ObservableType.DOMAIN;
      case "url:value" -> ObservableType.URL;
      case "email-addr:value", "email-message:from_ref.value", "email-message:sender_ref.value" ->
          ObservableType.EMAIL;
      default -> path.startsWith("file:hashes.") ? hashType(path.substring(12)) : null;
    };
  }

  private static ObservableType hashType(String key) {
    return switch (key.toUpperCase(java.util.Locale.ROOT)) {
      case "MD5" -> ObservableType.MD5;
      case "SHA-1", "SHA1" -> ObservableType.SHA1;
      case "SHA-256", "SHA256" -> ObservableType.SHA256;
      case "SHA-512", "SHA512" -> ObservableType.SHA512;
      default -> null;
    };
  }

  /**
   * Recursive descent over the subset; each method returns null or the reason it is pending. It
   * recurses only on an opening bracket or parenthesis, so its depth is bounded by the tokeniser's
   * {@link #MAX_NESTING} check.
   */
  private static final class Parser {
    final List<Token> tokens;
    int pos;

    Parser(List<Token> tokens) {
      this.tokens = tokens;
    }

    String pattern(List<Term> terms) {
      String r = observation(terms);
      while (r == null && isWord("OR")) {
        pos++;
        r = observation(terms);
      }
      if (r == null && pos < tokens.size() && tokens.get(pos).kind() == Kind.WORD) {
        return "operator " + tokens.get(pos).text() + " needs the full pattern engine";
      }
      return r;
    }

    String observation(List<Term> terms) {
      Kind k = kind();
      if (k == Kind.LPAREN) {
        pos++;
        String r = pattern(terms);
        return r != null ? r : expect(Kind.RPAREN);
      }
      if (k != Kind.LBRACKET) {
        return unexpected("an observation '['");
      }
      pos++;
      String r = addressAndPort(terms) ? null : comparisons(terms);
      if (r == null) {
        r = expect(Kind.RBRACKET);
      }
      if (r == null && kind() == Kind.WORD && !isWord("OR")) {
        return "qualifier or operator " + tokens.get(pos).text() + " needs the full pattern engine";
      }
      return r;
    }

    String comparisons(List<Term> terms) {
      String r = comparison(terms);
      while (r == null && isWord("OR")) {
        pos++;
        r = comparison(terms);
      }
      if (r == null && kind() == Kind.WORD) {
        return "operator " + tokens.get(pos).text() + " needs the full pattern engine";
      }
      return r;
    }

    String comparison(List<Term> terms) {
      if (kind() == Kind.LPAREN) {
        pos++;
        String r = comparisons(terms);
        return r != null ? r : expect(Kind.RPAREN);
      }
      if (kind() != Kind.PATH) {
        return unexpected("an object path");
      }
      Token path = tokens.get(pos++);
      ObservableType type = typeOf(path.text());
      if (type == null) {
        return "path " + path.text() + " is not supported yet";
      }
      if (kind() != Kind.OP || !tokens.get(pos).text().equals("=")) {
        return pos < tokens.size()
            ? "operator " + tokens.get(pos).text() + " needs the full pattern engine"
            : "comparison on " + path.text() + " has no operator";
      }
      pos++;
      if (kind() != Kind.STRING) {
        return unexpected("a string after " + path.text() + " =");
      }
      terms.add(new Term(type, path.text(), tokens.get(pos++).text()));
      return null;
    }

    /**
     * {@code network-traffic:dst_ref.value = 'X' AND network-traffic:dst_port = N} (or the {@code
     * src_} twin, the operands in either order) up to the closing bracket: adds its term and says
     * true; otherwise reads nothing and says false.
     */
    boolean addressAndPort(List<Term> terms) {
      if (pos + 7 >= tokens.size()
          || tokens.get(pos + 7).kind() != Kind.RBRACKET
          || !tokens.get(pos + 3).text().equals("AND")
          || tokens.get(pos + 3).kind() != Kind.WORD) {
        return false;
      }
      Token[] first = {tokens.get(pos), tokens.get(pos + 1), tokens.get(pos + 2)};
      Token[] second = {tokens.get(pos + 4), tokens.get(pos + 5), tokens.get(pos + 6)};
      Term t = addressAndPort(first, second);
      if (t == null) {
        t = addressAndPort(second, first);
      }
      if (t == null) {
        return false;
      }
      terms.add(t);
      pos += 7;
      return true;
    }

    private static Term addressAndPort(Token[] address, Token[] port) {
      if (address[0].kind() != Kind.PATH
          || port[0].kind() != Kind.PATH
          || !address[1].text().equals("=")
          || !port[1].text().equals("=")
          || address[2].kind() != Kind.STRING
          || port[2].kind() != Kind.NUMBER) {
        return null;
      }
      PortConstraint.Side side =
          switch (address[0].text()) {
            case "network-traffic:dst_ref.value" -> PortConstraint.Side.DESTINATION;
            case "network-traffic:src_ref.value" -> PortConstraint.Side.SOURCE;
            default -> null;
          };
      String portPath =
          side == PortConstraint.Side.SOURCE
              ? "network-traffic:src_port"
              : "network-traffic:dst_port";
      Integer number = PortConstraint.parsePort(port[2].text());
      if (side == null || !port[0].text().equals(portPath) || number == null) {
        return null;
      }
      String value = address[2].text();
      ObservableType type = value.indexOf(':') >= 0 ? ObservableType.IPV6 : ObservableType.IPV4;
      return new Term(type, address[0].text(), value, new PortConstraint(side, number));
    }

    String expect(Kind k) {
      if (kind() == k) {
        pos++;
        return null;
      }
      return unexpected(k == Kind.RPAREN ? "')'" : "']'");
    }

    String unexpected(String wanted) {
      if (pos >= tokens.size()) {
        return "pattern ends where " + wanted + " was expected";
      }
      Token t = tokens.get(pos);
      return "'" + t.text() + "' at column " + t.column() + " where " + wanted + " was expected";
    }

    Kind kind() {
      return pos < tokens.size() ? tokens.get(pos).kind() : null;
    }

    boolean isWord(String word) {
      return kind() == Kind.WORD && tokens.get(pos).text().equals(word);
    }
  }
}
