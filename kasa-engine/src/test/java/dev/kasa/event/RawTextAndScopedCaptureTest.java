package dev.kasa.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.TestWorkers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record's raw text, and capture of every field limited to some sources and decoded on demand.
 */
class RawTextAndScopedCaptureTest {
  @TempDir Path dir;

  private List<String> scan(Path file, EventFormat format, FieldCapture capture) {
    ScanOptions options = ScanOptions.defaults().withThreads(1).withForcedFormat(format);
    DecoderConfig config = DecoderConfig.of(capture);
    List<String> out = new ArrayList<>();
    new EventScanner(options, TestWorkers.POOL)
        .scan(
            List.of(file.toString()),
            input ->
                new ChunkTask<List<String>>() {
                  final List<String> seen = new ArrayList<>();

                  @Override
                  public DecoderConfig decoderConfig() {
                    return config;
                  }

                  @Override
                  public void record(DecodedRecord r) {
                    StringBuilder names = new StringBuilder();
                    for (int i = 0; i < r.capturedCount(); i++) {
                      names.append(r.capturedName(i)).append(',');
                    }
                    // A record whose every value is decoded on demand shows both captures.
                    DecodedRecord full = r.everyValue();
                    if (full != r) {
                      assertThat(full.line()).isEqualTo(r.line());
                      assertThat(full.rawText()).isEqualTo(r.rawText());
                      names.append('+');
                      for (int i = 0; i < full.capturedCount(); i++) {
                        names.append(full.capturedName(i)).append(',');
                      }
                    }
                    seen.add(r.line() + "|" + r.rawText() + "|" + names);
                  }

                  @Override
                  public void malformed(long line, String reason) {}

                  @Override
                  public List<String> finish() {
                    return seen;
                  }
                },
            new ScanListener<List<String>>() {
              @Override
              public void chunkDone(EventInput input, List<String> result) {
                out.addAll(result);
              }

              @Override
              public void inputDone(EventInput input, InputSummary summary) {}

              @Override
              public void unreadable(String input, String reason) {
                out.add("UNREADABLE " + reason);
              }
            });
    return out;
  }

  @Test
  void jsonLinesGiveTheirLineAsRawText() throws IOException {
    Path f = dir.resolve("e.json");
    Files.writeString(f, "{\"a\":\"x\\\\y\",\"b\":1}\n\n{\"a\":\"é\"}\n");
    assertThat(scan(f, EventFormat.NDJSON, FieldCapture.of(List.of("a"))))
        .containsExactly(
            "1|{\"a\":\"x\\\\y\",\"b\":1}|a,",
            // UTF-8 bytes read one char each (ISO-8859-1): é is two chars.
            "3|{\"a\":\"\u00c3\u00a9\"}|a,");
  }

  @Test
  void zeekTsvGivesTheLineAndEvtxTheWholeObject() throws IOException {
    Path tsv = dir.resolve("dns.log");
    Files.writeString(
        tsv,
        "#separator \\x09\n#path\tdns\n#fields\tts\tquery\n#types\ttime\tstring\n"
            + "1700000000.0\tevil.example\n");
    assertThat(scan(tsv, EventFormat.ZEEK_TSV, FieldCapture.of(List.of("query"))))
        .containsExactly("5|1700000000.0\tevil.example|query,");
    Path evtx = dir.resolve("s.evtx.json");
    String obj = "{\n  \"Event\": {\n    \"EventData\": {\"Image\": \"a.exe\"}\n  }\n}";
    Files.writeString(evtx, "Record 1\n" + obj + "\n");
    assertThat(scan(evtx, EventFormat.EVTX_JSON, FieldCapture.of(List.of("Image"))))
        .singleElement()
        .satisfies(l -> assertThat(l).contains("|" + obj + "|").endsWith("|Image,"));
  }

  @Test
  void captureOfEveryFieldAppliesOnlyToTheSourcesNamed() throws IOException {
    Path f = dir.resolve("e.json");
    Files.writeString(f, "{\"a\":\"1\",\"b\":\"2\"}\n");
    FieldCapture onlyWindows = new FieldCapture(List.of("a"), true, Set.of("windows-json"));
    assertThat(onlyWindows.allFor("windows-json")).isTrue();
    assertThat(onlyWindows.allFor("ndjson")).isFalse();
    assertThat(new FieldCapture(List.of("a"), true).allFor("ndjson")).isTrue();
    assertThat(scan(f, EventFormat.NDJSON, onlyWindows)).singleElement().asString().endsWith("|a,");
    // JSON records capture the named fields when decoded, every field when a rule asks for them.
    assertThat(scan(f, EventFormat.WINDOWS_JSON, onlyWindows))
        .singleElement()
        .asString()
        .endsWith("|a,+a,b,");
  }
}
