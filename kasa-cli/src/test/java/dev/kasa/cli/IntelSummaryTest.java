package dev.kasa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the intelligence summary on stderr says about poisoned and repetitive feeds. */
class IntelSummaryTest {
  @TempDir Path dir;

  Path log() throws IOException {
    return Files.writeString(
        dir.resolve("conn.log"),
        "{\"ts\":1795161600,\"uid\":\"C1\",\"id.orig_h\":\"172.16.1.2\",\"id.resp_h\":\"192.0.2.9\"}\n");
  }

  @Test
  void aRangeMatchingEverythingIsRefusedAndABroadOneIsWarnedAbout() throws IOException {
    Path list = Files.writeString(dir.resolve("feed.txt"), "0.0.0.0/0\n10.0.0.0/7\n::/0\n");
    CliRun run =
        CliRun.kasa("scan", "--intel", list.toString(), "--format", "jsonl", log().toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.jsonLines()).isEmpty();
    assertThat(run.err())
        .contains("kasa: intel: 1 indicator values")
        .contains("2 invalid")
        .contains("1 warning")
        .contains("invalid: " + list + ":1: ")
        .contains("invalid: " + list + ":3: ")
        .containsPattern(
            "warning: " + java.util.regex.Pattern.quote(list + ":2: ") + ".*10.0.0.0/7");
  }

  @Test
  void repeatedIndicatorsAreStoredOnceAndTheSummarySaysHowManyWereFolded() throws IOException {
    Path list = Files.writeString(dir.resolve("feed.txt"), "192.0.2.9\n".repeat(5));
    CliRun run =
        CliRun.kasa("scan", "--intel", list.toString(), "--format", "jsonl", log().toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.jsonLines()).hasSize(1);
    assertThat(run.err())
        .contains("kasa: intel: 1 indicator values")
        .contains("4 duplicates folded");
  }
}
