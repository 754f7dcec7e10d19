package dev.kasa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kasa scan --format csv}: one header row, fixed columns, RFC 4180 quoting and CRLF. */
class CsvTimelineTest {
  @TempDir Path dir;

  @Test
  void everyFindingIsARowUnderOneHeaderInInputOrder() {
    assertThat(CliRun.kasa("demo", "--extract", dir.toString(), "--format", "jsonl").status())
        .isZero();
    String[] args = {
      "scan", "-i", dir.resolve("intel").toString(), "-s", dir.resolve("sigma").toString()
    };
    CliRun jsonl = CliRun.kasa(concat(args, "-f", "jsonl", dir.resolve("logs").toString()));
    CliRun csv = CliRun.kasa(concat(args, "-f", "csv", dir.resolve("logs").toString()));
    assertThat(csv.status()).as(csv.err()).isZero();
    assertThat(csv.out()).endsWith("\r\n");
    List<String> rows = csv.out().lines().toList();
    assertThat(rows.get(0))
        .isEqualTo(
            "time,kind,detection_id,title,level,host,source,destination,field,value,input,line,"
                + "intel_source,intel_producer,intel_name,intel_containers");
    assertThat(rows).hasSize(jsonl.jsonLines().size() + 1);
    assertThat(rows.subList(1, rows.size()).stream().map(r -> r.split(",")[1]))
        .containsExactlyElementsOf(
            jsonl.jsonLines().stream().map(l -> l.get("kind").asText()).toList());
    assertThat(csv.out())
        .contains(",sigma,5b8f3c2e-7a41-4d0b-9c6e-2f1a8e3d9b70,")
        .contains(",correlation,9c2a7e51-4d3f-4b8a-a6e0-1f5d8c3b2a94,");
  }

  @Test
  void cellsWithCommasQuotesOrLineEndsAreQuoted() throws IOException {
    Path list = dir.resolve("mine.txt");
    Files.writeString(list, "evil.example\n");
    Path log = dir.resolve("dns.ndjson");
    Files.writeString(
        log, "{\"timestamp\":\"2026-06-01T00:00:00Z\",\"query\":\"evil.example\",\"n\":\"a\"}\n");
    CliRun run = CliRun.kasa("scan", "-i", list.toString(), "-f", "csv", log.toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out().lines().toList().get(1))
        .startsWith("2026-06-01T00:00:00.000Z,indicator,indicator--")
        .contains(",query,evil.example," + log + ",1,");
    assertThat(dev.kasa.cli.report.CsvReportQuoting.quoted("a,\"b\"\nc"))
        .isEqualTo("\"a,\"\"b\"\"\nc\"");
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
