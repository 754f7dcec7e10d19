package dev.kasa.intel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.KasaException;
import dev.kasa.Problem;
import dev.kasa.TestWorkers;
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
            .map(l -> String.join("", l)),
        deepPatterns());
  }

  // Nesting far beyond any limit, balanced or not, around and inside observations.
  static Arbitrary<String> deepPatterns() {
    return Arbitraries.integers()
        .between(0, 30_000)
        .flatMap(
            n ->
                Arbitraries.of(
                    "(".repeat(n) + "[ipv4-addr:value = '1.2.3.4']" + ")".repeat(n),
                    "[" + "(".repeat(n) + "ipv4-addr:value = '1.2.3.4'" + ")".repeat(n) + "]",
                    "[".repeat(n) + "ipv4-addr:value = '1.2.3.4'" + "]".repeat(n),
                    "(".repeat(n),
                    "([ipv4-addr:value = '1.2.3.4'] OR ".repeat(n)
                        + "[ipv4-addr:value = '1.2.3.5']"
                        + ")".repeat(n)));
  }

  /** A complete JSON value that a hostile or broken producer might put in one object. */
  @Provide
  Arbitrary<String> hostileValue() {
    Arbitrary<Integer> depth = Arbitraries.integers().between(1, 5_000).edgeCases(e -> e.add(64));
    return Arbitraries.oneOf(
        depth.map(n -> "[".repeat(n) + "]".repeat(n)),
        depth.map(n -> "{\"a\":".repeat(n) + "1" + "}".repeat(n)),
        depth.map(n -> "[{\"a\":[".repeat(n) + "\"]}\\\"[{\"" + "]}]".repeat(n)),
        Arbitraries.integers().between(1, 3_000).map(n -> "9".repeat(n)),
        Arbitraries.integers().between(1, 3_000).map(n -> "-0." + "1".repeat(n) + "e-99999"),
        Arbitraries.integers().between(1, 50_000).map(n -> "[" + "\"x\",".repeat(n) + "1]"),
        Arbitraries.integers()
            .between(1, 5_000)
            .map(n -> "[" + "{\"marking_ref\":\"x\"},".repeat(n) + "{}]"),
        Arbitraries.of("5", "true", "null", "{}", "[]", "\"x\"", "[1,{}]", "{\"tlp\":5}"));
  }

  @Property(tries = 200)
  void oneHostilePropertyNeverCostsTheNeighbouringIndicators(
      @ForAll("hostileValue") String value,
      @ForAll("hostileName") String name,
      @ForAll boolean indicator) {
    String hostile =
        indicator
            ? "{\"type\":\"indicator\",\"id\":\"indicator--c932fcc6-e032-476c-826f-cb970a5a1ade\","
                + "\"pattern\":\"[ipv4-addr:value = '1.2.3.4']\",\"pattern_type\":\"stix\","
                + "\"valid_from\":\"2024-01-01T00:00:00Z\",\""
                + name
                + "\":"
                + value
                + "}"
            : "{\"type\":\"x-thing\",\"id\":\"x-thing--44298a74-ba52-4f0c-87a3-1824e67d7fad\",\""
                + name
                + "\":"
                + value
                + "}";
    String json =
        "{\"type\":\"bundle\",\"objects\":["
            + good("a")
            + ","
            + hostile
            + ","
            + good("b")
            + "],\""
            + name
            + "\":"
            + value
            + "}";
    for (int threads : new int[] {1, 2}) {
      var sink = new IntelLoaderCollector();
      new StixBundleImporter(StixReaderLimits.DEFAULT, TestWorkers.POOL, threads)
          .read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "f", sink);
      assertThat(sink.indicators)
          .extracting(Indicator::id)
          .contains(
              "indicator--a932fcc6-e032-476c-826f-cb970a5a1ade",
              "indicator--b932fcc6-e032-476c-826f-cb970a5a1ade");
      assertThat(sink.problems).allSatisfy(p -> assertThat(p.where().toString()).startsWith("f"));
    }
  }

  @Provide
  Arbitrary<String> hostileName() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "x_a",
            "created",
            "modified",
            "revoked",
            "valid_from",
            "valid_until",
            "object_marking_refs",
            "granular_markings",
            "confidence",
            "labels",
            "description"),
        Arbitraries.integers().between(1, 70_000).map(n -> "x_" + "n".repeat(n)));
  }

  private static String good(String first) {
    return ("{`type`:`indicator`,`spec_version`:`2.1`,`id`:`indicator--"
            + first
            + "932fcc6-e032-476c-826f-cb970a5a1ade`,`created`:`2024-01-01T00:00:00Z`,"
            + "`modified`:`2024-01-01T00:00:00Z`,`pattern`:`[domain-name:value = '"
            + first
            + ".example']`,`pattern_type`:`stix`,`valid_from`:`2024-01-01T00:00:00Z`}")
        .replace('`', '"');
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
                  public void problem(Problem problem) {}
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
