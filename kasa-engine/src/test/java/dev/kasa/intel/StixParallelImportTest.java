package dev.kasa.intel;

import static dev.kasa.intel.StixBundleImporterTest.IS;
import static dev.kasa.intel.StixBundleImporterTest.indicator;
import static dev.kasa.intel.StixBundleImporterTest.rel;
import static dev.kasa.intel.StixBundleImporterTest.sdo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.ErrorCode;
import dev.kasa.Problem;
import dev.kasa.TestWorkers;
import dev.kasa.intel.StixBundleImporterTest.Collect;
import dev.kasa.stix.StixReaderLimits;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Importing on worker threads gives what importing on the caller's thread gives. */
class StixParallelImportTest {
  // Several runs' worth of objects: supported, pending, invalid, unsupported, attributed, marked.
  static String bundle(int n, String end) {
    List<String> objects = new ArrayList<>();
    objects.add(sdo(IS, ",`name`:`Group`"));
    for (int i = 0; i < n; i++) {
      String id = String.format("indicator--a932fcc6-e032-476c-826f-%012x", i);
      objects.add(
          switch (i % 6) {
            case 0 -> indicator(id, "[ipv4-addr:value = '10.0." + (i % 250) + ".1']", "");
            case 1 -> indicator(id, "[domain-name:value = 'Ex" + i + ".example.ORG']", "");
            case 2 -> indicator(id, "[file:size > 5]", ",`x_pad`:`" + "p".repeat(300) + "`");
            case 3 -> indicator(id, "[ipv4-addr:value = '999.1.1.1']", "");
            case 4 -> "{`type`:`indicator`,`id`:`" + id + "`}";
            default ->
                indicator(
                    id,
                    "[url:value = 'http://a.example/" + i + "'] OR [ipv4-addr:value = '10.1.1.1']",
                    ",`object_marking_refs`:[`marking-definition--"
                        + "f88d31f6-486f-44da-b317-01333bde0b82`]");
          });
      if (i % 10 == 0) {
        objects.add(rel(i % 100, "indicates", id, IS, ""));
      }
    }
    return ("{\"type\":\"bundle\",\"objects\":[\n" + String.join(",\n", objects) + "\n]" + end)
        .replace('`', '"');
  }

  static Collect importWith(byte[] json, int threads, boolean gzip) throws Exception {
    var sink = new Collect();
    var in = new ByteArrayInputStream(json);
    if (gzip) {
      var out = new java.io.ByteArrayOutputStream();
      try (var z = new GZIPOutputStream(out)) {
        z.write(json);
      }
      new StixBundleImporter(StixReaderLimits.DEFAULT, TestWorkers.POOL, threads)
          .read(new GZIPInputStream(new ByteArrayInputStream(out.toByteArray())), "b.json", sink);
    } else {
      new StixBundleImporter(StixReaderLimits.DEFAULT, TestWorkers.POOL, threads)
          .read(in, "b.json", sink);
    }
    return sink;
  }

  static void assertSame(String json) throws Exception {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    Collect expected = importWith(bytes, 1, false);
    for (int threads : new int[] {2, 3}) {
      for (boolean gzip : new boolean[] {false, true}) {
        Collect actual = importWith(bytes, threads, gzip);
        assertThat(actual.indicators).isEqualTo(expected.indicators);
        assertThat(actual.problems).isEqualTo(expected.problems);
      }
    }
  }

  @Test
  void aBundleOfManyRunsImportsTheSameIndicatorsAndProblemsInTheSameOrder() throws Exception {
    String json = bundle(4000, ",\"id\":\"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\"}");
    assertThat(json.length()).isGreaterThan(3 << 18);
    assertSame(json);
    Collect c = importWith(json.getBytes(StandardCharsets.UTF_8), 2, false);
    assertThat(c.indicators).hasSizeGreaterThan(2000);
    assertThat(c.indicators.stream().filter(i -> !i.attribution().equals(Attribution.NONE)))
        .isNotEmpty();
    assertThat(c.problems)
        .extracting(Problem::code)
        .contains(ErrorCode.PATTERN_PENDING, ErrorCode.INVALID_INPUT);
  }

  @Test
  void aBundleCutShortKeepsWhatCameBeforeAsTheSequentialImportDoes() throws Exception {
    String json = bundle(3000, "}");
    assertSame(json.substring(0, json.length() * 2 / 3));
  }
}
