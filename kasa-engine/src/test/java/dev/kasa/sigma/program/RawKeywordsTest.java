package dev.kasa.sigma.program;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.sigma.match.LiteralKind;
import dev.kasa.sigma.match.Needle;
import org.junit.jupiter.api.Test;

class RawKeywordsTest {
  private static Needle.Literal contains(String text) {
    return new Needle.Literal(LiteralKind.CONTAINS, text, false);
  }

  @Test
  void plainAsciiContainsIsSearchedAsWrittenAndJsonEscapesBackslashAndQuote() {
    assertThat(RawKeywords.rawForm(contains("sekurlsa::"), true).text()).isEqualTo("sekurlsa::");
    assertThat(RawKeywords.rawForm(contains("\\mimilib.dll"), true).text())
        .isEqualTo("\\\\mimilib.dll");
    assertThat(RawKeywords.rawForm(contains("say \"hi\""), true).text())
        .isEqualTo("say \\\"hi\\\"");
  }

  @Test
  void whatRawTextCannotShowFaithfullyIsLeftToDecodedValues() {
    assertThat(RawKeywords.rawForm(contains("\\mimilib.dll"), false)).isNull();
    assertThat(RawKeywords.rawForm(contains("é"), true)).isNull();
    assertThat(RawKeywords.rawForm(contains("a,b"), true)).isNull();
    assertThat(RawKeywords.rawForm(contains("{x"), true)).isNull();
    assertThat(RawKeywords.rawForm(contains(":4624"), true)).isNull();
    assertThat(RawKeywords.rawForm(contains("tab\there"), true)).isNull();
    assertThat(RawKeywords.rawForm(new Needle.Literal(LiteralKind.CONTAINS, "Cased", true), true))
        .isNull();
    assertThat(RawKeywords.rawForm(new Needle.Literal(LiteralKind.STARTS_WITH, "abc", false), true))
        .isNull();
    assertThat(RawKeywords.json("zeek:dns")).isFalse();
    assertThat(RawKeywords.json("windows-json")).isTrue();
  }
}
