package dev.kasa.sigma.match;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.List;

/**
 * A Sigma {@code re} value run on RE2J (linear time; rules are untrusted), searched anywhere in the
 * value. Constructs RE2 cannot run are named before compiling, so the rule author learns what to
 * change. Immutable and thread-safe.
 */
final class RegexMatcher implements ValueMatcher {
  private final Pattern pattern;
  private final String describe;
  private final List<String> required;

  private RegexMatcher(Pattern pattern, String describe, List<String> required) {
    this.pattern = pattern;
    this.describe = describe;
    this.required = required;
  }

  /**
   * Compiles {@code regex} with the RE2J {@code flags}.
   *
   * @throws SigmaCompileException {@code unsupported-regex} for constructs that need backtracking,
   *     {@code bad-regex} for other syntax errors
   */
  static RegexMatcher compile(String regex, int flags) {
    String unsupported = unsupportedConstruct(regex);
    if (unsupported != null) {
      throw new SigmaCompileException(
          "unsupported-regex", "regular expression '" + regex + "' uses " + unsupported);
    }
    try {
      Pattern p = Pattern.compile(regex, flags);
      boolean folding = (flags & Pattern.CASE_INSENSITIVE) != 0;
      return new RegexMatcher(p, "re:" + regex, RegexLiterals.required(regex, folding));
    } catch (PatternSyntaxException e) {
      throw new SigmaCompileException(
          "bad-regex", "regular expression '" + regex + "' is invalid: " + e.getDescription());
    }
  }

  /** The first construct RE2 cannot run, with its offset, or null. */
  static String unsupportedConstruct(String re) {
    int i = 0;
    int n = re.length();
    while (i < n) {
      char c = re.charAt(i);
      if (c == '\\' && i + 1 < n) {
        char e = re.charAt(i + 1);
        if (e >= '1' && e <= '9') {
          return "the backreference \\" + e + " at offset " + i;
        }
        if (e == 'k' || e == 'g') {
          return "the backreference \\" + e + " at offset " + i;
        }
        if (e == 'Z' || e == 'G') {
          return "the anchor \\" + e + " at offset " + i;
        }
        i += 2;
      } else if (c == '[') {
        i = skipClass(re, i);
      } else if (c == '(' && re.startsWith("(?", i)) {
        String name = group(re, i);
        if (name != null) {
          return name + " at offset " + i;
        }
        i += 2;
      } else if ((c == '*' || c == '+' || c == '?' || c == '}')
          && i + 1 < n
          && re.charAt(i + 1) == '+') {
        return "the possessive quantifier " + c + "+ at offset " + i;
      } else {
        i++;
      }
    }
    return null;
  }

  private static String group(String re, int i) {
    String[][] kinds = {
      {"(?<=", "the lookbehind (?<="},
      {"(?<!", "the negative lookbehind (?<!"},
      {"(?=", "the lookahead (?="},
      {"(?!", "the negative lookahead (?!"},
      {"(?>", "the atomic group (?>"},
      {"(?P=", "the backreference (?P="},
      {"(?P>", "the recursion (?P>"},
      {"(?R)", "the recursion (?R)"},
      {"(?(", "the conditional (?("},
      {"(?|", "the branch reset (?|"},
      {"(?#", "the comment (?#"},
      {"(?&", "the recursion (?&"},
    };
    for (String[] k : kinds) {
      if (re.startsWith(k[0], i)) {
        return k[1];
      }
    }
    return null;
  }

  /** The index just after the character class that opens at {@code i}. */
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
      } else if (re.startsWith("[:", j)) {
        int close = re.indexOf(":]", j + 2);
        if (close > 0) {
          j = close + 1;
        }
      }
      j++;
    }
    return j + 1;
  }

  @Override
  public boolean test(String value) {
    return pattern.matcher(value).find();
  }

  @Override
  public List<String> requiredLiterals() {
    return required;
  }

  @Override
  public String describe() {
    return describe;
  }

  @Override
  public String toString() {
    return describe;
  }
}
