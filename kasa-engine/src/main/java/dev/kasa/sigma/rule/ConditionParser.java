package dev.kasa.sigma.rule;

import dev.kasa.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses one {@code condition} string against the detection's search names, by recursive descent:
 * {@code or} &lt; {@code and} &lt; {@code not} &lt; brackets, {@code 1 of}/{@code all of} and
 * identifiers. Operators are lowercase, as in the specification. Not thread-safe; one per string.
 */
final class ConditionParser {
  /** Longer conditions are rejected: no real rule comes close. */
  static final int MAX_LENGTH = 16 * 1024;

  /** Deeper nesting of brackets and {@code not} is rejected (keeps the descent off the stack). */
  static final int MAX_DEPTH = 64;

  private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "of", "all", "them");

  /** A problem at {@code offset} (0-based, in chars) of the condition string. */
  record Error(int offset, ErrorCode code, String message) {}

  /** Either a condition (and no errors) or the errors (and a null condition). */
  record Result(Condition condition, List<Error> errors) {
    Result {
      errors = List.copyOf(errors);
    }
  }

  private record Token(String text, int offset) {
    boolean is(String s) {
      return text.equals(s);
    }
  }

  /** Stops the descent at the first syntax error. */
  private static final class SyntaxError extends RuntimeException {
    SyntaxError() {
      super(null, null, false, false);
    }
  }

  private final String text;
  private final List<String> searches;
  private final List<Error> errors = new ArrayList<>();
  private List<Token> tokens;
  private int next;
  private int depth;

  private ConditionParser(String text, List<String> searches) {
    this.text = text;
    this.searches = searches;
  }

  /**
   * Parses {@code text}; {@code searches} are the detection's search names in written order. Never
   * throws for any string.
   */
  static Result parse(String text, List<String> searches) {
    return new ConditionParser(text, searches).run();
  }

  private Result run() {
    if (text.length() > MAX_LENGTH) {
      return failed(
          0, ErrorCode.BAD_CONDITION, "condition longer than " + MAX_LENGTH + " characters");
    }
    tokens = tokenize();
    if (!errors.isEmpty()) {
      return new Result(null, errors);
    }
    if (tokens.isEmpty()) {
      return failed(0, ErrorCode.BAD_CONDITION, "empty condition");
    }
    try {
      Condition c = or();
      if (next < tokens.size()) {
        Token t = tokens.get(next);
        String lower = t.text().toLowerCase(Locale.ROOT);
        if (lower.equals("near")) {
          return failed(
              t.offset(), ErrorCode.DEPRECATED_AGGREGATION, "'near' is Sigma 1; use a correlation");
        }
        fail(
            t,
            KEYWORDS.contains(lower) && !lower.equals(t.text())
                ? "operator '" + t.text() + "' must be lowercase"
                : "unexpected '" + t.text() + "'" + (t.is(")") ? " (unbalanced bracket)" : ""));
      }
      return errors.isEmpty() ? new Result(c, List.of()) : new Result(null, errors);
    } catch (SyntaxError e) {
      return new Result(null, errors);
    }
  }

  private Result failed(int offset, ErrorCode code, String message) {
    errors.add(new Error(offset, code, message));
    return new Result(null, errors);
  }

  private List<Token> tokenize() {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(' || c == ')') {
        out.add(new Token(String.valueOf(c), i++));
      } else if (c == '|') {
        errors.add(
            new Error(
                i,
                ErrorCode.DEPRECATED_AGGREGATION,
                "aggregation '" + text.substring(i).strip() + "' is Sigma 1; use a correlation"));
        return out;
      } else {
        int start = i;
        while (i < n && !isBoundary(text.charAt(i))) {
          i++;
        }
        out.add(new Token(text.substring(start, i), start));
      }
    }
    return out;
  }

  private static boolean isBoundary(char c) {
    return Character.isWhitespace(c) || c == '(' || c == ')' || c == '|';
  }

  private Condition or() {
    List<Condition> operands = new ArrayList<>(List.of(and()));
    while (accept("or")) {
      operands.add(and());
    }
    return operands.size() == 1 ? operands.get(0) : new Condition.Or(operands);
  }

  private Condition and() {
    List<Condition> operands = new ArrayList<>(List.of(not()));
    while (accept("and")) {
      operands.add(not());
    }
    return operands.size() == 1 ? operands.get(0) : new Condition.And(operands);
  }

  private Condition not() {
    if (accept("not")) {
      enter();
      Condition c = new Condition.Not(not());
      depth--;
      return c;
    }
    return primary();
  }

  private Condition primary() {
    Token t = take("a search identifier, '(', '1 of', 'all of' or 'not'");
    if (t.is("(")) {
      enter();
      Condition c = or();
      depth--;
      if (!accept(")")) {
        fail(peekOrEnd(), "missing ')' for the '(' at column " + (t.offset() + 1));
      }
      return c;
    }
    if (t.is("1") || t.is("all") || (isNumber(t.text()) || t.is("any")) && peekIs("of")) {
      return quantifier(t);
    }
    checkIdentifier(t);
    return new Condition.Ref(t.text());
  }

  private Condition quantifier(Token q) {
    if (!q.is("1") && !q.is("all")) {
      fail(q, "'" + q.text() + " of' is not Sigma; use '1 of' or 'all of'");
    }
    if (!accept("of")) {
      fail(peekOrEnd(), "expected 'of' after '" + q.text() + "'");
    }
    Token p = take("a search identifier pattern or 'them'");
    if (p.is("(") || p.is(")") || KEYWORDS.contains(p.text()) && !p.is("them")) {
      fail(p, "expected a search identifier pattern or 'them' after '" + q.text() + " of'");
    }
    List<String> names = resolve(p);
    return q.is("1") ? new Condition.OneOf(p.text(), names) : new Condition.AllOf(p.text(), names);
  }

  private List<String> resolve(Token p) {
    List<String> names = new ArrayList<>();
    for (String s : searches) {
      if (p.is("them") ? !s.startsWith("_") : globMatches(p.text(), s)) {
        names.add(s);
      }
    }
    if (names.isEmpty()) {
      errors.add(
          new Error(
              p.offset(),
              ErrorCode.BAD_CONDITION,
              p.is("them")
                  ? "'them' matches no search (all start with '_')"
                  : "pattern '" + p.text() + "' matches no search identifier"));
    }
    return names;
  }

  private void checkIdentifier(Token t) {
    String lower = t.text().toLowerCase(Locale.ROOT);
    if (searches.contains(t.text())) {
      return;
    }
    if (KEYWORDS.contains(lower) || lower.equals("near")) {
      if (lower.equals("near")) {
        errors.add(new Error(t.offset(), ErrorCode.DEPRECATED_AGGREGATION, "'near' is Sigma 1"));
        throw new SyntaxError();
      }
      fail(
          t,
          t.text().equals(lower)
              ? "unexpected '" + t.text() + "'"
              : "operator '" + t.text() + "' must be lowercase");
    }
    if (t.text().indexOf('*') >= 0) {
      errors.add(
          new Error(
              t.offset(),
              ErrorCode.BAD_CONDITION,
              "wildcard '" + t.text() + "' outside '1 of'/'all of'"));
      return;
    }
    errors.add(
        new Error(
            t.offset(), ErrorCode.BAD_CONDITION, "unknown search identifier '" + t.text() + "'"));
  }

  /** Sigma identifier patterns: {@code *} is any run of characters, everything else literal. */
  static boolean globMatches(String pattern, String name) {
    int p = 0;
    int s = 0;
    int star = -1;
    int mark = 0;
    while (s < name.length()) {
      if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        mark = s;
      } else if (p < pattern.length() && pattern.charAt(p) == name.charAt(s)) {
        p++;
        s++;
      } else if (star >= 0) {
        p = star + 1;
        s = ++mark;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }

  private static boolean isNumber(String s) {
    return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      fail(tokens.get(Math.min(next, tokens.size() - 1)), "nested deeper than " + MAX_DEPTH);
    }
  }

  private boolean accept(String s) {
    if (next < tokens.size() && tokens.get(next).is(s)) {
      next++;
      return true;
    }
    return false;
  }

  private boolean peekIs(String s) {
    return next < tokens.size() && tokens.get(next).is(s);
  }

  private Token take(String expected) {
    if (next >= tokens.size()) {
      fail(peekOrEnd(), "condition ends where " + expected + " is expected");
    }
    return tokens.get(next++);
  }

  private Token peekOrEnd() {
    return next < tokens.size() ? tokens.get(next) : new Token("", text.length());
  }

  private void fail(Token at, String message) {
    errors.add(new Error(at.offset(), ErrorCode.BAD_CONDITION, message));
    throw new SyntaxError();
  }
}
