package dev.kasa.regex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.regex.RegexNode.Alternation;
import dev.kasa.regex.RegexNode.Anchor;
import dev.kasa.regex.RegexNode.Assertion;
import dev.kasa.regex.RegexNode.Capture;
import dev.kasa.regex.RegexNode.CharClass;
import dev.kasa.regex.RegexNode.Concat;
import dev.kasa.regex.RegexNode.Literal;
import dev.kasa.regex.RegexNode.Repeat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The trees and refusals of Kasa's RE2 parser on the constructs RE2 has and those it has not. */
class RegexParserTest {

  private static RegexNode tree(String re) {
    return tree(re, RegexFlags.NONE);
  }

  private static RegexNode tree(String re, RegexFlags flags) {
    ParseResult r = RegexParser.parse(re, flags);
    assertThat(r).as(re).isInstanceOf(ParseResult.Parsed.class);
    return ((ParseResult.Parsed) r).root();
  }

  private static ParseResult.Refused refused(String re) {
    ParseResult r = RegexParser.parse(re, RegexFlags.NONE);
    assertThat(r).as(re).isInstanceOf(ParseResult.Refused.class);
    return (ParseResult.Refused) r;
  }

  private static Literal lit(char c) {
    return new Literal(c, false);
  }

  @Test
  void escapesAreTheCharsTheyStandFor() {
    List<RegexNode> abc = List.of(lit('A'), lit('B'), lit('C'));
    assertThat(tree("\\x41BC")).isEqualTo(new Concat(abc));
    assertThat(tree("\\x{41}BC")).isEqualTo(new Concat(abc));
    assertThat(tree("\\101BC")).isEqualTo(new Concat(abc));
    assertThat(tree("\\QA\\EBC")).isEqualTo(new Concat(abc));
    assertThat(tree("\\x{10FFFF}")).isEqualTo(new Literal(0x10FFFF, false));
    assertThat(tree("\\0")).isEqualTo(new Literal(0, false));
    assertThat(tree("\\é")).isEqualTo(new Literal('é', false));
    assertThat(tree("\\Qa*")).isEqualTo(new Concat(List.of(lit('a'), lit('*'))));
  }

  @Test
  void classesKeepTheirMembersAndFlags() {
    assertThat(tree("\\pLabc"))
        .isEqualTo(
            new Concat(
                List.of(
                    new CharClass(List.of(new ClassItem.Unicode("L", false)), false, false),
                    lit('a'),
                    lit('b'),
                    lit('c'))));
    assertThat(tree("(?i)[^[:^alpha:]\\d\\p{^Greek}a-c]"))
        .isEqualTo(
            new CharClass(
                List.of(
                    new ClassItem.Posix("alpha", true),
                    new ClassItem.Perl('d', false),
                    new ClassItem.Unicode("Greek", true),
                    new ClassItem.Range('a', 'c')),
                true,
                true));
    assertThat(tree("[]a-]"))
        .isEqualTo(
            new CharClass(
                List.of(
                    new ClassItem.Range(']', ']'),
                    new ClassItem.Range('a', 'a'),
                    new ClassItem.Range('-', '-')),
                false,
                false));
    assertThat(tree("\\W"))
        .isEqualTo(new CharClass(List.of(new ClassItem.Perl('w', true)), false, false));
  }

  @Test
  void flagsApplyFromWhereTheyAreSetToTheEndOfTheirGroup() {
    assertThat(tree("a(?i:b)c(?i)d"))
        .isEqualTo(
            new Concat(
                List.of(lit('a'), new Literal('b', true), lit('c'), new Literal('d', true))));
    assertThat(tree("(?i)a(?-i)b", RegexFlags.NONE))
        .isEqualTo(new Concat(List.of(new Literal('a', true), lit('b'))));
    assertThat(tree("(x(?i)y)z"))
        .isEqualTo(
            new Concat(
                List.of(
                    new Capture(1, "", new Concat(List.of(lit('x'), new Literal('y', true)))),
                    lit('z'))));
    assertThat(tree("^$", RegexFlags.NONE))
        .isEqualTo(
            new Concat(List.of(new Assertion(Anchor.BEGIN_TEXT), new Assertion(Anchor.END_TEXT))));
    assertThat(tree("^$", new RegexFlags(false, false, true)))
        .isEqualTo(
            new Concat(List.of(new Assertion(Anchor.BEGIN_LINE), new Assertion(Anchor.END_LINE))));
    assertThat(tree("(?U)a*?b*"))
        .isEqualTo(
            new Concat(
                List.of(new Repeat(lit('a'), 0, -1, true), new Repeat(lit('b'), 0, -1, false))));
  }

