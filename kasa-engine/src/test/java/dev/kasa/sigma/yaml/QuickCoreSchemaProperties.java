package dev.kasa.sigma.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/** The quick schema resolves every scalar to the tag snakeyaml-engine's core schema gives. */
class QuickCoreSchemaProperties {
  private static final ScalarResolver CORE = new CoreSchema().getScalarResolver();
  private static final ScalarResolver QUICK = new QuickCoreSchema().getScalarResolver();

  @Property(tries = 5000)
  void resolvesAsTheCoreSchema(@ForAll("scalars") String value, @ForAll boolean implicit) {
    assertThat(QUICK.resolve(value, implicit)).isEqualTo(CORE.resolve(value, implicit));
  }

  @Provide
  Arbitrary<String> scalars() {
    Arbitrary<String> typed =
        Arbitraries.of(
            "", " ", "~", "null", "Null", "NULL", "true", "False", "TRUE", "0", "-12", "+3", "0x1F",
            "0o17", "1.5", ".5", "-.inf", ".NaN", "1e3", "<<", "${HOME}", "${A:-b}", "yes", "on");
    Arbitrary<String> texts =
        Arbitraries.strings()
            .withChars("~nNtTfF019+-.<${}:xeEaA \\_")
            .withCharRange('a', 'z')
            .ofMaxLength(12);
    return Arbitraries.oneOf(typed, texts, Arbitraries.strings().ofMaxLength(8));
  }
}
