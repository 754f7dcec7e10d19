package dev.kasa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.cli.report.Terminal;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The table on a terminal: its width, the host column, colour only where it belongs. */
class TerminalTableTest {
  private static final String ESC = "\u001b[";

  @TempDir Path dir;
  private String[] scan;

  @BeforeEach
  void demo() {
    assertThat(CliRun.kasa("demo", "--extract", dir.toString(), "--format", "jsonl").status())
        .isZero();
    scan =
        new String[] {
          "scan",
          "-i",
          dir.resolve("intel").toString(),
          "-s",
          dir.resolve("sigma").toString(),
          dir.resolve("logs").toString()
        };
  }

  private static int widest(String out) {
    return out.lines().mapToInt(String::length).max().orElse(0);
  }

  @Test
  void theTableFitsEightyAndTwoHundredColumnsWithoutWrapping() {
    CliRun narrow = CliRun.kasaOn(new Terminal(80, false), scan);
    assertThat(narrow.status()).as(narrow.err()).isZero();
    assertThat(widest(narrow.out())).isLessThanOrEqualTo(80);
    assertThat(narrow.out()).contains("…");
    CliRun wide = CliRun.kasaOn(new Terminal(200, false), scan);
    assertThat(widest(wide.out())).isLessThanOrEqualTo(200).isGreaterThan(150);
    // The same rows, only clipped differently.
    assertThat(wide.out().lines().count()).isEqualTo(narrow.out().lines().count());
    List<String> header = List.of(wide.out().lines().findFirst().orElseThrow().split(" +"));
    assertThat(header)
        .containsExactly("TIME", "WHERE", "HOST", "FIELD", "VALUE", "TLP/LEVEL", "DETECTION");
    // Wide enough for the whole host name of the Sysmon rows, and a Sigma row's level and title.
    assertThat(wide.out())
        .contains("ws-7-17.base7.example")
        .containsPattern("ws-7-17\\S*\\s+Image\\s+\\S.*\\s+medium\\s+sigma Program in a User Temp");
    // Narrower than the fixed columns: the rows themselves are cut.
    assertThat(widest(CliRun.kasaOn(new Terminal(40, true), scan).out())).isLessThanOrEqualTo(40);
    CliRun unset = CliRun.kasa(scan);
    assertThat(widest(unset.out())).isLessThanOrEqualTo(Terminal.DEFAULT_COLUMNS);
  }

  @Test
  void colourOnlyOnATerminalWithoutNoColor() throws IOException {
    CliRun coloured = CliRun.kasaOn(new Terminal(160, true), scan);
    assertThat(coloured.out()).contains(ESC + "33mAMBER" + ESC + "0m").contains(ESC + "31mhigh");
    // Colour codes take no width: every line still fits.
    assertThat(widest(coloured.out().replaceAll("\u001b\\[[0-9;]*m", ""))).isLessThanOrEqualTo(160);

    Terminal noColor = Terminal.of(Map.of("NO_COLOR", "1", "COLUMNS", "160"), true, 0);
    assertThat(noColor).isEqualTo(new Terminal(160, false));
    assertThat(CliRun.kasaOn(noColor, scan).out()).doesNotContain(ESC);
    assertThat(Terminal.of(Map.of("NO_COLOR", ""), true, 99)).isEqualTo(new Terminal(99, true));
    assertThat(Terminal.of(Map.of("COLUMNS", "200"), false, 0)).isEqualTo(new Terminal(200, false));
    assertThat(Terminal.of(Map.of(), false, 99)).isEqualTo(Terminal.NONE);

    Path report = dir.resolve("report.txt");
    CliRun toFile =
        CliRun.kasaOn(
            new Terminal(160, true), TimelineViewsTest.concat(scan, "-o", report.toString()));
    assertThat(toFile.status()).as(toFile.err()).isZero();
    assertThat(Files.readString(report)).contains("AMBER").doesNotContain(ESC);
  }

  @Test
  void aRealProcessWritingToAFileWritesNoEscapeCodes() throws Exception {
    File out = dir.resolve("stdout.txt").toFile();
    KasaProcess run = KasaProcess.run(List.of(), out, dir, scan);
    assertThat(run.status()).as(run.err()).isZero();
    String table = Files.readString(out.toPath(), StandardCharsets.UTF_8);
    assertThat(table).contains("AMBER").doesNotContain(ESC);
    assertThat(widest(table)).isLessThanOrEqualTo(Terminal.DEFAULT_COLUMNS);
  }
}
