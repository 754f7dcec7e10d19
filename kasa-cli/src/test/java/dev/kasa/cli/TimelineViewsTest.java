package dev.kasa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kasa scan --sort time}, {@code --dedup} and {@code --aggregate} on csv and jsonl. */
class TimelineViewsTest {
  @TempDir Path dir;

  /** Two inputs whose events interleave in time, and one event without a time. */
  private Path[] interleaved() throws IOException {
    Path list = dir.resolve("bad.txt");
    Files.writeString(list, "evil.example\n203.0.113.9\n");
    Path logs = Files.createDirectory(dir.resolve("logs"));
    Files.writeString(
        logs.resolve("a.ndjson"),
        """
        {"timestamp":"2026-06-01T00:00:03Z","query":"evil.example","n":"a1"}
        {"query":"evil.example","n":"a-untimed"}
        {"timestamp":"2026-06-01T00:00:01Z","query":"evil.example","n":"a3"}
        """);
    Files.writeString(
        logs.resolve("b.ndjson"),
        """
        {"timestamp":"2026-06-01T00:00:02Z","dst":"203.0.113.9","n":"b1"}
        {"timestamp":"2026-06-01T00:00:01Z","dst":"203.0.113.9","n":"b2"}
        """);
    return new Path[] {list, logs};
  }

  @Test
  void sortTimeOrdersEveryInputByEventTimeTiesInInputOrderUntimedLast() throws IOException {
    Path[] in = interleaved();
    CliRun csv =
        CliRun.kasa(
            "scan", "-i", in[0].toString(), "-f", "csv", "--sort", "time", in[1].toString());
    assertThat(csv.status()).as(csv.err()).isZero();
    List<String> rows = csv.out().lines().toList();
    assertThat(
            rows.subList(1, rows.size()).stream()
                .map(
                    r ->
                        r.split(",", -1)[11]
                            + r.split(",", -1)[10].substring(r.split(",", -1)[10].length() - 8)))
        .containsExactly("3a.ndjson", "2b.ndjson", "1b.ndjson", "1a.ndjson", "2a.ndjson");
    assertThat(rows.get(rows.size() - 1)).startsWith(",indicator,");

    CliRun jsonl =
        CliRun.kasa(
            "scan", "-i", in[0].toString(), "-f", "jsonl", "--sort", "time", in[1].toString());
    assertThat(jsonl.status()).as(jsonl.err()).isZero();
    assertThat(jsonl.jsonLines().stream().map(l -> l.get("line").asInt()))
        .containsExactly(3, 2, 1, 1, 2);
    CliRun unsorted = CliRun.kasa("scan", "-i", in[0].toString(), "-f", "jsonl", in[1].toString());
    assertThat(jsonl.out().lines().sorted().toList())
        .isEqualTo(unsorted.out().lines().sorted().toList());
  }

  @Test
  void spillingToTemporaryFilesGivesTheSameBytesAsSortingInMemory() {
    assertThat(CliRun.kasa("demo", "--extract", dir.toString(), "--format", "jsonl").status())
        .isZero();
    for (String format : List.of("csv", "jsonl")) {
      String[] scan = {
        "scan",
        "-i",
        dir.resolve("intel").toString(),
        "-s",
        dir.resolve("sigma").toString(),
        "-f",
        format,
        "--sort",
        "time",
        "--dedup",
        dir.resolve("logs").toString()
      };
      CliRun memory = CliRun.kasa(scan);
      CliRun spilled = CliRun.kasa(concat(scan, "--sort-buffer", "2"));
      assertThat(memory.status()).as(memory.err()).isZero();
      assertThat(spilled.status()).as(spilled.err()).isZero();
      assertThat(memory.out().lines().count()).isGreaterThan(20);
      assertThat(spilled.out()).isEqualTo(memory.out());
    }
  }

