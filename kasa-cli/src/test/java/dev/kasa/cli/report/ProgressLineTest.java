package dev.kasa.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
  @Test
  void showsBytesOfTotalEventRateAndHits() {
    AtomicLong now = new AtomicLong(1_000_000);
    InstantSource clock = () -> Instant.ofEpochMilli(now.get());
    StringWriter err = new StringWriter();
    try (ProgressLine line =
        new ProgressLine(
            new TerminalWriter(new PrintWriter(err)),
            clock,
            200_000_000,
            () -> 50_000_000,
            () -> 400_000,
            () -> 7)) {
      now.addAndGet(2_000);
      assertThat(line.render())
          .contains(" 25%")
          .contains("50.0 MB / 200.0 MB")
          .contains("400,000 events")
          .contains("200,000 events/s")
          .contains("25.0 MB/s")
          .contains("7 hits");
    }
    // Its own control sequences are written as they are.
    assertThat(err.toString()).endsWith("\r\u001b[K");
  }

  @Test
  void leavesOutTheTotalWhenItIsUnknown() {
    InstantSource clock = () -> Instant.ofEpochMilli(5_000);
    try (ProgressLine line =
        new ProgressLine(
            new TerminalWriter(new PrintWriter(new StringWriter())),
            clock,
            -1,
            () -> 1_000_000,
            () -> 10,
            () -> 0)) {
      assertThat(line.render()).startsWith("scanning  1.0 MB  10 events").doesNotContain("%");
    }
  }
}
