package dev.kasa.intel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.KasaException;
import dev.kasa.stix.StixEntry;
import dev.kasa.stix.StixReader;
import dev.kasa.stix.StixReaderLimits;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Parsers on arbitrary input: they report problems or throw KasaException, nothing else. */
class StixFuzzProperties {
  private static final String[] PIECES = {
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"type\"",
    "\"bundle\"",
    "\"objects\"",
    "\"id\"",
    "\"indicator\"",
    "\"indicator--a932fcc6-e032-476c-826f-cb970a5a1ade\"",
    "\"pattern\"",
    "\"[ipv4-addr:value = '1.2.3.4']\"",
    "\"pattern_type\"",
    "\"stix\"",
    "\"valid_from\"",
    "\"2024-01-01T00:00:00Z\"",
    "\"created\"",
    "\"modified\"",
    "\"relationship\"",
    "\"source_ref\"",
    "\"target_ref\"",
    "\"object_marking_refs\"",
    "\"confidence\"",
    "101",
    "-1",
    "true",
    "null",
    "1.5e400",
    "\"x_a\"",
    "\"spec_version\"",
    "\"2.1\"",
    "\"valid_until\"",
    "\"external_references\"",
    "\"granular_markings\"",
    "\"hashes\"",
    "\"file\""
  };

  @Provide
  Arbitrary<String> jsonish() {
    return Arbitraries.of(PIECES).list().ofMaxSize(60).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<String> patternish() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("[]()'\\ =!<>:.-_aORND*0123456789tbh,").ofMaxLength(40),
        Arbitraries.strings().ofMaxLength(40),
        Arbitraries.of(
                "[",
                "]",
                "(",
                ")",
                " OR ",
                " AND ",
                "ipv4-addr:value",
                "file:hashes.'SHA-256'",
                " = ",
                "'1.2.3.4'",
                "'a\\'b'",
                "\\",
                "'",
                " WITHIN 5 SECONDS",
                "t'2020'")
            .list()
            .ofMaxSize(12)
            .map(l -> String.join("", l)));
  }

  @Property(tries = 2000)
  void readerAndImporterOnlyThrowKasaException(@ForAll("jsonish") String json) {
    byte[] bytes = ("{\"objects\":[" + json).getBytes(StandardCharsets.UTF_8);
    try (var r =
        new StixReader(new ByteArrayInputStream(bytes), "f", new StixReaderLimits(4096, 6))) {
      for (StixEntry e = r.next(); e != null; e = r.next()) {
        assertThat(e.isValid() || !e.errors().isEmpty()).isTrue();
      }
    } catch (KasaException expected) {
      // documented failure
    }
    for (byte[] input : new byte[][] {bytes, json.getBytes(StandardCharsets.UTF_8)}) {
      try {
        new StixBundleImporter()
            .read(
                new ByteArrayInputStream(input),
                "f",
                new IntelSink() {
                  @Override
                  public void indicator(Indicator indicator) {}

                  @Override
                  public void problem(IntelProblem problem) {}
                });
      } catch (KasaException expected) {
        // only when the input is not a JSON object
      }
    }
  }

  @Property(tries = 3000)
  void patternScannerNeverThrows(@ForAll("patternish") String pattern) {
    assertThat(StixPatternSubset.parse(pattern)).isNotNull();
  }
}