  @Test
  void dedupFoldsASysmonAndASecurityCopyOfOneProcessStartKeepingBoth() throws IOException {
    Path rule = dir.resolve("evil.yml");
    Files.writeString(
        rule,
        """
        title: Evil tool started
        id: 6f0e2d4c-1b3a-4c5d-8e7f-9a0b1c2d3e4f
        level: high
        logsource:
          category: process_creation
          product: windows
        detection:
          selection:
            Image|endswith: '\\evil.exe'
          condition: selection
        """);
    Path logs = Files.createDirectory(dir.resolve("logs"));
    Files.writeString(
        logs.resolve("security.json"),
        "{\"EventTime\":\"2026-06-01 10:00:00.900\",\"Channel\":\"Security\",\"EventID\":4688,"
            + "\"Computer\":\"WS01\",\"NewProcessName\":\"C:\\\\Temp\\\\evil.exe\"}\n"
            + "{\"EventTime\":\"2026-06-01 10:00:05\",\"Channel\":\"Security\",\"EventID\":4688,"
            + "\"Computer\":\"WS01\",\"NewProcessName\":\"C:\\\\Temp\\\\evil.exe\"}\n");
    Files.writeString(
        logs.resolve("sysmon.json"),
        "{\"EventTime\":\"2026-06-01 10:00:00.100\",\"Channel\":"
            + "\"Microsoft-Windows-Sysmon/Operational\",\"EventID\":1,\"Computer\":\"WS01\","
            + "\"Image\":\"C:\\\\Temp\\\\evil.exe\"}\n"
            + "{\"EventTime\":\"2026-06-01 10:00:00.200\",\"Channel\":"
            + "\"Microsoft-Windows-Sysmon/Operational\",\"EventID\":1,\"Computer\":\"WS02\","
            + "\"Image\":\"C:\\\\Temp\\\\evil.exe\"}\n");
    String[] scan = {"scan", "-s", rule.toString(), logs.toString()};
    CliRun plain = CliRun.kasa(concat(scan, "-f", "csv"));
    assertThat(plain.out().lines().count()).as(plain.err()).isEqualTo(5);

    for (String sort : List.of("", "time")) {
      String[] args = concat(scan, "-f", "csv", "--dedup");
      CliRun csv = CliRun.kasa(sort.isEmpty() ? args : concat(args, "--sort", sort));
      assertThat(csv.status()).as(csv.err()).isZero();
      List<String> rows = csv.out().lines().toList();
      // WS01 at 10:00:00 folds (Security and Sysmon); WS02 and the later WS01 start do not.
      assertThat(rows).as(csv.out()).hasSize(4);
      String folded =
          rows.stream()
              .filter(r -> r.contains(",WS01,") && r.contains("10:00:00"))
              .findFirst()
              .orElseThrow();
      assertThat(folded)
          .contains(
              sort.isEmpty()
                  ? logs.resolve("security.json") + ";" + logs.resolve("sysmon.json")
                  : logs.resolve("sysmon.json") + ";" + logs.resolve("security.json"))
          .contains(",2026-06-01T10:00:00.100Z,".substring(1))
          .contains(",1;1,");
    }

    CliRun jsonl = CliRun.kasa(concat(scan, "-f", "jsonl", "--dedup", "--sort", "time"));
    List<JsonNode> lines = jsonl.jsonLines();
    assertThat(lines).hasSize(3);
    JsonNode first = lines.get(0);
    assertThat(first.get("file").asText()).endsWith("sysmon.json");
    assertThat(first.get("folded")).hasSize(1);
    assertThat(first.get("folded").get(0).get("file").asText()).endsWith("security.json");
    assertThat(lines.get(1).has("folded")).isFalse();
  }

