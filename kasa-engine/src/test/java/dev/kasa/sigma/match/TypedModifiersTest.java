package dev.kasa.sigma.match;

import static dev.kasa.sigma.match.SigmaTests.compile;
import static dev.kasa.sigma.match.SigmaTests.holds;
import static dev.kasa.sigma.match.SigmaTests.number;
import static dev.kasa.sigma.match.SigmaTests.test;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.KasaException;
import dev.kasa.sigma.rule.SigmaValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code re}, {@code cidr}, numeric and time-part modifiers. */
class TypedModifiersTest {

  private static String reason(Runnable r) {
    try {
      r.run();
    } catch (KasaException e) {
      return e.code().label() + ": " + e.getMessage();
    }
    return "compiled";
  }

  @Test
  void regexIsAnUnanchoredCaseSensitiveSearch() {
    FieldPredicate p = compile("F|re", "a.c");
    assertThat(holds(p, "xxabcxx")).isTrue();
    assertThat(holds(p, "xxABCxx")).isFalse();
    assertThat(holds(compile("F|re", "^abc$"), "xabc")).isFalse();
  }

  @Test
  void regexSubModifiersSetFlags() {
    assertThat(holds(compile("F|re|i", "abc"), "xABC")).isTrue();
    assertThat(holds(compile("F|re", "(?i)abc"), "xABC")).isTrue();
    assertThat(holds(compile("F|re", "^b"), "a\nb")).isFalse();
    assertThat(holds(compile("F|re|m", "^b$"), "a\nb\nc")).isTrue();
    assertThat(holds(compile("F|re", "a.b"), "a\nb")).isFalse();
    assertThat(holds(compile("F|re|s", "a.b"), "a\nb")).isTrue();
    assertThat(holds(compile("F|re|i|m|s", "^A.B$"), "x\na\nb\ny")).isTrue();
  }

