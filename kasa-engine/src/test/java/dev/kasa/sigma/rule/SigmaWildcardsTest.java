package dev.kasa.sigma.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.sigma.rule.SigmaValue.Part.AnyChar;
import dev.kasa.sigma.rule.SigmaValue.Part.AnyRun;
import dev.kasa.sigma.rule.SigmaValue.Part.Literal;
import org.junit.jupiter.api.Test;

class SigmaWildcardsTest {
  @Test
  void unescapedStarAndQuestionMarkAreWildcards() {
    assertThat(SigmaWildcards.parse("*\\evil?.exe*").parts())
        .containsExactly(
            new AnyRun(), new Literal("\\evil"), new AnyChar(), new Literal(".exe"), new AnyRun());
  }

  @Test
  void escapesFollowTheSpecification() {
    assertThat(SigmaWildcards.parse("a\\*b\\?c").parts()).containsExactly(new Literal("a*b?c"));
    assertThat(SigmaWildcards.parse("\\\\*").parts())
        .containsExactly(new Literal("\\"), new AnyRun());
    assertThat(SigmaWildcards.parse("\\\\\\*").parts()).containsExactly(new Literal("\\*"));
    assertThat(SigmaWildcards.parse("\\\\\\\\").parts()).containsExactly(new Literal("\\\\"));
    assertThat(SigmaWildcards.parse("C:\\Windows\\").parts())
        .containsExactly(new Literal("C:\\Windows\\"));
  }

  @Test
  void rawKeepsTheValueAsWritten() {
    assertThat(SigmaWildcards.parse("a\\*").raw()).isEqualTo("a\\*");
    assertThat(SigmaWildcards.parse("").parts()).isEmpty();
    assertThat(SigmaWildcards.parse("x").plain()).isTrue();
    assertThat(SigmaWildcards.parse("x*").plain()).isFalse();
  }
}