  @Test
  void groupsAreNumberedAndNamed() {
    assertThat(tree("(?P<x>a)(?:b)(?<y>c)|"))
        .isEqualTo(
            new Alternation(
                List.of(
                    new Concat(
                        List.of(
                            new Capture(1, "x", lit('a')),
                            lit('b'),
                            new Capture(2, "y", lit('c')))),
                    new RegexNode.Empty())));
  }

  @Test
  void repetitionsApplyToTheLastAtomEvenAcrossFlagGroups() {
    assertThat(tree("ab{2,5}?"))
        .isEqualTo(new Concat(List.of(lit('a'), new Repeat(lit('b'), 2, 5, false))));
    // RE2 reads a*(?i)* as (a*)*: the flag group is no atom.
    assertThat(tree("a*(?i)*"))
        .isEqualTo(new Repeat(new Repeat(lit('a'), 0, -1, true), 0, -1, true));
    // A '{' that is not a count is a literal.
    assertThat(tree("a{,2}"))
        .isEqualTo(new Concat(List.of(lit('a'), lit('{'), lit(','), lit('2'), lit('}'))));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "(a+)\\1 ; UNSUPPORTED ; the backreference \\1 ; 4",
        "\\k<n> ; UNSUPPORTED ; the backreference \\k ; 0",
        "a(?=b) ; UNSUPPORTED ; the lookahead (?= ; 1",
        "(?<!a)b ; UNSUPPORTED ; the negative lookbehind (?<! ; 0",
        "(?>a) ; UNSUPPORTED ; the atomic group (?> ; 0",
        "xa*+ ; UNSUPPORTED ; the possessive quantifier *+ ; 2",
        "a{2}+ ; UNSUPPORTED ; the possessive quantifier {2}+ ; 1",
        "a\\Z ; UNSUPPORTED ; the anchor \\Z ; 1",
        "(?P=n) ; UNSUPPORTED ; the backreference (?P= ; 0",
        "(?1) ; UNSUPPORTED ; the subroutine call (?1 ; 0",
        "a** ; INVALID ; invalid nested repetition operator ** ; 1",
        "a{* ; INVALID ; invalid nested repetition operator {* ; 1",
        "*a ; INVALID ; missing argument to repetition operator * ; 0",
        "a{1001} ; INVALID ; invalid repeat count {1001} ; 1",
        "(a ; INVALID ; missing closing ) ; 0",
        "a) ; INVALID ; unexpected ) without an opening ( ; 1",
        "[a ; INVALID ; missing closing ] of the class [a ; 0",
        "[z-a] ; INVALID ; invalid character class range z-a ; 1",
        "[[:foo:]] ; INVALID ; unknown POSIX class [:foo:] ; 1",
        "\\p{greek} ; INVALID ; unknown Unicode class \\p{greek} ; 0",
        "\\x{110000} ; INVALID ; invalid escape sequence \\x{110000 ; 0",
        "a\\ ; INVALID ; trailing backslash at end of expression ; 1",
        "(?P<a-b>x) ; INVALID ; invalid named capture (?P<a-b> ; 0",
        "(?P<n>a)(?<n>b) ; INVALID ; duplicate capture group name 'n' ; 8",
        "(?i-) ; INVALID ; invalid or unsupported Perl syntax (?i-) ; 0",
      })
  void refusalsNameTheConstructAndWhereItIs(
      String re, RegexProblem problem, String message, int offset) {
    ParseResult.Refused r = refused(re.strip());
    assertThat(r.problem()).isEqualTo(problem);
    assertThat(r.message()).isEqualTo(message.strip());
    assertThat(r.offset()).isEqualTo(offset);
  }

  @Test
  void nestingDeeperThanTheBoundIsRefusedWithoutExhaustingTheStack() {
    int deep = 100_000;
    ParseResult.Refused r = refused("(".repeat(deep) + "a" + ")".repeat(deep));
    assertThat(r.problem()).isEqualTo(RegexProblem.TOO_LARGE);
    assertThat(r.message()).isEqualTo("nesting deeper than 1000");
    assertThat(refused("a" + "*(?i)".repeat(5000)).problem()).isEqualTo(RegexProblem.TOO_LARGE);
    String fine = "(".repeat(400) + "a" + ")".repeat(400);
    assertThat(RegexParser.parse(fine, RegexFlags.NONE)).isInstanceOf(ParseResult.Parsed.class);
  }
}
