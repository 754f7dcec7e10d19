package dev.kasa.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.TestWorkers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file front end runs on the caller's executor, can be cancelled from any thread (here: from
 * the listener, on the scanning thread), and reads no standard input it was not given.
 */
class ScanCancellationTest {
  @TempDir Path dir;

  private Path manyChunks() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      text.append("{\"n\":").append(i).append(",\"ip\":\"10.0.0.1\"}\n");
    }
    Path file = dir.resolve("events.json");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void aCancelledScanDeliversNothingMoreAndSaysItWasCancelled() throws IOException {
    Path file = manyChunks();
    ScanOptions options = ScanOptions.defaults().withThreads(2).withChunkBytes(1_024);
    EventScanner scanner = new EventScanner(options, TestWorkers.POOL);
    Scans.Result result =
        new Scans.Result() {
          int chunks;

          @Override
          public void chunkDone(EventInput input, List<String> chunk) {
            super.chunkDone(input, chunk);
            if (++chunks == 3) {
              scanner.cancel();
            }
          }
        };
    ScanTotals totals =
        scanner.scan(List.of(file.toString(), file.toString()), Scans.textProcessor(), result);

    assertThat(totals.cancelled()).isTrue();
    assertThat(result.records()).hasSizeLessThan(20_000);
    assertThat(result.summaries).as("no input was finished").isEmpty();

    // The same scanner scans again, from the start, to the end.
    Scans.Result again = new Scans.Result();
    ScanTotals full = scanner.scan(List.of(file.toString()), Scans.textProcessor(), again);
    assertThat(full.cancelled()).isFalse();
    assertThat(again.records()).hasSize(20_000);
    assertThat(full.records()).isEqualTo(20_000);
  }

  @Test
  void withoutAStandardInputTheDashIsUnreadable() {
    Scans.Result result = new Scans.Result();
    ScanTotals totals =
        new EventScanner(ScanOptions.defaults(), TestWorkers.POOL)
            .scan(List.of("-"), Scans.textProcessor(), result);
    assertThat(result.unreadable).containsExactly("-: no standard input to read");
    assertThat(totals.unreadable()).isEqualTo(1);
  }
}
