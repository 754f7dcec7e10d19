package dev.kasa.event;

import static dev.kasa.event.Scans.fixture;
import static dev.kasa.event.Scans.options;
import static dev.kasa.event.Scans.scan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kasa.KasaException;
import dev.kasa.TestWorkers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventScannerTest {
  @TempDir Path dir;

  private static String lines(int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      if (i % 7 == 0) {
        s.append("{broken\n");
      } else if (i % 11 == 0) {
        s.append("\n");
      } else {
        s.append("{\"n\":")
            .append(i)
            .append(",\"ip\":\"10.0.")
            .append(i / 256)
            .append('.')
            .append(i % 256)
            .append("\"}\n");
      }
    }
    return s.toString();
  }

  private static List<String> expected(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      if (i % 7 == 0) {
        out.add(i + " MALFORMED");
      } else if (i % 11 != 0) {
        out.add(i + " ip IPV4 10.0." + (i / 256) + "." + (i % 256));
      }
    }
    return out;
  }

  private static List<String> simplified(Scans.Result r) {
    return r.events.stream()
        .filter(e -> !e.endsWith(" RECORD") && !e.contains(" TIME "))
        .map(e -> e.contains(" MALFORMED ") ? e.substring(0, e.indexOf(" MALFORMED") + 10) : e)
        .toList();
  }

  @Test
  void lineNumbersSurviveTinyChunksInInputOrder() throws IOException {
    Path file = dir.resolve("events.ndjson");
    Files.writeString(file, lines(600));
    for (int threads : new int[] {1, 3}) {
      var r = scan(options().withThreads(threads).withChunkBytes(37), file.toString());
      assertThat(simplified(r)).containsExactlyElementsOf(expected(600));
      assertThat(r.summaries.get(0).malformed()).isEqualTo(85);
      assertThat(r.summaries.get(0).firstMalformed()).hasSize(20);
      assertThat(r.summaries.get(0).firstMalformed().get(1).where()).hasToString(file + ":14");
      assertThat(r.summaries.get(0).bytes()).isEqualTo(Files.size(file));
    }
  }

  @Test
  void gzipDirectoriesStdinAndUnreadableInputsInOrder() throws IOException {
    Path sub = dir.resolve("logs/b");
    Files.createDirectories(sub);
    Files.writeString(dir.resolve("logs/a.json"), "{\"ip\":\"192.0.2.1\"}\n");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(sub.resolve("c.json.gz")))) {
      out.write(lines(30).getBytes(StandardCharsets.UTF_8));
    }
    Files.writeString(sub.resolve("d.json"), "{\"ip\":\"192.0.2.4\"}");
    var stdin =
        new ByteArrayInputStream("{\"ip\":\"192.0.2.9\"}\n".getBytes(StandardCharsets.UTF_8));
    var r =
        scan(
            options().withChunkBytes(64),
            stdin,
            dir.resolve("logs").toString(),
            "-",
            dir.resolve("missing.json").toString());
    assertThat(r.inputs)
        .extracting(EventInput::name)
        .containsExactly(
            dir.resolve("logs/a.json").toString(),
            sub.resolve("c.json.gz").toString(),
            sub.resolve("d.json").toString(),
            "-");
    List<String> obs = simplified(r);
    assertThat(obs.get(0)).isEqualTo("1 ip IPV4 192.0.2.1");
    assertThat(obs.subList(1, 1 + expected(30).size())).containsExactlyElementsOf(expected(30));
    assertThat(obs.subList(obs.size() - 2, obs.size()))
        .containsExactly("1 ip IPV4 192.0.2.4", "1 ip IPV4 192.0.2.9");
    assertThat(r.unreadable).singleElement().asString().contains("missing.json: no such file");
    assertThat(r.totals.inputs()).isEqualTo(4);
    assertThat(r.totals.unreadable()).isEqualTo(1);
  }

  @Test
  void prettyObjectsGzipped() throws IOException {
    Path gz = dir.resolve("events.evtx.json.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      Files.copy(Path.of(fixture("evtx_dump.json")), out);
      out.write(
          "garbage\n{\n  \"Event\": {\"EventData\": {\"DestinationIp\": \"198.51.100.1\"}}\n}\n{\"Event\": {"
              .getBytes(StandardCharsets.UTF_8));
    }
    var r = scan(options(), gz.toString());
    assertThat(r.inputs.get(0).format()).isEqualTo(EventFormat.EVTX_JSON);
    assertThat(r.records()).hasSize(3);
    assertThat(r.malformed())
        .containsExactly(
            "41 MALFORMED expected '{' to start a JSON object, found 'g'",
            "45 MALFORMED JSON object not closed at end of input");
    assertThat(r.observables()).contains("42 Event.EventData.DestinationIp IPV4 198.51.100.1");
  }

  @Test
  void oversizedLinesAreSkippedByTheReader() throws IOException {
    Path file = dir.resolve("big.json");
    Files.writeString(
        file,
        "{\"ip\":\"192.0.2.1\"}\n{\"pad\":\"" + "x".repeat(5000) + "\"}\n{\"ip\":\"192.0.2.3\"}\n");
    var r = scan(options().withLimits(100, 64).withChunkBytes(16), file.toString());
    assertThat(simplified(r))
        .containsExactly("1 ip IPV4 192.0.2.1", "2 MALFORMED", "3 ip IPV4 192.0.2.3");
  }

  @Test
  void oversizedLastLineWithoutNewlineIsReported() throws IOException {
    Path file = dir.resolve("tail.json");
    Files.writeString(file, "{\"ip\":\"192.0.2.1\"}\n{\"pad\":\"" + "x".repeat(5000) + "\"}");
    for (int i = 0; i < 3; i++) {
      var r = scan(options().withLimits(100, 64).withChunkBytes(16), file.toString());
      assertThat(simplified(r)).containsExactly("1 ip IPV4 192.0.2.1", "2 MALFORMED");
      assertThat(r.summaries.get(0).bytes()).isEqualTo(Files.size(file));
    }
  }

  @Test
  void zeekTsvHeaderReachesLaterChunks() {
    var r = scan(options().withChunkBytes(10), fixture("zeek_dns.log"));
    assertThat(r.observables())
        .contains("9 query DOMAIN evil.example", "12 id.resp_h IPV6 2001:db8::53");
    assertThat(r.malformed()).containsExactly("11 MALFORMED expected 11 fields, found 4");
  }

  @Test
  void formatCanBeForcedAndNamesAreChecked() {
    var r = scan(options().withForcedFormat(EventFormat.NDJSON), fixture("zeek_http.json"));
    assertThat(r.inputs.get(0).format()).isEqualTo(EventFormat.NDJSON);
    assertThat(r.observables())
        .contains(
            "1 host DOMAIN malware.example",
            "1 uri URL http://proxy.example/abs".replace("1 ", "2 "));
    assertThat(EventFormat.byName("ZEEK-json")).isEqualTo(EventFormat.ZEEK_JSON);
    assertThatThrownBy(() -> EventFormat.byName("pcap"))
        .isInstanceOf(KasaException.class)
        .hasMessageContaining("'pcap'")
        .hasMessageContaining("zeek-tsv");
  }

  @Test
  void detectsFormatsAndZeekLogTypes() {
    var known = FieldMaps.defaults().zeekLogTypes();
    assertThat(FormatDetector.zeekLogType("/x/dns.2024-01-02.log.gz", known)).isEqualTo("dns");
    assertThat(FormatDetector.zeekLogType("NASHUA_conn.log", known)).isEqualTo("conn");
    assertThat(FormatDetector.zeekLogType("http_20240102.json", known)).isEqualTo("http");
    assertThat(FormatDetector.zeekLogType("events.json", known)).isNull();
    byte[] eve =
        "{\"event_type\":\"dns\",\"src_ip\":\"1.2.3.4\"}\n".getBytes(StandardCharsets.UTF_8);
    assertThat(FormatDetector.detect(eve, eve.length).format()).isEqualTo(EventFormat.EVE);
    byte[] other = "{\"a\":1}\n".getBytes(StandardCharsets.UTF_8);
    assertThat(FormatDetector.detect(other, other.length))
        .isEqualTo(new FormatDetector.Detection(EventFormat.NDJSON, true));
  }

  @Test
  void progressCountersAndTaskExceptionsPropagate() {
    EventScanner scanner = new EventScanner(options(), TestWorkers.POOL);
    var result = new Scans.Result();
    scanner.scan(List.of(fixture("eve.json")), Scans.textProcessor(), result);
    assertThat(scanner.recordsDecoded()).isEqualTo(6);
    assertThat(scanner.bytesRead()).isPositive();
    assertThatThrownBy(
            () ->
                new EventScanner(options(), TestWorkers.POOL)
                    .scan(
                        List.of(fixture("eve.json")),
                        input -> {
                          throw new IllegalStateException("boom");
                        },
                        result))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("boom");
  }
}
