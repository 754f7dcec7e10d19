package dev.kasa.stix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The hand-written identifier check agrees with the definition it replaces. */
class StixIdentifierProperties {
  // The first "--" separates the type from a uuid of any case.
  private static final Pattern DEFINITION =
      Pattern.compile(
          "(?=[^-]|-[^-])((?:[a-z0-9]|-(?!-))+?)--"
              + "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  static boolean reference(String id) {
    int sep = id.indexOf("--");
    if (sep < 1 || id.length() - sep - 2 != 36) {
      return false;
    }
    return DEFINITION.matcher(id).matches();
  }

  @Provide
  Arbitrary<String> ids() {
    Arbitrary<String> type =
        Arbitraries.strings().withChars("ab-1A_").ofMinLength(0).ofMaxLength(6);
    Arbitrary<String> uuid =
        Arbitraries.of(
            "a932fcc6-e032-476c-826f-cb970a5a1ade",
            "A932FCC6-E032-476C-826F-CB970A5A1ADE",
            "a932fcc6-e032-476c-826f-cb970a5a1ad",
            "a932fcc6-e032-476c-826f-cb970a5a1adg",
            "a932fcc6-e032-476c-826fcb970a5a1ade0",
            "-a932fcc6-e032-476c-826f-cb970a5a1ad");
    // One char of a uuid changed, also to chars whose low 7 bits are a hex digit (U+0161, U+00E1).
    Arbitrary<String> changed =
        net.jqwik.api.Combinators.combine(
                Arbitraries.integers().between(0, 35),
                Arbitraries.of('-', 'g', 'G', '/', ':', '@', '`', 'F', '0', '\u00e1', '\u0161'))
            .as(
                (at, c) -> {
                  char[] u = "a932fcc6-e032-476c-826f-cb970a5a1ade".toCharArray();
                  u[at] = c;
                  return new String(u);
                });
    uuid = Arbitraries.oneOf(uuid, changed);
    Arbitrary<String> sep = Arbitraries.of("--", "-", "---", "");
    return net.jqwik.api.Combinators.combine(type, sep, uuid).as((t, s, u) -> t + s + u);
  }

  @Property(tries = 2000)
  void agreesWithTheDefinition(@ForAll("ids") String id) {
    assertThat(StixValidator.isIdentifier(id)).as(id).isEqualTo(reference(id));
  }

  @Example
  void examples() {
    assertThat(StixValidator.isIdentifier("indicator--a932fcc6-e032-476c-826f-cb970a5a1ade"))
        .isTrue();
    assertThat(StixValidator.isIdentifier("x-a--a932fcc6-e032-476c-826f-cb970a5a1ade")).isTrue();
    assertThat(StixValidator.isIdentifier("a---a932fcc6-e032-476c-826f-cb970a5a1ade")).isFalse();
    assertThat(StixValidator.isIdentifier("a--b--a932fcc6-e032-476c-826f-cb970a5a1ade")).isFalse();
    assertThat(StixValidator.isIdentifier("--a932fcc6-e032-476c-826f-cb970a5a1ade")).isFalse();
  }
}
