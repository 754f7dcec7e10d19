package dev.kasa.node.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.node.StixFixtures;
import dev.kasa.stix.StixReaderLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * ObjectIntake: any input gives a result or INVALID_INPUT; valid objects keep their exact bytes.
 */
class ObjectIntakeProperties {
  private static final ObjectIntake INTAKE = new ObjectIntake(new StixReaderLimits(4096, 16));

  @Property(tries = 500)
  void onlyTheDocumentedErrorEscapes(@ForAll("inputs") String input) {
    try {
      var r = INTAKE.read(input.getBytes(StandardCharsets.UTF_8), "fuzz");
      assertThat(r.accepted().size() + r.refused().size()).isEqualTo(r.total());
    } catch (KasaException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
    }
  }

  @Property(tries = 100)
  void validObjectsKeepTheirBytesAndInvalidOnesAreRefusedAlone(
      @ForAll("mixes") List<String> objects) {
    var r = INTAKE.read(StixFixtures.envelope(objects).getBytes(StandardCharsets.UTF_8), "mix");
    var expected = new ArrayList<String>();
    for (String o : objects) {
      if (o.contains("\"pattern\"")) {
        expected.add(o.strip()); // the object is from its "{" to its "}"
      }
    }
    assertThat(
            r.accepted().stream().map(a -> new String(a.body(), StandardCharsets.UTF_8)).toList())
        .containsExactlyElementsOf(expected);
    assertThat(r.refused()).hasSize(objects.size() - expected.size());
  }

  @Provide
  Arbitrary<String> inputs() {
    Arbitrary<String> junk =
        Arbitraries.strings().withChars("{}[]\",:0123456789abc\\ \n").ofMaxLength(80);
    Arbitrary<String> envelopes =
        Arbitraries.of(
                StixFixtures.indicator(StixFixtures.newId()),
                "{\"type\":\"indicator\"}",
                "[]",
                "1",
                "{\"id\":\"x\",\"type\":\"bundle\"}",
                "{" + "\"a\":[".repeat(30) + "]".repeat(30) + "}")
            .list()
            .ofMaxSize(4)
            .map(StixFixtures::envelope);
    Arbitrary<String> cut =
        envelopes.flatMap(
            e -> Arbitraries.integers().between(0, e.length()).map(i -> e.substring(0, i)));
    return Arbitraries.oneOf(junk, envelopes, cut);
  }

  @Provide
  Arbitrary<List<String>> mixes() {
    return Arbitraries.of(
            StixFixtures.indicator(StixFixtures.newId()),
            " { \"type\" : \"indicator\",\"spec_version\":\"2.1\",\"id\":\""
                + StixFixtures.newId()
                + "\",\"created\":\"2024-01-01T00:00:00Z\",\"modified\":\"2024-01-01T00:00:00Z\",\"pattern\":\"[x:y"
                + " = 'z']\",\"pattern_type\":\"stix\",\"valid_from\":\"2024-01-01T00:00:00Z\" }",
            "{\"type\":\"indicator\",\"id\":\"" + StixFixtures.newId() + "\"}",
            "{\"type\":\"x\"}",
            "null")
        .list()
        .ofMaxSize(6);
  }
}
