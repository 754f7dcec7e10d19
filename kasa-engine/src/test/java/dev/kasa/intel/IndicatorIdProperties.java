package dev.kasa.intel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The hand-written check of Kasa's indicator ids agrees with its definition. */
class IndicatorIdProperties {
  private static final Pattern DEFINITION =
      Pattern.compile("indicator--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final String ID = "indicator--a932fcc6-e032-476c-826f-cb970a5a1ade";

  @Provide
  Arbitrary<String> ids() {
    // One char of a valid id changed, also to chars whose low 7 bits are a hex digit.
    Arbitrary<String> changed =
        Combinators.combine(
                Arbitraries.integers().between(0, ID.length() - 1),
                Arbitraries.of('-', 'g', 'G', 'A', '/', ':', '`', '0', 'f', '\u00e1', '\u0161'))
            .as(
                (at, c) -> {
                  char[] id = ID.toCharArray();
                  id[at] = c;
                  return new String(id);
                });
    return Arbitraries.oneOf(
        changed,
        Arbitraries.strings()
            .withChars("0123456789abcdefABG-")
            .ofLength(36)
            .map(u -> "indicator--" + u),
        Arbitraries.of(ID, ID.toUpperCase(), ID + "0", ID.substring(1)));
  }

  @Property(tries = 3000)
  void agreesWithTheDefinition(@ForAll("ids") String id) {
    assertThat(Indicator.isIndicatorId(id)).as(id).isEqualTo(DEFINITION.matcher(id).matches());
  }
}
