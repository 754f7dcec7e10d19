package dev.kasa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Messages of {@code kasa}: typos, short options, the report file, the nothing-found line. */
class ScanMessagesTest {
  @TempDir Path dir;
  Path intel;
  Path sigma;
  Path logs;

  @BeforeEach
  void demoFiles() {
    assertThat(CliRun.kasa("demo", "--extract", dir.toString(), "--format", "jsonl").status())
        .isZero();
    intel = dir.resolve("intel");
    sigma = dir.resolve("sigma");
    logs = dir.resolve("logs");
  }

  @Test
  void anUnknownSubcommandGetsADidYouMean() {
    CliRun run = CliRun.kasa("sacn");
    assertThat(run.status()).isEqualTo(Kasa.USAGE);
    assertThat(run.err()).contains("'sacn'").contains("Did you mean scan");
  }

  @Test
  void anUnknownSubcommandWithHelpIsAnErrorNotTheRootUsage() {
    CliRun run = CliRun.kasa("scna", "--help");
    assertThat(run.status()).isEqualTo(Kasa.USAGE);
    assertThat(run.out()).doesNotContain("Usage: kasa");
    assertThat(run.err()).contains("'scna'").contains("Did you mean scan");
  }

  @Test
  void anUnknownOptionGetsADidYouMean() {
    CliRun run = CliRun.kasa("scan", "--intl", intel.toString(), logs.toString());
    assertThat(run.status()).isEqualTo(Kasa.USAGE);
    assertThat(run.err()).contains("--intl").contains("Did you mean --intel");
    CliRun help = CliRun.kasa("scan", "--min-levle", "high", "--help");
    assertThat(help.status()).isEqualTo(Kasa.USAGE);
    assertThat(help.err()).contains("Did you mean --min-level");
  }

  @Test
  void shortOptionsAreTheLongOnes() {
    CliRun lng =
        CliRun.kasa(
            "scan",
            "--intel",
            intel.toString(),
            "--sigma",
            sigma.toString(),
            "--format",
            "jsonl",
            logs.toString());
    CliRun shrt =
        CliRun.kasa(
            "scan", "-i", intel.toString(), "-s", sigma.toString(), "-f", "jsonl", logs.toString());
    assertThat(shrt.status()).as(shrt.err()).isZero();
    assertThat(shrt.out()).isEqualTo(lng.out()).isNotEmpty();
  }

  @Test
  void outputGoesToTheFileWholeAndNothingToStdout() throws IOException {
    Path report = dir.resolve("report.jsonl");
    CliRun stdout = CliRun.kasa("scan", "-i", intel.toString(), "-f", "jsonl", logs.toString());
    CliRun run =
        CliRun.kasa(
            "scan",
            "-i",
            intel.toString(),
            "-f",
            "jsonl",
            "-o",
            report.toString(),
            logs.toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(Files.readString(report)).isEqualTo(stdout.out());
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".partial"));
    }
    Path table = dir.resolve("report.txt");
    assertThat(
            CliRun.kasa("scan", "-i", intel.toString(), "-o", table.toString(), logs.toString())
                .status())
        .isZero();
    assertThat(Files.readString(table)).contains("HITS").contains("INDICATOR");
  }

  @Test
  void aRunThatFailsLeavesNoFileAndKeepsAnOldOne() throws IOException {
    Path report = dir.resolve("report.jsonl");
    Files.writeString(report, "yesterday's report\n");
    // A log that does not exist fails the run before any finding is written.
    CliRun run =
        CliRun.kasa(
            "scan",
            "-i",
            intel.toString(),
            "-f",
            "jsonl",
            "-o",
            report.toString(),
            "--exclude-rules",
            dir.resolve("missing.txt").toString(),
            logs.toString());
    assertThat(run.status()).isEqualTo(Kasa.USAGE);
    assertThat(Files.readString(report)).isEqualTo("yesterday's report\n");
    Path fresh = dir.resolve("fresh.jsonl");
    CliRun bad =
        CliRun.kasa(
            "scan",
            "-s",
            sigma.toString(),
            "-f",
            "jsonl",
            "-o",
            fresh.toString(),
            "--exclude-rules",
            dir.resolve("missing.txt").toString(),
            logs.toString());
    assertThat(bad.status()).isEqualTo(Kasa.USAGE);
    assertThat(fresh).doesNotExist();
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".partial"));
    }
    CliRun noDir =
        CliRun.kasa(
            "scan",
            "-i",
            intel.toString(),
            "-o",
            dir.resolve("no/such/r.txt").toString(),
            logs.toString());
    assertThat(noDir.status()).isEqualTo(Kasa.USAGE);
    assertThat(noDir.err()).contains("no such directory");
  }

  @Test
  void theTableSaysNothingOfIndicatorsWhenNoneWasLoaded() throws IOException {
    Path clean = dir.resolve("clean.ndjson");
    Files.writeString(clean, "{\"query\":\"nothing.example\"}\n");
    CliRun sigmaOnly = CliRun.kasa("scan", "-s", sigma.toString(), clean.toString());
    assertThat(sigmaOnly.status()).as(sigmaOnly.err()).isZero();
    assertThat(sigmaOnly.out()).doesNotContain("indicator").contains("No Sigma rule matched.");
    Path empty = dir.resolve("empty.txt");
    Files.writeString(empty, "# nothing yet\n");
    CliRun nothing = CliRun.kasa("scan", "-i", empty.toString(), clean.toString());
    assertThat(nothing.out())
        .doesNotContain("No indicator was hit")
        .contains("no indicator and no Sigma rule was loaded");
    CliRun both =
        CliRun.kasa("scan", "-i", intel.toString(), "-s", sigma.toString(), clean.toString());
    assertThat(both.out()).contains("No indicator was hit and no Sigma rule matched.");
  }
}
