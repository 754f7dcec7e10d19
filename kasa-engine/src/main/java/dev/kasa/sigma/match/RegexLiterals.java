package dev.kasa.sigma.match;

import java.util.ArrayList;
import java.util.List;

/**
 * Literals that every match of a regular expression must contain, found by a conservative reading
 * of its text: at the top level the expression is split at {@code |}; in each branch the longest
 * run of plain characters that no quantifier makes optional is taken. When some branch has no such
 * run of at least {@link #MIN_LENGTH} chars, there is no prefilter (the expression must be tried on
 * every value). Groups, classes, escapes other than escaped punctuation, and anything unusual end a
 * run, so the result is only ever too cautious, never wrong.
 */
final class RegexLiterals {
  static final int MIN_LENGTH = 3;

  private RegexLiterals() {}

  /** Folded required literals (one per top-level branch), or empty when none can be relied on. */
  static List<String> required(String regex) {
    List<String> out = new ArrayList<>();
    for (String branch : topLevelBranches(regex)) {
      String lit = longestRun(branch);
      if (lit == null || lit.length() < MIN_LENGTH) {
        return List.of();
      }
      String folded = CaseFold.fold(lit);
      if (!out.contains(folded)) {
        out.add(folded);
      }
    }
    return List.copyOf(out);
  }

  private static List<String> topLevelBranches(String re) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        i = skipClass(re, i) - 1;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '|' && depth == 0) {
        out.add(re.substring(start, i));
        start = i + 1;
      }
    }
    out.add(re.substring(start));
    return out;
  }

  private static String longestRun(String branch) {
    String best = null;
    StringBuilder run = new StringBuilder();
    int i = 0;
    int n = branch.length();
    while (i < n) {
      char c = branch.charAt(i);
      int next;
      Character literal = null;
      if (c == '\\' && i + 1 < n) {
        char e = branch.charAt(i + 1);
        if (!Character.isLetterOrDigit(e)) {
          literal = e;
        }
        next = i + 2;
      } else if (c == '[') {
        next = skipClass(branch, i);
      } else if (c == '(') {
        next = skipGroup(branch, i);
      } else if ("^$.|)".indexOf(c) >= 0) {
        next = i + 1;
      } else if ("*+?{".indexOf(c) >= 0) {
        // A quantifier without a preceding atom we tracked; nothing to take.
        next = i + 1;
      } else {
        literal = c;
        next = i + 1;
      }
      char q = next < n ? branch.charAt(next) : 0;
      boolean optional = q == '*' || q == '?' || (q == '{' && branch.startsWith("{0", next));
      boolean repeated = q == '+' || q == '{';
      if (literal != null && !optional) {
        run.append(literal.charValue());
      }
      if (literal == null || optional || repeated) {
        best = longer(best, run);
        run.setLength(0);
      }
      i = next;
      // Skip the quantifier itself (and a lazy/possessive mark).
      if (q == '*' || q == '+' || q == '?') {
        i++;
        if (i < n && (branch.charAt(i) == '?' || branch.charAt(i) == '+')) {
          i++;
        }
      } else if (q == '{') {
        int close = branch.indexOf('}', next);
        i = close < 0 ? n : close + 1;
        if (i < n && branch.charAt(i) == '?') {
          i++;
        }
      }
    }
    return longer(best, run);
  }

  private static String longer(String best, StringBuilder run) {
    return run.length() > (best == null ? 0 : best.length()) ? run.toString() : best;
  }

  private static int skipClass(String re, int open) {
    int i = open + 1;
    if (i < re.length() && re.charAt(i) == '^') {
      i++;
    }
    if (i < re.length() && re.charAt(i) == ']') {
      i++;
    }
    while (i < re.length() && re.charAt(i) != ']') {
      i += re.charAt(i) == '\\' ? 2 : 1;
    }
    return Math.min(i + 1, re.length());
  }

  private static int skipGroup(String re, int open) {
    int depth = 0;
    for (int i = open; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        i = skipClass(re, i) - 1;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i + 1;
      }
    }
    return re.length();
  }
}
