package dev.kasa.sigma.match;

import static dev.kasa.sigma.match.SigmaTests.compile;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kasa.KasaException;
import org.junit.jupiter.api.Test;

/** Regexes from rules are bounded before RE2J compiles them: no memory bomb reaches it. */
class RegexBoundsTest {

  @Test
  void nestedCountedRepetitionsAreRejectedWithTheirSizeAndTheBound() {
    // A million instructions: RE2J would compile it (about 0.4 s and 100 MB), far above the bound.
    assertThatThrownBy(() -> compile("F|re", "(((a{100}){100}){100})"))
        .isInstanceOf(KasaException.class)
        .hasMessageContaining("1,020,204 instructions")
        .hasMessageContaining("bound of 10,000")
        .extracting(e -> ((KasaException) e).code().label())
        .isEqualTo("regex-too-large");
  }
}