  @Test
  void regexValueListIsAnOr() {
    FieldPredicate p = compile("F|re", "^a", "b$");
    assertThat(holds(p, "ax")).isTrue();
    assertThat(holds(p, "xb")).isTrue();
    assertThat(holds(p, "xa")).isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "(a)\\1 | backreference \\1 at offset 3",
        "foo(?=bar) | lookahead (?= at offset 3",
        "foo(?!bar) | negative lookahead (?! at offset 3",
        "(?<=x)y | lookbehind (?<= at offset 0",
        "(?<!x)y | negative lookbehind (?<! at offset 0",
        "(?>ab)c | atomic group (?> at offset 0",
        "a++ | possessive quantifier ++ at offset 1",
        "abc\\Z | anchor \\Z at offset 3",
        "(?P<n>a)(?P=n) | backreference (?P= at offset 8",
      })
  void constructsRe2CannotRunAreNamedWithTheirOffset(String regex, String named) {
    assertThat(reason(() -> compile("F|re", regex.strip())))
        .startsWith("unsupported-regex")
        .contains(named.strip());
  }

  @Test
  void escapedOrBracketedLookalikesAreNotRejected() {
    assertThat(reason(() -> compile("F|re", "\\(?=x"))).isEqualTo("compiled");
    assertThat(reason(() -> compile("F|re", "[(?=]x"))).isEqualTo("compiled");
    assertThat(reason(() -> compile("F|re", "[\\]]\\d"))).isEqualTo("compiled");
    assertThat(reason(() -> compile("F|re", "(?i)(?P<name>a)(?:b)"))).isEqualTo("compiled");
  }

  @Test
  void otherSyntaxErrorsAreBadRegex() {
    assertThat(reason(() -> compile("F|re", "a(b"))).startsWith("bad-regex");
    assertThat(reason(() -> compile("F|re", "[a-"))).startsWith("bad-regex");
    assertThat(reason(() -> compile("F|re", "a{2,1}"))).startsWith("bad-regex");
  }

  @Test
  void cidrMatchesIpv4Networks() {
    FieldPredicate p = compile("DestinationIp|cidr", "10.0.0.0/8", "192.168.1.0/24");
    assertThat(holds(p, "10.255.255.255")).isTrue();
    assertThat(holds(p, "10.0.0.0")).isTrue();
    assertThat(holds(p, "11.0.0.0")).isFalse();
    assertThat(holds(p, "192.168.1.77")).isTrue();
    assertThat(holds(p, "192.168.2.1")).isFalse();
    assertThat(holds(p, "not an address")).isFalse();
    assertThat(holds(p, "::ffff:10.0.0.1")).isFalse();
    assertThat(holds(compile("F|cidr", "0.0.0.0/0"), "255.1.2.3")).isTrue();
    assertThat(holds(compile("F|cidr", "1.2.3.4/32"), "1.2.3.4")).isTrue();
    assertThat(holds(compile("F|cidr", "1.2.3.4/32"), "1.2.3.5")).isFalse();
    assertThat(holds(compile("F|cidr", "1.2.3.4"), "1.2.3.4")).isTrue();
    assertThat(holds(compile("F|cidr", "10.1.2.3/8"), "10.9.9.9")).isTrue();
  }

  @Test
  void cidrMatchesIpv6Networks() {
    assertThat(holds(compile("F|cidr", "fe80::/10"), "fe80::1")).isTrue();
    assertThat(holds(compile("F|cidr", "fe80::/10"), "febf:ffff::1")).isTrue();
    assertThat(holds(compile("F|cidr", "fe80::/10"), "fec0::1")).isFalse();
    assertThat(holds(compile("F|cidr", "fe80::/10"), "10.0.0.1")).isFalse();
    assertThat(holds(compile("F|cidr", "::1/128"), "::1")).isTrue();
    assertThat(holds(compile("F|cidr", "::1/128"), "::2")).isFalse();
    assertThat(holds(compile("F|cidr", "2001:db8::/64"), "2001:db8::ffff:1")).isTrue();
    assertThat(holds(compile("F|cidr", "2001:db8::/64"), "2001:db8:0:1::1")).isFalse();
    assertThat(holds(compile("F|cidr", "2001:db8::/96"), "2001:db8::1:0:0")).isFalse();
    assertThat(holds(compile("F|cidr", "2001:db8::/96"), "2001:db8::1:0")).isTrue();
    assertThat(holds(compile("F|cidr", "::/0"), "ffff::")).isTrue();
  }

  @ParameterizedTest
  @CsvSource({"10.0.0.0/33", "fe80::/129", "10.0.0/8", "10.0.0.0/", "10.0.0.0/x", "nonsense"})
  void badCidrIsRejected(String cidr) {
    assertThat(reason(() -> compile("F|cidr", cidr))).startsWith("bad-cidr").contains(cidr);
  }

  @Test
  void numericComparisonsParseTheFieldValue() {
    FieldPredicate gt = FieldPredicates.compile(test("F|gt", number("10")), Placeholders.NONE);
    assertThat(holds(gt, "11")).isTrue();
    assertThat(holds(gt, " 10.5 ")).isTrue();
    assertThat(holds(gt, "10")).isFalse();
    assertThat(holds(gt, "-20")).isFalse();
    assertThat(holds(gt, "eleven")).isFalse();
    assertThat(holds(gt, "1e3")).isFalse();
    assertThat(holds(gt, "NaN")).isFalse();
    assertThat(holds(compile("F|gte", "10"), "10")).isTrue();
    assertThat(holds(compile("F|lt", "10"), "9.999")).isTrue();
    assertThat(holds(compile("F|lte", "-1.5"), "-1.5")).isTrue();
    assertThat(holds(compile("F|lte", "-1.5"), "-1.4")).isFalse();
    assertThat(holds(compile("F|lt", "9007199254740993"), "9007199254740992")).isTrue();
  }

  @Test
  void numericModifiersNeedNumbers() {
    assertThat(reason(() -> compile("F|gt", "ten"))).startsWith("bad-number");
    assertThat(
            reason(
                () ->
                    FieldPredicates.compile(
                        test("F|lt", new SigmaValue.Bool(true)), Placeholders.NONE)))
        .startsWith("bad-number");
  }

  @ParameterizedTest
  @CsvSource({
    "F|minute, 45, 2024-05-01T13:45:00Z",
    "F|hour, 13, 2024-05-01 13:45:00.123+02:00",
    "F|day, 1, 2024-05-01T13:45:00",
    "F|month, 5, 2024-05-01T13:45:00.123456789Z",
    "F|year, 2024, 2024-05-01",
    "F|week, 18, 2024-05-01T00:00:00Z",
    "F|week, 1, 2024-12-30T00:00:00Z",
    "F|week, 53, 2021-01-03T00:00:00Z",
    "F|hour|gte, 13, 2024-05-01T13:00:00Z",
    "F|hour|lt, 14, 2024-05-01T13:00:00Z",
  })
  void timePartsAreReadFromTheTimestampAsWritten(String key, String value, String time) {
    assertThat(holds(compile(key, value), time)).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "F|minute, 44, 2024-05-01T13:45:00Z",
    "F|hour, 13, 2024-05-01",
    "F|hour|gt, 13, 2024-05-01T13:00:00Z",
    "F|day, 1, 2024-02-30T13:45:00",
    "F|day, 1, not a time",
    "F|year, 2024, 2024-05-01X",
  })
  void timePartsRejectOtherValues(String key, String value, String time) {
    assertThat(holds(compile(key, value), time)).isFalse();
  }

  @Test
  void timePartsNeedWholeNumbers() {
    assertThat(reason(() -> compile("F|hour", "1.5"))).startsWith("bad-number");
  }
}
