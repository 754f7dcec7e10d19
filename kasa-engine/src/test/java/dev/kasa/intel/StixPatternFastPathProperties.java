package dev.kasa.intel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.intel.StixPatternSubset.Supported;
import dev.kasa.intel.StixPatternSubset.Term;
import dev.kasa.observable.ObservableType;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pattern parser's fast path ({@link StixPatternFastPath}) changes nothing: on generated
 * patterns (escapes, text beyond ASCII, odd whitespace, every comparison operator, {@code OR},
 * {@code AND} and other joiners, parentheses, qualifiers, typed strings, quoted path keys, damaged
 * text) it gives exactly the general parser's result or declines; and it does not decline the forms
 * producers write.
 */
class StixPatternFastPathProperties {
  private static final String[] PATHS = {
    "ipv4-addr:value",
    "ipv6-addr:value",
    "domain-name:value",
    "url:value",
    "email-addr:value",
    "email-message:from_ref.value",
    "email-message:sender_ref.value",
    "file:hashes.MD5",
    "file:hashes.'SHA-256'",
    "file:hashes.'SHA-1'",
    "file:hashes.sha256",
    "file:hashes.'sha-512'",
    "file:hashes.'SHA-512'",
    "file:hashes.'MD5'",
    "file:hashes.SHA256",
    "file:hashes.SHA1",
    "file:hashes.SHA512",
    "file:hashes.SHA2560",
    "file:hashes.'SHA-256",
    "url:values",
    "url:valu",
    "file:'hashes'.MD5",
    "file:'hashes.MD5'",
    "file:hashes.'ſha-256'",
    "file:hashes.'SHA\\'256'",
    "file:hashes.'SHA-256'x",
    "file:hashes.'SHA-256'.x",
    "file:hashes.''SHA-256",
    "file:hashes..MD5",
    "file:hashes.-MD5",
    "file:hashes.t'MD5'",
    "file:hashes.'MD5",
    "file:size",
    "file:name",
    "ipv4-addr:value[0]",
    "ipv4-addr:value[*]",
    "ipv4-addr: value",
    "OR:value",
    "network-traffic:dst_ref.value",
    "network-traffic:dst_port",
    "x-custom:value",
    "Ipv4-addr:value",
    "_a:b",
    "1pv4-addr:value",
  };
  private static final String[] OPERATORS = {
    "=",
    "==",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    "LIKE",
    "MATCHES",
    "IN",
    "ISSUBSET",
    "ISSUPERSET",
    "NOT =",
    "= =",
    "=!",
    "!"
  };
  private static final String[] VALUES = {
    "'10.0.0.1'",
    "'198.51.100.0/24'",
    "'2001:db8::1'",
    "'Evil.Example'",
    "'http://a.example/x?y=1&z=]'",
    "'" + "ab".repeat(32) + "'",
    "''",
    "'it\\'s'",
    "'back\\\\slash'",
    "'bad\\escape'",
    "'ümlaut.example'",
    "'☂ OR [x:y = 'z']'",
    "'a] OR [b'",
    "'unterminated",
    "t'2024-01-01T00:00:00Z'",
    "h'ff'",
    "b'AAAA'",
    "5",
    "-1.5",
    "('a', 'b')",
    "'a'b'",
  };
  private static final String[] JOINERS = {
    "OR", "AND", "or", "ORx", "FOLLOWEDBY", "OR OR", "",
  };
  private static final String[] QUALIFIERS = {
    "WITHIN 5 SECONDS",
    "REPEATS 2 TIMES",
    "START t'2024-01-01T00:00:00Z' STOP t'2025-01-01T00:00:00Z'",
  };
  private static final String[] BLANKS = {
    "", "", " ", " ", "  ", "\t", "\n", "\r\n", "\u00a0", "\f", " \t\n",
  };

  @Property(tries = 2000)
  void theFastPathGivesTheGeneralParsersResultOrDeclines(@ForAll Random random) {
    check(pattern(random));
  }

  @org.junit.jupiter.api.Test
  void generatedPatternsOftenTakeTheFastPath() {
    var random = new Random(14);
    int fast = 0;
    for (int k = 0; k < 20_000; k++) {
      fast += check(pattern(random)) ? 1 : 0;
    }
    assertThat(fast).isGreaterThan(2_000);
  }

