package dev.kasa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kasa} as a process: exit statuses that only {@code main} and the JVM decide. */
class KasaProcessTest {
  @TempDir Path dir;

  @BeforeEach
  void demoFiles() {
    assertThat(CliRun.kasa("demo", "--extract", dir.toString(), "--format", "jsonl").status())
        .isZero();
  }

  @Test
  void anErrorSuchAsOutOfMemoryIsAnInternalErrorWithStatusFour()
      throws IOException, InterruptedException {
    // 8 MB of heap cannot hold the scanner's chunk buffers (5 MiB each).
    KasaProcess run =
        KasaProcess.run(
            List.of("-Xmx8m", "-XX:+UseSerialGC"),
            dir.resolve("out.txt").toFile(),
            dir,
            "scan",
            "--threads",
            "2",
            "--intel",
            "intel",
            "logs");
    assertThat(run.status()).as(run.err()).isEqualTo(Kasa.INTERNAL);
    assertThat(run.err()).contains("kasa: internal error: java.lang.OutOfMemoryError");
  }

  @Test
  void aFullDiskOnStandardOutputIsReportedWithStatusThree()
      throws IOException, InterruptedException {
    File full = new File("/dev/full");
    Assumptions.assumeTrue(full.exists(), "skipped: this system has no /dev/full");
    KasaProcess scan = KasaProcess.run(List.of(), full, dir, "scan", "--intel", "intel", "logs");
    assertThat(scan.status()).as(scan.err()).isEqualTo(Kasa.INCOMPLETE);
    assertThat(scan.err())
        .contains("kasa: cannot write the output: No space left on device")
        .doesNotContain("Exception");
    KasaProcess check = KasaProcess.run(List.of(), full, dir, "rules", "check", "sigma");
    assertThat(check.status()).as(check.err()).isEqualTo(Kasa.INCOMPLETE);
    assertThat(check.err()).contains("kasa: cannot write the output: No space left on device");
  }

  @Test
  void aFullDiskUnderEvtxDumpIsReportedWithStatusThree() throws Exception {
    File full = new File("/dev/full");
    Assumptions.assumeTrue(full.exists(), "skipped: this system has no /dev/full");
    Path evtx = dir.resolve("security.evtx");
    dev.kasa.cli.evtx.EvtxFiles.write(evtx, 30, 10, List.of());
    KasaProcess dump = KasaProcess.run(List.of(), full, dir, "evtx", "dump", evtx.toString());
    assertThat(dump.status()).as(dump.err()).isEqualTo(Kasa.INCOMPLETE);
    assertThat(dump.err())
        .contains("cannot write the output: No space left on device")
        .doesNotContain("Exception");
  }
}
