package dev.kasa.sigma.match;

import com.google.re2j.Pattern;
import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.regex.CheckedRegex;
import dev.kasa.regex.RegexFlags;
import dev.kasa.regex.RegexProblem;
import dev.kasa.regex.RegexRejectedException;
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
  private final long instructions;
  private final int minChars;
  private final int maxChars;
  private final String prefix;
  private final String[][] factors;

  /** What the expression searches for when it is only a repeated {@code .}, else null. */
  private final AnyRun anyRun;

  private RegexMatcher(
      Pattern pattern,
      String describe,
      List<String> required,
      long instructions,
      int minChars,
      int maxChars,
      String prefix,
      List<List<String>> factors,
      AnyRun anyRun) {
    this.pattern = pattern;
    this.describe = describe;
    this.required = required;
    this.instructions = instructions;
    this.minChars = minChars;
    this.maxChars = maxChars;
    this.prefix = prefix;
    this.factors = factors.stream().map(f -> f.toArray(String[]::new)).toArray(String[][]::new);
    this.anyRun = anyRun;
  }

  /**
   * Compiles {@code regex} under {@code flags}: Kasa's parser reads it first (refusing what RE2
   * cannot run, naming the construct), its compiled size is bounded ({@link
   * CheckedRegex#MAX_INSTRUCTIONS}), its tree gives the prefilter literals, then RE2J compiles it.
   *
   * @throws KasaException {@code unsupported-regex} for constructs that need backtracking (or that
   *     Kasa does not model), {@code regex-too-large} above the size bound, {@code bad-regex} for
   *     other syntax errors
   */
  static RegexMatcher compile(String regex, RegexFlags flags) {
    try {
      CheckedRegex re = CheckedRegex.compile(regex, flags);
      return new RegexMatcher(
          re.pattern(),
          "re:" + regex,
          RegexLiterals.required(re.tree()),
          re.instructions(),
          RegexLiterals.minChars(re.tree()),
          RegexLiterals.maxWholeChars(re.tree()),
          RegexLiterals.prefix(re.tree()),
          RegexLiterals.factors(re.tree()),
          AnyRun.of(re.tree()));
    } catch (RegexRejectedException e) {
      throw refused(regex, e.problem(), e.getMessage());
    }
  }

  private static KasaException refused(String regex, RegexProblem problem, String what) {
    String quoted = "regular expression '" + regex + "' ";
    return switch (problem) {
      case INVALID -> new KasaException(ErrorCode.BAD_REGEX, quoted + "is invalid: " + what);
      case UNSUPPORTED -> new KasaException(ErrorCode.UNSUPPORTED_REGEX, quoted + "uses " + what);
      case TOO_LARGE -> new KasaException(ErrorCode.REGEX_TOO_LARGE, quoted + what);
      case UNMODELLED -> new KasaException(ErrorCode.UNSUPPORTED_REGEX, quoted + what);
    };
  }

  /**
   * RE2J's search, run only on a value that could hold a match: long enough (and short enough when
   * the match must be the whole value), and containing (folded) a literal of every factor ({@link
   * RegexLiterals#factors}); these checks read the value at most once per factor, several times
   * cheaper per char than RE2J's machine. When every match starts with a literal, RE2J starts at
   * its first occurrence (the text before it is still the context of {@code \b} and {@code ^}). An
   * expression that is only a repeated {@code .} is not run on RE2J at all ({@link AnyRun}).
   */
  @Override
  public boolean test(String value) {
    int n = value.length();
    if (n < minChars || n > maxChars) {
      return false;
    }
    for (String[] any : factors) {
      if (!FoldedSearch.containsAny(value, any)) {
        return false;
      }
    }
    if (anyRun != null) {
      return anyRun.foundIn(value);
    }
    int from = 0;
    if (!prefix.isEmpty()) {
      from = FoldedSearch.indexOf(value, prefix);
      if (from < 0) {
        return false;
      }
    }
    return pattern.matcher(value).find(from);
  }

  /** The folded literal every match starts with (possibly empty). */
  String prefix() {
    return prefix;
  }

  /** The most chars a value can have, when a match must be the whole of it. */
  int maxChars() {
    return maxChars;
  }

  /** The factors {@link #test} checks before RE2J, as {@link RegexLiterals#factors} gave them. */
  List<List<String>> factors() {
    return java.util.Arrays.stream(factors).map(List::of).toList();
  }

  /** Whether the expression is searched as a run of {@code .} without RE2J (for tests). */
  boolean searchesAnyRun() {
    return anyRun != null;
  }

  /** The fewest chars a match spans. */
  int minChars() {
    return minChars;
  }

  @Override
  public List<String> requiredLiterals() {
    return required;
  }

  @Override
  public long instructions() {
    return instructions;
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