  // Whether the fast path took the pattern; fails when its result is not the general parser's.
  private static boolean check(String pattern) {
    Supported fast = StixPatternFastPath.parse(pattern);
    if (fast != null) {
      assertThat(fast).as(pattern).isEqualTo(StixPatternSubset.general(pattern));
    }
    assertThat(StixPatternSubset.parse(pattern))
        .as(pattern)
        .isEqualTo(StixPatternSubset.general(pattern));
    return fast != null;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[ipv4-addr:value = '29.167.28.167']",
        "[file:hashes.'SHA-256' = 'aa']",
        "[file:hashes.MD5='aa']",
        " [ url:value\t=\n'http://a.example/]'\r] ",
        "[domain-name:value = 'a.example' OR ipv4-addr:value = '10.0.0.1']",
        "[domain-name:value = 'a.example'] OR [ipv4-addr:value = '10.0.0.1']OR[url:value = 'u']",
        "[email-message:from_ref.value = 'ü@☂.example']",
        "[file:'hashes'.'SHA-1' = '']",
      })
  void theCommonFormsTakeTheFastPath(String pattern) {
    Supported fast = StixPatternFastPath.parse(pattern);
    assertThat(fast).isNotNull().isEqualTo(StixPatternSubset.general(pattern));
  }

  // The spellings the fast path knows without making their path text, and near misses of them.
  @ParameterizedTest
  @ValueSource(
      strings = {
        "ipv4-addr:value",
        "ipv6-addr:value",
        "domain-name:value",
        "url:value",
        "email-addr:value",
        "file:hashes.'SHA-256'",
        "file:hashes.'SHA-1'",
        "file:hashes.'SHA-512'",
        "file:hashes.MD5",
        "file:hashes.'MD5'",
        "file:hashes.SHA256",
        "file:hashes.SHA1",
        "file:hashes.SHA512",
        "file:hashes.sha256",
        "file:hashes.'SHA-2566'",
        "url:valuex",
        "ipv4-addr:valu"
      })
  void aKnownPathSpellingGivesTheGeneralParsersTerm(String path) {
    for (String pattern :
        List.of(
            "[" + path + " = 'aa']",
            "[" + path + "='aa' OR " + path + " = 'b']",
            "[url:value = 'u'] OR [" + path + " = 'c']")) {
      assertThat(check(pattern))
          .as(pattern)
          .isEqualTo(StixPatternSubset.typeOf(pathOf(path)) != null);
    }
  }

  // The path as the general tokeniser makes it: a quoted key without its quotes.
  private static String pathOf(String spelling) {
    return spelling.replace("'", "");
  }

  @org.junit.jupiter.api.Test
  void aQuotedHashKeyIsTheGeneralParsersPath() {
    assertThat(StixPatternFastPath.parse("[file:hashes.'SHA-256' = 'aa']"))
        .isEqualTo(
            new Supported(List.of(new Term(ObservableType.SHA256, "file:hashes.SHA-256", "aa"))));
  }

  private static String pattern(Random random) {
    var b = new StringBuilder();
    int observations = 1 + random.nextInt(random.nextInt(8) == 0 ? 4 : 2);
    for (int o = 0; o < observations; o++) {
      if (o > 0) {
        b.append(blank(random)).append(pick(JOINERS, 1, random)).append(blank(random));
      }
      boolean paren = random.nextInt(12) == 0;
      b.append(paren ? "(" : "").append(blank(random)).append('[').append(blank(random));
      int comparisons = 1 + random.nextInt(random.nextInt(6) == 0 ? 4 : 1);
      for (int c = 0; c < comparisons; c++) {
        if (c > 0) {
          b.append(blank(random)).append(pick(JOINERS, 1, random)).append(blank(random));
        }
        b.append(pick(PATHS, 15, random))
            .append(blank(random))
            .append(pick(OPERATORS, 1, random))
            .append(blank(random))
            .append(pick(VALUES, 7, random))
            .append(blank(random));
      }
      b.append(random.nextInt(30) == 0 ? "" : "]").append(paren ? ")" : "");
      if (random.nextInt(15) == 0) {
        b.append(' ').append(pick(QUALIFIERS, random));
      }
    }
    b.append(blank(random));
    return damage(b, random);
  }

  // Now and then a character dropped, doubled or replaced: malformed and odd patterns.
  private static String damage(StringBuilder b, Random random) {
    if (random.nextInt(5) == 0 && b.length() > 0) {
      int at = random.nextInt(b.length());
      switch (random.nextInt(3)) {
        case 0 -> b.deleteCharAt(at);
        case 1 -> b.insert(at, b.charAt(at));
        default -> b.setCharAt(at, "'\\[]() =ORü\n".charAt(random.nextInt(12)));
      }
    }
    return b.toString();
  }

  private static String blank(Random random) {
    return pick(BLANKS, 5, random);
  }

  // The first `common` options are the forms producers write: picked two times in three.
  private static String pick(String[] options, int common, Random random) {
    return options[random.nextInt(random.nextInt(3) == 0 ? options.length : common)];
  }

  private static String pick(String[] options, Random random) {
    return pick(options, options.length, random);
  }
}
