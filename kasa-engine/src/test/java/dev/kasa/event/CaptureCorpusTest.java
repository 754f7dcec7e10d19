package dev.kasa.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.kasa.TestCorpora;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * Captures from the real corpora (skipped when absent): SigmaHQ evtx_dump regression samples and
 * OTRF flat Windows JSON lines.
 */
class CaptureCorpusTest {
  @Test
  void everyRegressionEventHasItsIdChannelProviderAndTime() throws IOException {
    List<String> files =
        TestCorpora.files(TestCorpora.dir("sigma/regression_data"), ".json").stream()
            .map(Path::toString)
            .toList();
    assertThat(files).isNotEmpty();
    var r =
        Captures.scan(
            Captures.names("EventID", "Channel", "Provider_Name", "TimeCreated_SystemTime"),
            null,
            files.toArray(new String[0]));
    assertThat(r.malformed()).isEmpty();
    assertThat(r.lines).noneMatch(l -> l.startsWith("UNREADABLE"));
    // Records of different files share line numbers: check each record's block in order.
    int records = 0;
    List<String> lines = r.lines;
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).endsWith(" RECORD")) {
        continue;
      }
      records++;
      String prefix = lines.get(i).substring(0, lines.get(i).indexOf(' ') + 1);
      long time = Long.parseLong(lines.get(i + 1).substring((prefix + "TIME ").length()));
      List<String> captured = lines.subList(i + 2, next(lines, i + 1));
      assertThat(captured).filteredOn(c -> c.startsWith(prefix + "0 EventID=")).hasSize(1);
      assertThat(captured).filteredOn(c -> c.startsWith(prefix + "1 Channel=")).hasSize(1);
      assertThat(captured).filteredOn(c -> c.startsWith(prefix + "2 Provider_Name=")).hasSize(1);
      String systemTime =
          captured.stream()
              .filter(c -> c.startsWith(prefix + "3 TimeCreated_SystemTime="))
              .findFirst()
              .orElseThrow()
              .substring((prefix + "3 TimeCreated_SystemTime=").length());
      assertThat(time).as(systemTime).isEqualTo(Instant.parse(systemTime).toEpochMilli());
    }
    assertThat(records).isGreaterThanOrEqualTo(files.size());
  }

  @Test
  void capturingAllOfOtrfEventsGivesJacksonsLeaves() throws IOException {
    List<Path> zips =
        TestCorpora.files(TestCorpora.dir("otrf/atomic/windows"), ".zip").stream()
            .limit(12)
            .toList();
    var mapper =
        JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();
    var decoder =
        new JsonLinesDecoder(
            FieldMaps.defaults().forSource("windows-json"),
            CaptureTable.of(new FieldCapture(List.of("EventID", "CommandLine"), true), false),
            1 << 20,
            64);
    long compared = 0;
    for (Path zip : zips) {
      byte[] chunk = firstLines(zip, 2 << 20);
      if (chunk.length == 0) {
        continue;
      }
      List<List<String>> ours = new ArrayList<>();
      decoder.decode(
          chunk,
          0,
          chunk.length,
          1,
          new RecordSink() {
            @Override
            public void record(DecodedRecord r) {
              List<String> c = new ArrayList<>();
              for (int i = 0; i < r.capturedCount(); i++) {
                c.add(r.capturedId(i) + " " + r.capturedName(i) + "=" + r.capturedValue(i));
              }
              ours.add(c);
            }

            @Override
            public void malformed(long line, String reason) {
              throw new AssertionError(zip + ":" + line + " " + reason);
            }
          });
      String[] lines = new String(chunk, StandardCharsets.UTF_8).split("\n");
      int k = 0;
      for (String line : lines) {
        if (line.isBlank()) {
          continue;
        }
        List<String> theirs = new ArrayList<>();
        leaves(mapper.readTree(line), "", theirs);
        assertThat(ours.get(k++)).as(zip + ": " + line).isEqualTo(theirs);
        compared++;
      }
    }
    assertThat(compared).isGreaterThan(1000);
  }

  /** Scalar leaves as capture gives them: dotted paths, array elements under the array's path. */
  private static void leaves(JsonNode node, String path, List<String> out) {
    if (node.isObject()) {
      node.properties()
          .forEach(
              e ->
                  leaves(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out));
    } else if (node.isArray()) {
      node.forEach(e -> leaves(e, path, out));
    } else {
      int id = path.equals("EventID") ? 0 : path.equals("CommandLine") ? 1 : -1;
      out.add(id + " " + path + "=" + (node.isNull() ? null : node.asText()));
    }
  }

  /** The first whole lines (up to about {@code max} bytes) of the first JSON entry of a zip. */
  private static byte[] firstLines(Path zip, int max) throws IOException {
    try (var in = new ZipInputStream(Files.newInputStream(zip))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        if (e.getName().endsWith(".json")) {
          byte[] b = in.readNBytes(max);
          int end = b.length;
          while (end > 0 && b[end - 1] != '\n') {
            end--;
          }
          return Arrays.copyOf(b, end);
        }
      }
    } catch (ZipException encrypted) {
      // A few OTRF archives are password-protected.
    }
    return new byte[0];
  }

  private static int next(List<String> lines, int from) {
    for (int i = from + 1; i < lines.size(); i++) {
      if (lines.get(i).endsWith(" RECORD")) {
        return i;
      }
    }
    return lines.size();
  }
}
