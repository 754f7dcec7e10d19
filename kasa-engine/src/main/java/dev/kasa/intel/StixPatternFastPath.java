package dev.kasa.intel;

import dev.kasa.intel.StixPatternSubset.Supported;
import dev.kasa.intel.StixPatternSubset.Term;
import dev.kasa.observable.ObservableType;
import java.util.ArrayList;
import java.util.List;

/**
 * The fast path of {@link StixPatternSubset#parse} for the forms producers write: observations of
 * equality comparisons joined by {@code OR} ({@code [path = 'value']}, {@code [a = 'x' OR b =
 * 'y']}, {@code [a = 'x'] OR [b = 'y']}) on supported paths whose steps are plain or quoted keys
 * without escapes ({@code file:hashes.'SHA-256'}), with values without escapes. It gives exactly
 * what the general parser ({@link StixPatternSubset#general}) gives, or declines with null:
 * anything else (an escape, a parenthesis, {@code AND}, another operator, a qualifier, a typed
 * string, a path Kasa does not match, malformed text) is the general parser's. One pass over the
 * characters without tokens, so that the general parser is never compiled hot on a bundle of plain
 * patterns (a fifth of the benchmark's are {@code file:hashes.'SHA-256'}). Stateless.
 */
final class StixPatternFastPath {
  // The paths producers write, as written (SPELLINGS), and their paths and types as the general
  // path makes them (pathText, typeOf): a known spelling costs neither a path text nor a lookup by
  // it, a million times in a bundle.
  private static final String[] SPELLINGS = {
    "ipv4-addr:value",
    "ipv6-addr:value",
    "domain-name:value",
    "url:value",
    "email-addr:value",
    "file:hashes.'SHA-256'",
    "file:hashes.'SHA-1'",
    "file:hashes.'SHA-512'",
    "file:hashes.MD5",
    "file:hashes.'MD5'",
    "file:hashes.SHA256",
    "file:hashes.SHA1",
    "file:hashes.SHA512"
  };
  private static final String[] KNOWN_PATHS = new String[SPELLINGS.length];
  private static final ObservableType[] KNOWN_TYPES = new ObservableType[SPELLINGS.length];

  static {
    for (int k = 0; k < SPELLINGS.length; k++) {
      KNOWN_PATHS[k] = pathText(SPELLINGS[k], 0, SPELLINGS[k].length());
      KNOWN_TYPES[k] = StixPatternSubset.typeOf(KNOWN_PATHS[k]);
    }
  }

  private StixPatternFastPath() {}

  // The index of the spelling s[from, to) in SPELLINGS, or -1.
  private static int knownPath(String s, int from, int to) {
    int n = to - from;
    for (int k = 0; k < SPELLINGS.length; k++) {
      String known = SPELLINGS[k];
      if (known.length() == n && s.startsWith(known, from)) {
        return k;
      }
    }
    return -1;
  }

  /** The supported result of {@code s}, or null when the general parser must decide. */
  static Supported parse(String s) {
    int n = s.length();
    Term only = null;
    List<Term> more = null;
    int i = blank(s, 0);
    while (true) { // observations joined by OR
      if (i >= n || s.charAt(i) != '[') {
        return null;
      }
      i = blank(s, i + 1);
      while (true) { // comparisons joined by OR
        int pathEnd = pathEnd(s, i);
        if (pathEnd < 0) {
          return null;
        }
        int eq = blank(s, pathEnd);
        if (eq >= n || s.charAt(eq) != '=') {
          return null;
        }
        int q = blank(s, eq + 1);
        if (q >= n || s.charAt(q) != '\'') {
          return null;
        }
        int close = s.indexOf('\'', q + 1);
        if (close < 0 || s.indexOf('\\', q + 1, close) >= 0) {
          return null;
        }
        int known = knownPath(s, i, pathEnd);
        String path = known >= 0 ? KNOWN_PATHS[known] : pathText(s, i, pathEnd);
        ObservableType type = known >= 0 ? KNOWN_TYPES[known] : StixPatternSubset.typeOf(path);
        if (type == null) {
          return null;
        }
        var term = new Term(type, path, s.substring(q + 1, close));
        if (only == null) {
          only = term;
        } else {
          if (more == null) {
            more = new ArrayList<>(4);
            more.add(only);
          }
          more.add(term);
        }
        i = blank(s, close + 1);
        int or = or(s, i);
        if (or < 0) {
          break;
        }
        i = or;
      }
      if (i >= n || s.charAt(i) != ']') {
        return null;
      }
      i = blank(s, i + 1);
      if (i == n) {
        return new Supported(more == null ? List.of(only) : more);
      }
      i = or(s, i);
      if (i < 0) {
        return null;
      }
    }
  }

  /**
   * After the word {@code OR} at {@code i} (ended by a blank or a {@code '['}, as the general
   * tokeniser ends it): the next non-blank; -1 when there is no such word at {@code i}.
   */
  private static int or(String s, int i) {
    int n = s.length();
    if (i + 2 >= n || s.charAt(i) != 'O' || s.charAt(i + 1) != 'R') {
      return -1;
    }
    char next = s.charAt(i + 2);
    return isBlank(next) || next == '[' ? blank(s, i + 2) : -1;
  }

  /**
   * The end of an object path starting at {@code i} with a letter: plain steps, and quoted keys (no
   * escapes) right after a {@code ':'} or {@code '.'} and followed by a {@code '.'}, a blank,
   * {@code '='} or the end; -1 for anything else.
   */
  private static int pathEnd(String s, int i) {
    int n = s.length();
    if (i >= n || !StixPatternSubset.isLetter(s.charAt(i))) {
      return -1;
    }
    while (i < n) {
      char c = s.charAt(i);
      if (c == '\'') {
        char before = s.charAt(i - 1);
        int close = s.indexOf('\'', i + 1);
        if (before != '.' && before != ':' || close < 0 || s.indexOf('\\', i + 1, close) >= 0) {
          return -1;
        }
        i = close + 1;
        if (i < n && s.charAt(i) != '.' && s.charAt(i) != '=' && !isBlank(s.charAt(i))) {
          return -1;
        }
      } else if (StixPatternSubset.isLetter(c)
          || StixPatternSubset.isDigit(c)
          || c == '-'
          || c == ':'
          || c == '.') {
        i++;
      } else {
        break;
      }
    }
    return i;
  }

  // The path s[from, to) as the general tokeniser makes it: a quoted key without its quotes.
  private static String pathText(String s, int from, int to) {
    if (s.indexOf('\'', from, to) < 0) {
      return s.substring(from, to);
    }
    var b = new StringBuilder(to - from);
    for (int k = from; k < to; k++) {
      if (s.charAt(k) != '\'') {
        b.append(s.charAt(k));
      }
    }
    return b.toString();
  }

  private static int blank(String s, int i) {
    while (i < s.length() && isBlank(s.charAt(i))) {
      i++;
    }
    return i;
  }

  // The blanks the general tokeniser skips.
  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }
}
