package dev.kasa.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The summary of {@code bench/speed-report.sh} ({@code bench/speed-summary.awk}) over report files
 * written here: each verdict, and the absolute figures scaled to the machine by the smaller
 * of the two Jackson references' factors.
 */
class SpeedSummaryTest {
  @TempDir Path dir;

  private static String measureLine(
      String label, int threads, double cpu, long perCpu, double mbps) {
    return String.format(
        "%s threads=%d    1.00 s    %.2f cpu-s    1 events/s    %,d events/cpu-s   %.1f MB/s  1"
            + " events  0 matches%n",
        label, threads, cpu, perCpu, mbps);
  }

  private String summary(double sigmaRefMbps, double zeekRefMbps) throws Exception {
    Files.writeString(
        dir.resolve("sigma.txt"),
        measureLine("jackson ref  ", 1, 4.0, 100_000, sigmaRefMbps)
            + measureLine("parse only   ", 1, 3.0, 133_000, 400.0)
            + measureLine("parse+detect ", 1, 6.6, 60_000, 180.0));
    Files.writeString(
        dir.resolve("ioc.txt"),
        measureLine("jackson ref  ", 1, 3.0, 600_000, zeekRefMbps)
            + measureLine("parse only   ", 1, 2.0, 900_000, 400.0)
            + measureLine("sweep        ", 1, 5.0, 400_000, 200.0));
    Files.writeString(
        dir.resolve("load.txt"),
        "run 1: 1,000,000 indicators, load 5.000 s, process cpu 9.000 s\n"
            + "retained heap: 78,000,000 bytes, 78.0 bytes per index entry\n");
    Files.writeString(dir.resolve("check-none.time"), "4.00 7.00 1.00 400000\n");
    Files.writeString(dir.resolve("check-cached.time"), "1.20 1.80 0.20 200000\n");
    Files.writeString(dir.resolve("scan-sigma.time"), "10.0 18.0 1.00 700000\n");
    Files.writeString(dir.resolve("scan-intel.time"), "10.0 18.0 1.00 800000\n");
    List<String> command = new ArrayList<>();
    command.add("awk");
    command.add("-f");
    command.add(RepositoryRoot.path().resolve("bench/speed-summary.awk").toString());
    for (String name :
        List.of(
            "sigma.txt",
            "ioc.txt",
            "load.txt",
            "check-none.time",
            "check-cached.time",
            "scan-sigma.time",
            "scan-intel.time")) {
      command.add(dir.resolve(name).toString());
    }
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  private static String row(String out, String figure) {
    return out.lines().filter(l -> l.startsWith("| " + figure)).findFirst().orElseThrow();
  }

  @Test
  void scalesByTheSmallerFactorOfTheTwoReferences() throws Exception {
    // 650 / 325 = 2.00 over the Windows events, 550 / 250 = 2.20 over Zeek: 2.00 is taken.
    String out = summary(325.0, 250.0);
    assertThat(out).contains("Scaled by the smaller factor, 2.00");
    assertThat(row(out, "kasa rules check, no compiled cache"))
        .contains("4.00 s (8.00 CPU)")
        .contains("NOT met")
        .contains("2.00 s ");
    assertThat(row(out, "kasa rules check, the entry of a run before")).contains("0.60 s ");
    assertThat(row(out, "STIX load, 1M indicators"))
        .contains("5.00 s (9.00 CPU)")
        .contains("2.50 s ");
    assertThat(row(out, "Sigma, 1 thread: events per CPU-second"))
        .contains("60000")
        .contains("120000");
  }

  @Test
  void aScaledFigurePastItsTargetIsNotMet() throws Exception {
    // Factor 650 / 520 = 1.25: 4 s of rules check is 3.2 s there, 5 s of load 4 s.
    String out = summary(520.0, 250.0);
    assertThat(out).contains("Scaled by the smaller factor, 1.25");
    assertThat(row(out, "kasa rules check, no compiled cache"))
        .endsWith("| 3.20 s          | NOT met |");
    assertThat(row(out, "kasa rules check, the entry of a run before"))
        .endsWith("| 0.96 s          | met     |");
    assertThat(row(out, "Sigma, 1 thread: detection / parse-only"))
        .contains("2.20x")
        .contains("NOT met");
    assertThat(row(out, "Sigma, 1 thread: parse-only / Jackson"))
        .contains("0.75x")
        .contains("| met");
  }
}
