package dev.kasa.intel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.ErrorCode;
import dev.kasa.Problem;
import dev.kasa.TestCorpora;
import dev.kasa.observable.Observables;
import dev.kasa.stix.Tlp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Reads the real MISP exports of the shared corpus; skipped when the corpus is absent. */
class MispCorpusTest {
  private static Path corpus() {
    return TestCorpora.dir("misp");
  }

  @Test
  void everyMispFileImportsWithSaneIndicators() throws IOException {
    Path dir = corpus();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      var sink = new IntelLoaderCollector();
      IntelLoader.Report report =
          new IntelLoader(IntelLoader.Options.defaults()).load(List.of(file.toString()), sink);
      assertThat(report.files()).as(file.toString()).isEqualTo(1);
      assertThat(sink.problems(ErrorCode.UNREADABLE_INPUT)).as(file.toString()).isEmpty();
      assertThat(report.indicators() + report.mispContext()).as(file.toString()).isPositive();
      for (Indicator i : sink.indicators) {
        assertThat(Observables.normalize(i.type(), i.value())).isEqualTo(i.value());
        assertThat(i.id()).startsWith("indicator--");
      }
      for (Problem p : sink.problems) {
        assertThat(p.where().toString()).startsWith(file.toString() + "#Event.");
      }
    }
  }

  @Test
  void theIndicatorTestEventYieldsItsNetworkAndHashIndicatorsAndAttribution() {
    Path file = corpus().resolve("misp_indicators_test.json");
    Assumptions.assumeTrue(Files.isRegularFile(file), "no " + file);
    var sink = new IntelLoaderCollector();
    new IntelLoader(IntelLoader.Options.defaults()).load(List.of(file.toString()), sink);
    assertThat(sink.values())
        .contains(
            "1.2.3.4",
            "www.circl.lu",
            "12.34.56.78",
            "src@email.test",
            "https://www.circl.lu/team",
            "5898fc860300e228dcd54c0b1045b5fa0dcda502");
    Indicator ip = sink.byValue("1.2.3.4");
    assertThat(ip.tlp()).isEqualTo(Tlp.CLEAR);
    assertThat(ip.attribution().actors()).extracting(Actor::name).contains("APT 16", "APT16");
    assertThat(ip.attribution().actors())
        .filteredOn(a -> a.name().equals("APT 16"))
        .singleElement()
        .satisfies(a -> assertThat(a.stateSponsored()).isTrue());
    assertThat(ip.attribution().techniques()).contains("T1038");
    assertThat(ip.attribution().malware()).contains("Elise", "ifconfig");
    assertThat(sink.problems(ErrorCode.UNSUPPORTED_INTEL)).isNotEmpty();
  }

  @Test
  void theObservablesTestEventIsAllContext() {
    Path file = corpus().resolve("misp_observables_test.json");
    Assumptions.assumeTrue(Files.isRegularFile(file), "no " + file);
    var sink = new IntelLoaderCollector();
    IntelLoader.Report report =
        new IntelLoader(IntelLoader.Options.defaults()).load(List.of(file.toString()), sink);
    assertThat(sink.indicators).isEmpty();
    assertThat(report.mispContext()).isGreaterThan(100);
  }
}
