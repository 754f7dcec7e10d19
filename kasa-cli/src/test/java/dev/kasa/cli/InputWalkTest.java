package dev.kasa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a directory walk reads and skips, for intel and logs, and {@code --problems FILE}. */
class InputWalkTest {
  @TempDir Path dir;

  private static final String LOG = "{\"dst\":\"198.51.100.77\"}\n{\"dst\":\"licensed.example\"}\n";

  @Test
  void aLicenseInAnIntelFolderNeverBecomesIndicatorsButAListFileDoes() throws IOException {
    Path intel = Files.createDirectories(dir.resolve("intel"));
    Files.writeString(intel.resolve("LICENSE"), "198.51.100.77\nunder\nterms\n");
    Files.writeString(intel.resolve("README"), "readme words\n");
    Files.writeString(intel.resolve("bad.list"), "198.51.100.78\n");
    Path log = Files.writeString(dir.resolve("events.json"), LOG);
    CliRun run =
        CliRun.kasa("scan", "--intel", intel.toString(), "--format", "jsonl", log.toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.jsonLines()).isEmpty();
    assertThat(run.err())
        .contains("1 indicator values from 1 files")
        .contains("2 files skipped in directories");
  }

  @Test
  void aFileNotNamedAsAListIsAProblemUnlessGivenWithIntelList() throws IOException {
    Path values = Files.writeString(dir.resolve("LICENSE"), "198.51.100.77\n");
    Path log = Files.writeString(dir.resolve("events.json"), LOG);
    CliRun named =
        CliRun.kasa("scan", "--intel", values.toString(), "--format", "jsonl", log.toString());
    assertThat(named.jsonLines()).isEmpty();
    assertThat(named.err()).contains("not named as a plain list").contains("--intel-list");

    CliRun forced =
        CliRun.kasa("scan", "--intel-list", values.toString(), "--format", "jsonl", log.toString());
    assertThat(forced.status()).as(forced.err()).isZero();
    assertThat(forced.jsonLines())
        .as(forced.err())
        .singleElement()
        .satisfies(h -> assertThat(h.get("value").asText()).isEqualTo("198.51.100.77"));
  }

  @Test
  void nonLogFilesInALogFolderAreSkippedAndCountedInOneLine() throws IOException {
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Files.writeString(logs.resolve("events.json"), LOG);
    Files.writeString(logs.resolve("README.md"), "# 198.51.100.77 is in this dataset\n");
    Files.writeString(logs.resolve("LICENSE"), "198.51.100.77\n");
    Files.writeString(logs.resolve("dataset.yaml"), "host: 198.51.100.77\n");
    Files.write(logs.resolve("map.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    Path values = Files.writeString(dir.resolve("values.txt"), "198.51.100.77\n");
    CliRun run =
        CliRun.kasa("scan", "--intel", values.toString(), "--format", "jsonl", logs.toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.jsonLines())
        .singleElement()
        .satisfies(h -> assertThat(h.get("file").asText()).endsWith("events.json"));
    List<String> warnings =
        run.err().lines().filter(l -> l.contains("not logs by their names")).toList();
    assertThat(warnings)
        .singleElement()
        .satisfies(w -> assertThat(w).startsWith("kasa: warning: 4 files in log directories"));
    assertThat(run.err()).contains("kasa: logs: 1 inputs");
  }

  @Test
  void aLogFileGivenByNameIsReadWhateverItsName() throws IOException {
    Path log = Files.writeString(dir.resolve("README.md"), LOG);
    Path values = Files.writeString(dir.resolve("values.txt"), "198.51.100.77\n");
    CliRun run =
        CliRun.kasa("scan", "--intel", values.toString(), "--format", "jsonl", log.toString());
    assertThat(run.jsonLines()).singleElement();
  }

  @Test
  void problemsFileHoldsEveryProblemNotOnlyTheFirstTen() throws IOException {
    StringBuilder bad = new StringBuilder();
    for (int i = 0; i < 25; i++) {
      bad.append("{\"dst\":\"198.51.100.77\" broken ").append(i).append('\n');
    }
    Path log = Files.writeString(dir.resolve("events.json"), LOG + bad);
    StringBuilder intel = new StringBuilder();
    for (int i = 0; i < 15; i++) {
      intel.append("not a value ").append(i).append(" ?\n");
    }
    Path values = Files.writeString(dir.resolve("values.txt"), intel + "198.51.100.77\n");
    Path problems = dir.resolve("problems.tsv");
    CliRun run =
        CliRun.kasa(
            "scan",
            "--intel",
            values.toString(),
            "--problems",
            problems.toString(),
            "--format",
            "jsonl",
            log.toString());
    assertThat(run.jsonLines()).singleElement();
    List<String> lines = Files.readAllLines(problems);
    assertThat(lines.stream().filter(l -> l.startsWith("malformed\t"))).hasSize(25);
    assertThat(lines.stream().filter(l -> !l.startsWith("malformed\t"))).hasSize(15);
    assertThat(run.err()).contains("40 problems written to " + problems);
  }
}
