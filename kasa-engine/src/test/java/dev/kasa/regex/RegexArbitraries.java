package dev.kasa.regex;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Generators of RE2-syntax expressions and of values to match them against, for the properties that
 * hold Kasa's regex analyses to RE2J. Expressions are joined from tokens that cover escapes ({@code
 * \x}, {@code \x{}}, octal, {@code \Q...\E}), Unicode, POSIX and Perl classes, bracketed classes,
 * flags, groups, repetitions and anchors, valid or not, and constructs of other engines.
 */
public final class RegexArbitraries {
  private RegexArbitraries() {}

  private static final List<String> TOKENS =
      List.of(
          // literals, some with case orbits beyond ASCII (k: Kelvin sign, s: long s)
          "a",
          "b",
          "c",
          "A",
          "k",
          "K",
          "s",
          "S",
          "ſ",
          "\u212A",
          "x",
          "z",
          "1",
          "α",
          "Ω",
          "é",
          "\uD835\uDC9C",
          " ",
          "-",
          "_",
          "]",
          "}",
          "{",
          ",",
          // escapes
          "\\x41",
          "\\x61",
          "\\x{4B}",
          "\\x{1D49C}",
          "\\x{212A}",
          "\\101",
          "\\141",
          "\\0",
          "\\12",
          "\\n",
          "\\t",
          "\\.",
          "\\-",
          "\\_",
          "\\é",
          "\\",
          "\\x4",
          "\\x{}",
          "\\x{110000}",
          "\\8",
          "\\1",
          "\\e",
          "\\Z",
          "\\k<n>",
          "\\C",
          "\\K",
          "\\Qa.\\E",
          "\\Q*\\E",
          "\\Q",
          "\\E",
          "\\QA\\Eb",
          // Unicode, POSIX and Perl classes
          "\\pL",
          "\\p{Greek}",
          "\\PL",
          "\\p{^L}",
          "\\P{^Lu}",
          "\\pN",
          "\\p{Latin}",
          "\\p{Any}",
          "\\p{greek}",
          "\\p",
          "\\p{",
          "\\pé",
          "[[:alpha:]]",
          "[[:^alpha:]]",
          "[[:digit:]x]",
          "[[:word:]-]",
          "[[:foo:]]",
          "[[:a]",
          "[:alpha:]",
          "\\d",
          "\\D",
          "\\s",
          "\\S",
          "\\w",
          "\\W",
          // bracketed classes
          "[",
          "[a-c]",
          "[^a]",
          "[]a]",
          "[^]a]",
          "[a-]",
          "[-a]",
          "[z-a]",
          "[\\d-z]",
          "[a-\\d]",
          "[Aa]",
          "[kK]",
          "[sS]",
          "[\\x41-\\x43]",
          "[\\pL\\d]",
          "[^\\n]",
          "[\\b]",
          "[\\Q]",
          "[α-ω]",
          "[x]",
          // flags and groups
          "(?i)",
          "(?-i)",
          "(?s)",
          "(?m)",
          "(?U)",
          "(?i:",
          "(?-i:",
          "(?i-s)",
          "(?)",
          "(?-)",
          "(?i-)",
          "(?x)",
          "(",
          ")",
          "(",
          ")",
          "(?:",
          "(?P<n>",
          "(?<m>",
          "(?P<n2>",
          "(?P<>",
          "(?P<a-b>",
          "(?=",
          "(?!",
          "(?<=",
          "(?<!",
          "(?>",
          "(?#",
          "(?P=n)",
          "(?1)",
          "|",
          "|",
          // repetitions
          "*",
          "+",
          "?",
          "*?",
          "+?",
          "??",
          "{2}",
          "{1,3}",
          "{2,}",
          "{0}",
          "{0,1}",
          "{1000}",
          "{1001}",
          "{2,1}",
          "{01}",
          "{,2}",
          "{1",
          "{123456789}",
          "*+",
          "++",
          "{1000,}",
          // anchors and dots
          "^",
          "$",
          "\\A",
          "\\z",
          "\\b",
          "\\B",
          ".",
          ".");

  private static final List<String> VALUE_PIECES =
      List.of(
          "a",
          "b",
          "c",
          "A",
          "B",
          "C",
          "k",
          "K",
          "\u212A",
          "s",
          "S",
          "ſ",
          "x",
          "X",
          "z",
          "1",
          "0",
          " ",
          ".",
          "-",
          "_",
          "\n",
          "α",
          "Ω",
          "ω",
          "é",
          "É",
          "\uD835\uDC9C",
          "*",
          "{",
          "}",
          "]",
          "\t");

  /** Expressions of up to 10 tokens (at most one repeat count of 1000 or more). */
  public static Arbitrary<String> expressions() {
    return Arbitraries.of(TOKENS)
        .list()
        .ofMaxSize(10)
        .map(l -> String.join("", l))
        .filter(s -> s.indexOf("{100") == s.lastIndexOf("{100"));
  }

  /** Start flags. */
  public static Arbitrary<RegexFlags> flags() {
    return Arbitraries.of(
        RegexFlags.NONE,
        new RegexFlags(true, false, false),
        new RegexFlags(false, true, true),
        new RegexFlags(true, true, true));
  }

  /** Values made of the chars the tokens can match, with case orbits and surrogate pairs. */
  public static Arbitrary<List<String>> values() {
    return Arbitraries.of(VALUE_PIECES)
        .list()
        .ofMaxSize(8)
        .map(l -> String.join("", l))
        .list()
        .ofSize(30);
  }
}
