package dev.kasa.regex;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * A regular expression from untrusted input (rules, intelligence), parsed by {@link RegexParser},
 * its compiled size bounded, and only then compiled by RE2J (linear-time matching). Immutable and
 * thread-safe.
 *
 * @param instructions the size of the compiled program ({@link ProgramSize}), which is also the
 *     work per value char of a search: a search costs at most about instructions × chars steps
 */
public record CheckedRegex(
    String source, RegexFlags flags, RegexNode tree, long instructions, Pattern pattern) {
  /**
   * The largest compiled program accepted by default: about 10 times the largest of SigmaHQ's rules
   * ({@code .{1000,}}, 1,003 instructions).
   */
  public static final long MAX_INSTRUCTIONS = 10_000;

  public CheckedRegex {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(flags, "flags");
    Objects.requireNonNull(tree, "tree");
    Objects.requireNonNull(pattern, "pattern");
  }

  /** {@link #compile(String, RegexFlags, long)} with {@link #MAX_INSTRUCTIONS}. */
  public static CheckedRegex compile(String source, RegexFlags flags) {
    return compile(source, flags, MAX_INSTRUCTIONS);
  }

  /**
   * Parses, bounds and compiles {@code source}.
   *
   * @throws RegexRejectedException when the parser refuses it (invalid, a construct RE2 cannot run,
   *     nested too deep) or its program would exceed {@code maxInstructions}
   */
  public static CheckedRegex compile(String source, RegexFlags flags, long maxInstructions) {
    RegexNode tree =
        switch (RegexParser.parse(source, flags)) {
          case ParseResult.Parsed p -> p.root();
          case ParseResult.Refused r -> throw new RegexRejectedException(r.problem(), r.describe());
        };
    long size = ProgramSize.instructions(tree);
    if (size > maxInstructions) {
      throw new RegexRejectedException(
          RegexProblem.TOO_LARGE,
          String.format(
              Locale.ROOT,
              "compiles to %s instructions, above the bound of %,d",
              size >= ProgramSize.SATURATED
                  ? "more than 10^15"
                  : String.format(Locale.ROOT, "%,d", size),
              maxInstructions));
    }
    try {
      return new CheckedRegex(source, flags, tree, size, Pattern.compile(source, flags.re2j()));
    } catch (PatternSyntaxException e) {
      // Kasa's parser accepted what RE2J refuses: never analysed wrongly, so refused.
      throw new RegexRejectedException(
          RegexProblem.UNMODELLED,
          "is accepted by Kasa's parser but not by RE2J (" + e.getDescription() + ")");
    }
  }
}
