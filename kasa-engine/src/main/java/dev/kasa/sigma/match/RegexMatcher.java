package dev.kasa.sigma.match;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.kasa.regex.ParseResult;
import dev.kasa.regex.RegexFlags;
import dev.kasa.regex.RegexNode;
import dev.kasa.regex.RegexParser;
import dev.kasa.regex.RegexProblem;
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
   * Compiles {@code regex} under {@code flags}: Kasa's parser reads it first (refusing what RE2
   * cannot run, naming the construct), its tree gives the prefilter literals, then RE2J compiles
   * it.
   *
   * @throws SigmaCompileException {@code unsupported-regex} for constructs that need backtracking
   *     (or that Kasa does not model), {@code bad-regex} for other syntax errors
   */
  static RegexMatcher compile(String regex, RegexFlags flags) {
    RegexNode tree =
        switch (RegexParser.parse(regex, flags)) {
          case ParseResult.Parsed p -> p.root();
          case ParseResult.Refused r -> throw refused(regex, r.problem(), r.describe());
        };
    try {
      Pattern p = Pattern.compile(regex, flags.re2j());
      return new RegexMatcher(p, "re:" + regex, RegexLiterals.required(tree));
    } catch (PatternSyntaxException e) {
      throw refused(
          regex,
          RegexProblem.UNMODELLED,
          "is accepted by Kasa's parser but not by RE2J (" + e.getDescription() + ")");
    }
  }

  private static SigmaCompileException refused(String regex, RegexProblem problem, String what) {
    String quoted = "regular expression '" + regex + "' ";
    return switch (problem) {
      case INVALID -> new SigmaCompileException("bad-regex", quoted + "is invalid: " + what);
      case UNSUPPORTED -> new SigmaCompileException("unsupported-regex", quoted + "uses " + what);
      case TOO_LARGE -> new SigmaCompileException("regex-too-large", quoted + what);
      case UNMODELLED -> new SigmaCompileException("unsupported-regex", quoted + what);
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
  public String describe() {
    return describe;
  }

  @Override
  public String toString() {
    return describe;
  }
}
