package dev.kasa.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.Location;
import dev.kasa.Problem;
import dev.kasa.TestCorpora;
import dev.kasa.TestWorkers;
import dev.kasa.evtxwriter.EvtxWriter;
import dev.kasa.evtxwriter.Template;
import dev.kasa.evtxwriter.Value;
import dev.kasa.evtxwriter.ValueType;
import dev.kasa.evtxwriter.WindowsEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kasa scan} reads {@code .evtx} files into exactly the records of their evtx_dump JSON. */
class EvtxScanTest {
  private static final Instant T0 = Instant.parse("2025-11-27T07:40:10Z");

  @TempDir Path dir;

  /** Everything matching sees of a record (its line aside: JSON lines differ from record ids). */
  private static ChunkProcessor<List<String>> snapshots(DecoderConfig config) {
    return input ->
        new ChunkTask<>() {
          final List<String> out = new ArrayList<>();

          @Override
          public DecoderConfig decoderConfig() {
            return config;
          }

          @Override
          public void record(DecodedRecord r) {
            StringBuilder s = new StringBuilder("time=" + r.timeMillis());
            for (int i = 0; i < r.size(); i++) {
              s.append(" | ").append(r.field(i)).append(' ').append(r.type(i)).append(' ');
              s.append(r.value(i));
            }
            for (int i = 0; i < r.capturedCount(); i++) {
              s.append(" | ").append(r.capturedId(i)).append(' ').append(r.capturedName(i));
              s.append('=').append(r.capturedValue(i));
            }
            out.add(s.toString());
          }

          @Override
          public void malformed(long line, String reason) {
            out.add("MALFORMED " + line + " " + reason);
          }

          @Override
          public List<String> finish() {
            return out;
          }
        };
  }

  private static Scans.Result scan(
      ScanOptions options, ChunkProcessor<List<String>> p, Path... in) {
    Scans.Result r = new Scans.Result();
    r.totals =
        new EventScanner(options, TestWorkers.POOL)
            .scan(Stream.of(in).map(Path::toString).toList(), p, r);
    return r;
  }

  @Test
  void corpusEvtxFilesScanToTheRecordsOfTheirEvtxDumpJson() throws IOException {
    List<Path> files = TestCorpora.files(TestCorpora.dir("sigma/regression_data"), ".evtx");
    ScanOptions options = ScanOptions.defaults().withThreads(2);
    DecoderConfig capture =
        DecoderConfig.of(new FieldCapture(List.of("Image", "EventID", "Channel", "User"), true));
    int records = 0;
    for (Path evtx : files) {
      String name = evtx.getFileName().toString();
      Path json = evtx.resolveSibling(name.substring(0, name.length() - 5) + ".json");
      Scans.Result a = scan(options, snapshots(capture), evtx);
      Scans.Result b = scan(options, snapshots(capture), json);
      assertThat(a.inputs.get(0).format()).isEqualTo(EventFormat.EVTX);
      assertThat(a.inputs.get(0).fieldMapSource()).isEqualTo("evtx-json");
      assertThat(b.inputs.get(0).format()).isEqualTo(EventFormat.EVTX_JSON);
      assertThat(a.events).as(evtx.toString()).isEqualTo(b.events).isNotEmpty();
      records += a.events.size();
    }
    assertThat(records).isGreaterThanOrEqualTo(158);
  }

