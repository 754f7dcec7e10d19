package dev.kasa.event;

import static dev.kasa.event.Scans.options;
import static dev.kasa.event.Scans.scan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.TestWorkers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that cannot be read whole are never skipped without a word: entries of a directory that
 * are not regular files, and files truncated or replaced while they are scanned.
 */
class InputChangesTest {
  @TempDir Path dir;

  private static String lines(int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      s.append("{\"ip\":\"10.0.0.").append(i % 250).append("\"}\n");
    }
    return s.toString();
  }

  @Test
  void danglingLinksPipesAndLinkedDirectoriesInADirectoryAreReported() throws Exception {
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Files.writeString(logs.resolve("a.json"), lines(2));
    Files.writeString(elsewhere.resolve("b.json"), lines(3));
    Files.createSymbolicLink(logs.resolve("b-link.json"), elsewhere.resolve("b.json"));
    Files.createSymbolicLink(logs.resolve("c-gone.json"), dir.resolve("rotated-away.json"));
    Files.createSymbolicLink(logs.resolve("d-dir"), elsewhere);
    boolean fifo = mkfifo(logs.resolve("e-pipe"));

    var r = scan(options(), logs.toString());
    assertThat(r.inputs)
        .extracting(EventInput::name)
        .containsExactly(logs.resolve("a.json").toString(), logs.resolve("b-link.json").toString());
    assertThat(r.records()).hasSize(5);
    assertThat(r.unreadable)
        .startsWith(
            logs.resolve("c-gone.json")
                + ": dangling symbolic link to "
                + dir.resolve("rotated-away.json")
                + ": skipped",
            logs.resolve("d-dir")
                + ": symbolic link to a directory: not followed (give its target to scan it)");
    if (fifo) {
      assertThat(r.unreadable)
          .hasSize(3)
          .last()
          .isEqualTo(logs.resolve("e-pipe") + ": not a regular file (named pipe): skipped");
    }
    assertThat(r.totals.unreadable()).isEqualTo(r.unreadable.size());
  }

  private static boolean mkfifo(Path path) throws InterruptedException {
    try {
      return new ProcessBuilder("mkfifo", path.toString()).start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void aDirectoryGivenThroughALinkIsWalked() throws IOException {
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Files.writeString(logs.resolve("a.json"), lines(2));
    Path link = Files.createSymbolicLink(dir.resolve("current"), logs);
    var r = scan(options(), link.toString());
    assertThat(r.inputs).extracting(EventInput::name).containsExactly(link + "/a.json");
    assertThat(r.unreadable).isEmpty();
  }

  /** Scans {@code file} in small chunks, calling {@code change} once the first chunk is done. */
  private Scans.Result scanChanging(Path file, Runnable change) {
    Scans.Result result = new Scans.Result();
    ScanListener<List<String>> changing =
        new ScanListener<>() {
          boolean changed;

          @Override
          public void chunkDone(EventInput input, List<String> chunk) {
            result.chunkDone(input, chunk);
            if (!changed) {
              changed = true;
              change.run();
            }
          }

          @Override
          public void inputDone(EventInput input, InputSummary summary) {
            result.inputDone(input, summary);
          }

          @Override
          public void unreadable(String input, String reason) {
            result.unreadable(input, reason);
          }
        };
    // One thread keeps at most two chunks in flight, so the reader has not reached the end.
    ScanOptions small = options().withThreads(1).withChunkBytes(64).withLimits(100, 8);
    result.totals =
        new EventScanner(small, TestWorkers.POOL)
            .scan(List.of(file.toString()), Scans.textProcessor(), changing);
    return result;
  }

  @Test
  void aFileTruncatedDuringTheScanIsReported() throws IOException {
    Path file = Files.writeString(dir.resolve("live.json"), lines(400));
    long size = Files.size(file);
    var r = scanChanging(file, () -> write(file, ""));
    assertThat(r.records().size()).isLessThan(400);
    assertThat(r.unreadable)
        .singleElement()
        .isEqualTo(
            file
                + ": truncated during the scan: "
                + size
                + " bytes when opened, 0 now; the rest was not scanned");
  }

  @Test
  void aFileReplacedDuringTheScanIsReported() throws IOException {
    Path file = Files.writeString(dir.resolve("live.json"), lines(400));
    Path next = Files.writeString(dir.resolve("next.json"), lines(10));
    var r =
        scanChanging(
            file,
            () -> {
              try {
                Files.move(next, file, StandardCopyOption.REPLACE_EXISTING);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    assertThat(r.records()).hasSize(400);
    assertThat(r.unreadable)
        .singleElement()
        .isEqualTo(file + ": replaced during the scan: the file now at this path was not scanned");
  }

  @Test
  void aFileThatGrowsDuringTheScanIsNotAProblem() throws IOException {
    Path file = Files.writeString(dir.resolve("live.json"), lines(400));
    var r = scanChanging(file, () -> write(file, lines(400) + lines(3)));
    assertThat(r.unreadable).isEmpty();
  }

  private static void write(Path file, String text) {
    Assumptions.assumeTrue(Files.isRegularFile(file));
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
