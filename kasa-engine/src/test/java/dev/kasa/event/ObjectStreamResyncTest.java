package dev.kasa.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.TestCorpora;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A broken record in a stream of pretty-printed objects (evtx_dump's layout) is reported where it
 * starts, and decoding resumes at the next record: one stray brace or quote does not swallow the
 * rest of the file.
 */
class ObjectStreamResyncTest {
  /** Record {@code i} as evtx_dump writes it: 12 lines, braces at column 1. */
  static String record(int i) {
    return """
    {
      "Event": {
        "System": {
          "EventID": 3,
          "EventRecordID": %d
        },
        "EventData": {
          "Image": "C:\\\\Windows\\\\x%d.exe",
          "DestinationIp": "10.0.0.%d"
        }
      }
    }
    """
        .formatted(i, i, i % 250);
  }

  /** What decoding gave: {@code R<line>} per record, {@code M<line> reason} per malformed one. */
  static List<String> decode(String text, int maxRecordBytes) throws IOException {
    List<String> out = new ArrayList<>();
    new JsonObjectStreamDecoder(FieldMaps.defaults().forSource("evtx-json"), maxRecordBytes, 64)
        .decode(
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
            new RecordSink() {
              @Override
              public void record(DecodedRecord r) {
                out.add("R" + r.line());
              }

              @Override
              public void malformed(long line, String reason) {
                out.add("M" + line + " " + reason);
              }
            },
            n -> {});
    return out;
  }

  static List<String> decode(String text) throws IOException {
    return decode(text, 1 << 20);
  }

  /** Five records, the second one damaged by {@code damage}. */
  private static String withSecondDamaged(java.util.function.UnaryOperator<String> damage) {
    return record(1) + damage.apply(record(2)) + record(3) + record(4) + record(5);
  }

  @Test
  void aStrayBraceLosesOnlyItsRecord() throws IOException {
    String text = withSecondDamaged(r -> r.replace("\"EventData\": {", "\"EventData\": {{"));
    assertThat(decode(text))
        .containsExactly(
            "R1",
            "M13 JSON object not closed before the next record at line 25",
            "R25",
            "R37",
            "R49");
  }

  @Test
  void aStrayBraceAtTheStartOfALineLosesOnlyItsRecord() throws IOException {
    String text = withSecondDamaged(r -> r.replace("    \"EventData\"", "{   \"EventData\""));
    assertThat(decode(text)).contains("R1", "R25", "R37", "R49").doesNotContain("R13");
    assertThat(decode(text)).filteredOn(s -> s.startsWith("M")).isNotEmpty();
  }

  @Test
  void anUnbalancedQuoteLosesOnlyItsRecord() throws IOException {
    String text = withSecondDamaged(r -> r.replace(".exe\",", ".exe,"));
    List<String> got = decode(text);
    assertThat(got).contains("R1", "R25", "R37", "R49").doesNotContain("R13");
    assertThat(got).filteredOn(s -> s.startsWith("M")).allMatch(s -> s.startsWith("M13 "));
  }

  @Test
  void aRecordCutShortLosesOnlyItself() throws IOException {
    // The second record ends after five of its lines (a sensor restarted mid-record).
    String cut = String.join("\n", record(2).lines().limit(5).toList()) + "\n";
    String text = record(1) + cut + record(3) + record(4);
    assertThat(decode(text))
        .containsExactly(
            "R1", "M13 JSON object not closed before the next record at line 18", "R18", "R30");
  }

  @Test
  void aBrokenLastRecordIsReportedAtTheEnd() throws IOException {
    String text = record(1) + record(2).replace("\"System\": {", "\"System\": {{");
    assertThat(decode(text)).containsExactly("R1", "M13 JSON object not closed at end of input");
  }

  @Test
  void recordHeadersAlsoEndABrokenRecord() throws IOException {
    StringBuilder s = new StringBuilder();
    for (int i = 1; i <= 4; i++) {
      String r = record(i);
      s.append("Record ").append(i).append('\n');
      s.append(i == 2 ? r.replace("\"EventData\": {", "\"EventData\": {{") : r);
    }
    assertThat(decode(s.toString()))
        .containsExactly(
            "R2", "M15 JSON object not closed before the 'Record' header at line 27", "R28", "R41");
  }

  @Test
  void aRecordThatNeverClosesStopsAtTheSizeLimit() throws IOException {
    // Not pretty-printed, so no line tells where the next record starts: the size limit does.
    String broken = "{\"a\": [\n" + "1,\n".repeat(400);
    String good = "{\"Event\": {\"EventData\": {\"DestinationIp\": \"10.0.0.7\"}}}\n";
    assertThat(decode(broken + good + good, 256))
        .containsExactly("M1 record larger than 256 bytes", "R402", "R403");
  }

  @Test
  void validLayoutsWithBracesAtColumnOneStillDecode() throws IOException {
    String arrays = "{\"a\": [\n{\"b\": 1},\n{\"c\": 2}\n],\n\"d\": {\n}\n}\n";
    String odd = "{\n\"a\":\n{\"b\": 1}\n}\n";
    String nested = "{\"a\": {\n\"b\": [\n{\n\"c\": 1\n}\n]\n}\n}\n";
    assertThat(decode(arrays + odd + nested + record(1))).containsExactly("R1", "R8", "R12", "R20");
  }

  @Test
  void aStrayBraceInARealRegressionSampleLosesOnlyItsRecord() throws IOException {
    List<Path> samples = TestCorpora.files(TestCorpora.dir("sigma/regression_data"), ".json");
    int tried = 0;
    for (Path sample : samples) {
      String text = Files.readString(sample);
      List<String> whole = decode(text);
      if (whole.size() < 2) {
        continue;
      }
      tried++;
      // The first record's first nested object gets a second opening brace.
      int at = text.indexOf(": {") + 3;
      List<String> got = decode(text.substring(0, at) + "{" + text.substring(at));
      assertThat(got).as(sample.toString()).containsAll(whole.subList(1, whole.size()));
      assertThat(got.get(0)).as(sample.toString()).startsWith("M1 JSON object not closed");
    }
    assertThat(tried).as("regression samples with several records").isGreaterThan(10);
  }
}