  private static byte[] events(int n, int perChunk) {
    Template data =
        WindowsEvents.eventData(
            "scan", List.of("Image", "DestinationIp"), List.of(ValueType.STRING, ValueType.STRING));
    try {
      EvtxWriter w = EvtxWriter.inMemory(new EvtxWriter.Options(false, perChunk));
      for (int i = 1; i <= n; i++) {
        WindowsEvents.SystemValues s =
            new WindowsEvents.SystemValues(
                "Microsoft-Windows-Sysmon",
                UUID.fromString("5770385f-c22a-43e0-bf4c-06f5698ffbd9"),
                3,
                null,
                5,
                4,
                3,
                0,
                0x8000000000000000L,
                T0.plusSeconds(i),
                i,
                null,
                1,
                2,
                "Microsoft-Windows-Sysmon/Operational",
                "S-1-5-18");
        Value d =
            Value.binXml(
                data,
                List.of(Value.string("C:\\x" + i + ".exe"), Value.string("10.0.0." + i % 250)));
        w.write(i, T0, WindowsEvents.system("host"), WindowsEvents.values(s, d));
      }
      w.close();
      return w.bytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void chunksDecodeOnSeveralWorkersAndArriveInOrder() throws IOException {
    Path f = dir.resolve("many.evtx");
    Files.write(f, events(200, 10));
    ScanOptions options = ScanOptions.defaults().withThreads(3).withChunkBytes(2 * 65536);
    Scans.Result r = scan(options, Scans.textProcessor(), f);
    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= 200; i++) {
      expected.add(i + " RECORD");
    }
    assertThat(r.records()).isEqualTo(expected);
    assertThat(r.totals.records()).isEqualTo(200);
    assertThat(r.totals.malformed()).isZero();
    assertThat(r.summaries.get(0).bytes()).isEqualTo(Files.size(f));
    // The evtx-json field map finds the observables, as it does in evtx_dump JSON.
    assertThat(r.observables()).contains("7 Event.EventData.DestinationIp IPV4 10.0.0.7");
    assertThat(r.times()).contains("1 TIME " + T0.plusSeconds(1).toEpochMilli());
  }

  @Test
  void anEvtxBodyDecodesExactlyAsTheFile() throws IOException {
    byte[] b = events(45, 10);
    b[4096 + 65536 + 300] ^= 1;
    Path f = dir.resolve("body.evtx");
    Files.write(f, b);
    Scans.Result file = scan(ScanOptions.defaults().withThreads(2), Scans.textProcessor(), f);
    Decoders.Decoded<List<String>> body =
        new Decoders(ScanOptions.defaults())
            .decode(EventSource.detected(f.toString()), b, Scans.textProcessor());
    assertThat(body.input()).isEqualTo(file.inputs.get(0));
    assertThat(body.result()).isEqualTo(file.events).hasSizeGreaterThan(35 * 3);
    assertThat(body.summary()).isEqualTo(file.summaries.get(0));
    assertThat(body.damage()).isNull();
    Decoders.Decoded<List<String>> text =
        new Decoders(ScanOptions.defaults())
            .decode(
                new EventSource("-", EventFormat.EVTX, null),
                "{\"a\":1}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Scans.textProcessor());
    assertThat(text.damage()).isEqualTo("cannot read: not an EVTX file (no ElfFile signature)");
    assertThat(text.result()).isEmpty();
  }

  @Test
  void tinyChunkAndRecordLimitsStillReadWholeChunks() throws IOException {
    Path f = dir.resolve("tiny.evtx");
    Files.write(f, events(30, 10));
    ScanOptions options =
        ScanOptions.defaults().withThreads(2).withChunkBytes(1).withLimits(4096, 64);
    Scans.Result r = scan(options, Scans.textProcessor(), f);
    assertThat(r.records()).hasSize(30);
    assertThat(r.malformed()).isEmpty();
  }

  @Test
  void aDamagedChunkIsReportedWithItsPlaceAndTheRestIsRead() throws IOException {
    byte[] b = events(30, 10);
    b[4096 + 65536 + 300] ^= 1;
    Path f = dir.resolve("damaged.evtx");
    Files.write(f, b);
    Scans.Result r = scan(ScanOptions.defaults().withThreads(2), Scans.textProcessor(), f);
    assertThat(r.records()).hasSize(20).doesNotContain("11 RECORD", "20 RECORD");
    assertThat(r.summaries.get(0).malformed()).isEqualTo(1);
    Problem m = r.summaries.get(0).firstMalformed().get(0);
    assertThat(((Location.EventLocation) m.where()).event().sequence()).isZero();
    assertThat(m.message())
        .startsWith("chunk 1, offset 0x11000: chunk header checksum mismatch")
        .endsWith("chunk skipped");
  }

  @Test
  void gzippedEvtxAndForcedTextFormatsStillReadTheBinaryFile() throws IOException {
    Path gz = dir.resolve("log.evtx.gz");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(bytes)) {
      z.write(events(25, 10));
    }
    Files.write(gz, bytes.toByteArray());
    Scans.Result r =
        scan(
            ScanOptions.defaults().withForcedFormat(EventFormat.EVTX_JSON),
            Scans.textProcessor(),
            gz);
    assertThat(r.records()).hasSize(25);
    assertThat(r.inputs.get(0).format()).isEqualTo(EventFormat.EVTX);
  }

  @Test
  void forcingEvtxOnTextMakesTheInputUnreadable() throws IOException {
    Path f = dir.resolve("x.json");
    Files.writeString(f, "{\"a\":1}\n");
    Scans.Result r =
        scan(ScanOptions.defaults().withForcedFormat(EventFormat.EVTX), Scans.textProcessor(), f);
    assertThat(r.unreadable)
        .containsExactly(f + ": cannot read: not an EVTX file (no ElfFile signature)");
  }
}
