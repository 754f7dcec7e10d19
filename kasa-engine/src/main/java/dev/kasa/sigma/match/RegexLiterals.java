package dev.kasa.sigma.match;

import java.util.List;

/**
 * A conservative prefilter for a regular expression: the longest run of plain chars that every
 * match must contain. Only expressions without top-level alternation are considered, and only runs
 * outside groups and classes, so the run cannot be skipped (alternation inside a group is fine); a
 * char followed by a quantifier ends the run and is left out. Under case-insensitive matching only
 * ASCII chars other than {@code k} and {@code s} are kept, since RE2 also folds those two to
 * non-ASCII chars (Kelvin sign, long s) that {@link CaseFold} keeps apart. Stateless.
 */
final class RegexLiterals {
  private RegexLiterals() {}

  private static final String META = ".^$()[]{}|*+?\\";
  private static final String QUANTIFIERS = "*+?{";

  /** The folded required literal of {@code re}, as a one-element list, or an empty list. */
  static List<String> required(String re, boolean caseInsensitive) {
    if (re.contains("(?") && hasInsensitiveFlag(re)) {
      caseInsensitive = true;
    }
    String best = "";
    StringBuilder run = new StringBuilder();
    int depth = 0;
    int i = 0;
    int n = re.length();
    while (i < n) {
      char c = re.charAt(i);
      int next;
      char literal = 0;
      boolean isLiteral = false;
      if (c == '\\') {
        if (i + 1 >= n) {
          return List.of();
        }
        char e = re.charAt(i + 1);
        if (!Character.isLetterOrDigit(e)) {
          literal = e;
          isLiteral = true;
        }
        next = i + 2;
      } else if (c == '[') {
        next = skipClass(re, i);
      } else if (c == '{') {
        int close = re.indexOf('}', i);
        next = close < 0 ? n : close + 1;
      } else if (c == '|') {
        // Alternation inside a group leaves the runs outside it required; at the top it does not.
        if (depth == 0) {
          return List.of();
        }
        next = i + 1;
      } else if (c == '(') {
        if (re.startsWith("(?", i) && flagGroupEnd(re, i) > 0) {
          next = flagGroupEnd(re, i);
        } else {
          depth++;
          next = i + 1;
        }
      } else if (c == ')') {
        depth--;
        next = i + 1;
      } else if (META.indexOf(c) >= 0) {
        next = i + 1;
      } else {
        literal = c;
        isLiteral = true;
        next = i + 1;
      }
      int after = next;
      while (after < n && re.startsWith("(?", after) && flagGroupEnd(re, after) > 0) {
        after = flagGroupEnd(re, after); // a quantifier after a flag group applies to this char
      }
      boolean quantified = after < n && QUANTIFIERS.indexOf(re.charAt(after)) >= 0;
      boolean usable =
          isLiteral
              && depth == 0
              && !quantified
              && (!caseInsensitive || literal < 128 && "kKsS".indexOf(literal) < 0);
      if (usable) {
        run.append(literal);
      } else {
        if (run.length() > best.length()) {
          best = run.toString();
        }
        run.setLength(0);
      }
      i = next;
    }
    if (run.length() > best.length()) {
      best = run.toString();
    }
    return best.isEmpty() ? List.of() : List.of(CaseFold.fold(best));
  }

  /** The index after a flag group such as {@code (?i)} or {@code (?-s)} at {@code i}, or -1. */
  private static int flagGroupEnd(String re, int i) {
    int j = i + 2;
    while (j < re.length() && (Character.isLetter(re.charAt(j)) || re.charAt(j) == '-')) {
      j++;
    }
    return j < re.length() && re.charAt(j) == ')' ? j + 1 : -1;
  }

  private static boolean hasInsensitiveFlag(String re) {
    for (int i = re.indexOf("(?"); i >= 0; i = re.indexOf("(?", i + 1)) {
      int j = i + 2;
      while (j < re.length() && (Character.isLetter(re.charAt(j)) || re.charAt(j) == '-')) {
        if (re.charAt(j) == 'i') {
          return true;
        }
        j++;
      }
    }
    return false;
  }

  private static int skipClass(String re, int i) {
    int n = re.length();
    int j = i + 1;
    if (j < n && re.charAt(j) == '^') {
      j++;
    }
    if (j < n && re.charAt(j) == ']') {
      j++;
    }
    while (j < n && re.charAt(j) != ']') {
      if (re.charAt(j) == '\\') {
        j++;
      }
      j++;
    }
    return j + 1;
  }
}
