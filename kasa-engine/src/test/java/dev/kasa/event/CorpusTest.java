package dev.kasa.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.TestCorpora;
import dev.kasa.TestWorkers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** Decodes the real corpora (skipped when absent): every record decodes, none is malformed. */
class CorpusTest {
  private static Path corpus(String relative) {
    return TestCorpora.dir(relative);
  }

  private static List<Path> files(Path dir, String suffix) {
    return TestCorpora.files(dir, suffix);
  }

  private static Scans.Result scanAll(List<String> inputs) {
    return scan(inputs, null);
  }

  private static Scans.Result scan(List<String> inputs, java.io.InputStream stdin) {
    Scans.Result r = new Scans.Result();
    ChunkProcessor<List<String>> counting =
        input ->
            new ChunkTask<>() {
              final List<String> malformed = new ArrayList<>();

              @Override
              public void record(DecodedRecord record) {}

              @Override
              public void malformed(long line, String reason) {
                malformed.add(input.name() + ":" + line + " " + reason);
              }

              @Override
              public List<String> finish() {
                return malformed;
              }
            };
    r.totals =
        new EventScanner(ScanOptions.defaults().withThreads(2), TestWorkers.POOL, stdin)
            .scan(inputs, counting, r);
    return r;
  }

  @Test
  void otrfZipsDecodeWithoutMalformedRecords() throws IOException {
    Path otrf = corpus("otrf");
    long records = 0;
    int entries = 0;
    for (Path zip : files(otrf, ".zip")) {
      try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
        ZipEntry e;
        while ((e = nextEntry(in)) != null) {
          if (e.isDirectory() || !(e.getName().endsWith(".json") || e.getName().endsWith(".log"))) {
            continue;
          }
          Scans.Result r = scan(List.of("-"), in);
          if (r.unreadable.stream().anyMatch(u -> u.contains("encrypted"))) {
            break; // a few OTRF archives are password-protected
          }
          assertThat(r.events).as(zip + "!" + e.getName()).isEmpty();
          assertThat(r.unreadable).as(zip + "!" + e.getName()).isEmpty();
          assertThat(r.totals.malformed()).isZero();
          records += r.totals.records();
          entries++;
        }
      }
    }
    assertThat(entries).isGreaterThan(50);
    assertThat(records).isGreaterThan(100_000);
  }

  private static ZipEntry nextEntry(ZipInputStream in) throws IOException {
    try {
      return in.getNextEntry();
    } catch (java.util.zip.ZipException e) {
      if (String.valueOf(e.getMessage()).contains("encrypted")) {
        return null;
      }
      throw e;
    }
  }

  @Test
  void apt29ZeekJsonLogs() throws IOException {
    Path dir = corpus("otrf/compound/apt29/day1/zeek");
    Scans.Result r = scanAll(List.of(dir.toString()));
    assertThat(r.events).isEmpty();
    assertThat(r.totals.records()).isGreaterThan(1000);
    assertThat(r.inputs).extracting(EventInput::format).containsOnly(EventFormat.ZEEK_JSON);
    assertThat(r.inputs)
        .filteredOn(i -> i.name().endsWith("NASHUA_dns.log"))
        .extracting(EventInput::fieldMapSource)
        .containsExactly("zeek:dns");
  }

  @Test
  void icsZeekTsvLogs() throws IOException {
    Path dir = corpus("ics");
    List<String> logs = files(dir, ".log").stream().map(Path::toString).toList();
    Scans.Result r = scanAll(logs);
    assertThat(r.events).isEmpty();
    assertThat(r.unreadable).isEmpty();
    assertThat(r.inputs).extracting(EventInput::format).containsOnly(EventFormat.ZEEK_TSV);
    assertThat(r.totals.records()).isGreaterThan(10);
  }

  @Test
  void sigmaRegressionEvtxDumps() throws IOException {
    Path dir = corpus("sigma/regression_data");
    List<String> json = files(dir, ".json").stream().map(Path::toString).toList();
    Scans.Result r = scanAll(json);
    assertThat(r.events).isEmpty();
    assertThat(r.inputs).extracting(EventInput::format).containsOnly(EventFormat.EVTX_JSON);
    assertThat(r.totals.records()).isGreaterThanOrEqualTo(json.size());
  }
}