  @Test
  void dedupFoldsOneValueFromTwoFeedsAndListsBothSources() throws IOException {
    Path list = dir.resolve("feed-a.txt");
    Files.writeString(list, "evil.example\n");
    Path bundle = dir.resolve("feed-b.json");
    Files.writeString(
        bundle,
        """
        {"type": "bundle", "id": "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d", "objects": [
          {"type": "indicator", "spec_version": "2.1",
           "id": "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
           "created": "2026-01-01T00:00:00.000Z", "modified": "2026-01-01T00:00:00.000Z",
           "name": "Evil domain", "pattern_type": "stix",
           "pattern": "[domain-name:value = 'evil.example']",
           "valid_from": "2026-01-01T00:00:00Z"}
        ]}
        """);
    Path log = dir.resolve("dns.ndjson");
    Files.writeString(log, "{\"timestamp\":\"2026-06-01T00:00:00Z\",\"query\":\"evil.example\"}\n");
    String[] scan = {"scan", "-i", list.toString(), "-i", bundle.toString(), log.toString()};
    CliRun plain = CliRun.kasa(concat(scan, "-f", "csv"));
    assertThat(plain.out().lines().count()).as(plain.out()).isEqualTo(3);
    CliRun csv = CliRun.kasa(concat(scan, "-f", "csv", "--dedup"));
    assertThat(csv.status()).as(csv.err()).isZero();
    List<String> rows = csv.out().lines().toList();
    assertThat(rows).as(csv.out()).hasSize(2);
    assertThat(csv.err())
        .contains("kasa: dedup: 1 findings folded into the rows of their first copy");
    assertThat(rows.get(1))
        .contains(";indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f")
        .contains("," + log + ";" + log + ",1;1,")
        .contains(list + ";" + bundle);
  }

  @Test
  void aggregateCountsPerDetectionAndHostWithFirstAndLastSeen() throws IOException {
    Path[] in = interleaved();
    CliRun csv =
        CliRun.kasa("scan", "-i", in[0].toString(), "-f", "csv", "--aggregate", in[1].toString());
    assertThat(csv.status()).as(csv.err()).isZero();
    List<String> rows = csv.out().lines().toList();
    assertThat(rows.get(0))
        .isEqualTo("kind,detection_id,title,level,tlp,host,count,first_seen,last_seen");
    assertThat(rows).hasSize(3);
    assertThat(rows.get(1))
        .startsWith("indicator,indicator--")
        .contains(",domain-name evil.example,,none,,3,")
        .endsWith(",2026-06-01T00:00:01.000Z,2026-06-01T00:00:03.000Z");
    assertThat(rows.get(2))
        .contains(",ipv4-addr 203.0.113.9,,none,,2,")
        .endsWith(",2026-06-01T00:00:01.000Z,2026-06-01T00:00:02.000Z");

    CliRun jsonl =
        CliRun.kasa("scan", "-i", in[0].toString(), "-f", "jsonl", "--aggregate", in[1].toString());
    assertThat(jsonl.jsonLines().stream().map(l -> l.get("count").asLong()))
        .containsExactly(3L, 2L);

    CliRun table = CliRun.kasa("scan", "-i", in[0].toString(), "--aggregate", in[1].toString());
    assertThat(table.out().lines().toList().get(0)).startsWith("COUNT    FIRST SEEN");
    assertThat(table.out()).contains("indicator domain-name evil.exampl");
  }

  @Test
  void aViewTheFormatCannotHonourIsAUsageError() throws IOException {
    Path[] in = interleaved();
    String i = in[0].toString();
    String logs = in[1].toString();
    record Case(List<String> args, String message) {}
    for (Case c :
        List.of(
            new Case(List.of("--sort", "time"), "--sort does not apply to --format table"),
            new Case(List.of("--dedup"), "--dedup does not apply to --format table"),
            new Case(List.of("-f", "stix", "--dedup"), "--dedup does not apply to --format stix"),
            new Case(
                List.of("-f", "stix", "--aggregate"),
                "--aggregate does not apply to --format stix"),
            new Case(
                List.of("-f", "csv", "--aggregate", "--sort", "time"),
                "cannot be combined with --sort"),
            new Case(List.of("-f", "csv", "--sort", "size"), "--sort"))) {
      String[] args =
          Stream.concat(
                  Stream.of("scan", "-i", i), Stream.concat(c.args().stream(), Stream.of(logs)))
              .toArray(String[]::new);
      CliRun run = CliRun.kasa(args);
      assertThat(run.status()).as(c.args().toString()).isEqualTo(Kasa.USAGE);
      assertThat(run.err()).as(c.args().toString()).contains(c.message());
      assertThat(run.out()).isEmpty();
    }
  }

  static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
