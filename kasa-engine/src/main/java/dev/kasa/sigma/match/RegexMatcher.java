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

  private RegexMatcher(Pattern pattern, String describe, List<String> required, long instructions) {
    this.pattern = pattern;
    this.describe = describe;
    this.required = required;
    this.instructions = instructions;
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
          re.pattern(), "re:" + regex, RegexLiterals.required(re.tree()), re.instructions());
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

  @Override
  public boolean test(String value) {
    return pattern.matcher(value).find();
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
