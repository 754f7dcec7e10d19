package dev.kasa.sigma.match;

import static dev.kasa.sigma.match.SigmaTests.holds;
import static dev.kasa.sigma.match.SigmaTests.test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kasa.KasaException;
import dev.kasa.sigma.match.FieldPredicate.AnyOf;
import dev.kasa.sigma.match.Needle.Literal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpandModifierTest {
  private static final Placeholders PLACEHOLDERS =
      new Placeholders(
          Map.of(
              "Servers", List.of("srv*", "DC1"),
              "domain", List.of("corp", "lab"),
              "Admins", List.of("root")));

  private static FieldPredicate compile(String key, String value) {
    return FieldPredicates.compile(test(key, value), PLACEHOLDERS);
  }

  private static Literal lit(LiteralKind kind, String text) {
    return new Literal(kind, text, false);
  }

  @Test
  void aPlaceholderBecomesEachOfItsValuesWithTheirWildcards() {
    FieldPredicate p = compile("Host|expand", "%Servers%");
    assertThat(p)
        .isEqualTo(
            new AnyOf(
                List.of(lit(LiteralKind.STARTS_WITH, "srv"), lit(LiteralKind.EQUALS, "dc1"))));
    assertThat(holds(p, "SRV-42")).isTrue();
  }

  @Test
  void severalPlaceholdersMakeTheCartesianProduct() {
    FieldPredicate p = compile("User|expand|contains", "%domain%/%Admins%");
    assertThat(((AnyOf) p).needles())
        .containsExactly(
            lit(LiteralKind.CONTAINS, "corp/root"), lit(LiteralKind.CONTAINS, "lab/root"));
    // \\ before a placeholder is an escaped backslash, not an escaped percent sign
    assertThat(((AnyOf) compile("User|expand", "%domain%\\\\%Admins%")).needles())
        .containsExactly(
            lit(LiteralKind.EQUALS, "corp\\root"), lit(LiteralKind.EQUALS, "lab\\root"));
  }

  @Test
  void anEscapedPercentIsPlainAndTextWithoutExpandIsLiteral() {
    assertThat(((AnyOf) compile("F|expand", "\\%plain%Admins%")).needles())
        .containsExactly(lit(LiteralKind.EQUALS, "%plainroot"));
    assertThat(((AnyOf) compile("F", "%Admins%")).needles())
        .containsExactly(lit(LiteralKind.EQUALS, "%admins%"));
  }

  @Test
  void wildcardsAroundThePlaceholderStayWildcards() {
    assertThat(((AnyOf) compile("F|expand", "*%Admins%*")).needles())
        .containsExactly(lit(LiteralKind.CONTAINS, "root"));
  }

  @Test
  void anUnknownPlaceholderIsReported() {
    assertThatThrownBy(() -> compile("F|expand", "%nobody%"))
        .isInstanceOf(KasaException.class)
        .hasMessageContaining("%nobody%")
        .extracting(e -> ((KasaException) e).code().label())
        .isEqualTo("unknown-placeholder");
  }

  @Test
  void tooLargeProductsAreReported() {
    Placeholders big = new Placeholders(Map.of("x", Collections.nCopies(100, "v")));
    assertThatThrownBy(() -> FieldPredicates.compile(test("F|expand", "%x%%x%"), big))
        .extracting(e -> ((KasaException) e).code().label())
        .isEqualTo("too-many-expansions");
  }
}
