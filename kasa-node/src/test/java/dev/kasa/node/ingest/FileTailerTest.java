package dev.kasa.node.ingest;

import static dev.kasa.node.ingest.RecordingSink.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.event.EventFormat;
import dev.kasa.node.TestDatabases;
import dev.kasa.node.store.Store;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tailed files: restarts, both kinds of rotation, folders, long lines, Zeek headers. */
class FileTailerTest {
  private static final Clock CLOCK = Clock.systemUTC();
  private static final PrintStream LOG = System.err;

  @TempDir Path dir;
  private Store store;

  @BeforeEach
  void open() {
    store = Store.open(TestDatabases.location("sqlite", dir), CLOCK);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private FileTailer tail(TailedSource source, TelemetrySink sink, SourceCounters c) {
    return new FileTailer(source, store.checkpoints(), sink, c, LOG);
  }

  private static SourceCounters counters() {
    return new SourceCounters("app", "file", "test", CLOCK);
  }

  private static TailedSource source(Path path) {
    return new TailedSource("app", path, null, null, 1024, 20);
  }

  private static void append(Path file, int from, int to) throws IOException {
    var b = new StringBuilder();
    for (int i = from; i < to; i++) {
      b.append("{\"n\":").append(i).append("}\n");
    }
    Files.writeString(
        file, b, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
  }

  private static List<String> expected(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> "{\"n\":" + i + "}").toList();
  }

  @Test
  void aRestartWhileTailingNeitherLosesNorRepeats() throws Exception {
    Path log = dir.resolve("app.log");
    append(log, 0, 100);
    var first = new RecordingSink();
    try (var t = tail(source(log), first, counters())) {
      await("100 lines", () -> first.lines().size() == 100);
      append(log, 100, 150);
      await("150 lines", () -> first.lines().size() == 150);
    }
    append(log, 150, 300);
    // Half a line at the end waits for its newline, also across the restart.
    Files.writeString(log, "{\"n\":3", StandardOpenOption.APPEND);
    var second = new RecordingSink();
    try (var t = tail(source(log), second, counters())) {
      await("150 more", () -> second.lines().size() == 150);
      Files.writeString(log, "00}\n", StandardOpenOption.APPEND);
      await("the finished line", () -> second.lines().size() == 151);
    }
    var all = new ArrayList<>(first.lines());
    all.addAll(second.lines());
    assertThat(all).isEqualTo(expected(0, 301));
  }

  @Test
  void renameAndCreateRotationReadsTheOldFileToItsEndFirst() throws Exception {
    Path log = dir.resolve("app.log");
    append(log, 0, 10);
    var sink = new RecordingSink();
    try (var t = tail(source(log), sink, counters())) {
      await("10 lines", () -> sink.lines().size() == 10);
      append(log, 10, 20);
      Files.move(log, dir.resolve("app.log.1"));
      append(dir.resolve("app.log.1"), 20, 25); // the writer has not reopened yet
      append(log, 25, 40);
      await("40 lines", () -> sink.lines().size() == 40);
    }
    assertThat(sink.lines()).containsExactlyInAnyOrderElementsOf(expected(0, 40));
    assertThat(sink.lines().subList(0, 25)).isEqualTo(expected(0, 25));
  }

  @Test
  void aFileRotatedAwayWhileTheNodeWasDownIsFinishedAfterTheRestart() throws Exception {
    Path log = dir.resolve("app.log");
    append(log, 0, 10);
    var first = new RecordingSink();
    try (var t = tail(source(log), first, counters())) {
      await("10 lines", () -> first.lines().size() == 10);
    }
    append(log, 10, 20);
    Files.move(log, dir.resolve("app.log.1"));
    append(log, 20, 30);
    var second = new RecordingSink();
    try (var t = tail(source(log), second, counters())) {
      await("20 lines", () -> second.lines().size() == 20);
    }
    assertThat(second.lines()).isEqualTo(expected(10, 30));
  }

  @Test
  void copyTruncateRotationStartsAgainFromTheTop() throws Exception {
    Path log = dir.resolve("app.log");
    append(log, 0, 10);
    var sink = new RecordingSink();
    try (var t = tail(source(log), sink, counters())) {
      await("10 lines", () -> sink.lines().size() == 10);
      Files.copy(log, dir.resolve("app.log.1"));
      Files.write(log, new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
      append(log, 10, 30); // longer than before: only the head tells it is a new start
      await("30 lines", () -> sink.lines().size() == 30);
    }
    assertThat(sink.lines()).isEqualTo(expected(0, 30));
  }

  @Test
  void aFolderTailsEachFileOnceAndLeavesCompressedOnesAlone() throws Exception {
    Path folder = Files.createDirectory(dir.resolve("logs"));
    append(folder.resolve("a.log"), 0, 5);
    append(folder.resolve("b.log"), 5, 10);
    Files.write(folder.resolve("old.log.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0});
    var sink = new RecordingSink();
    try (var t = tail(source(folder), sink, counters())) {
      await("10 lines", () -> sink.lines().size() == 10);
      // Rotation inside the folder: the renamed file keeps its place, nothing is read twice.
      Files.move(folder.resolve("a.log"), folder.resolve("a.log.1"));
      append(folder.resolve("a.log"), 10, 15);
      await("15 lines", () -> sink.lines().size() == 15);
    }
    assertThat(sink.lines()).containsExactlyInAnyOrderElementsOf(expected(0, 15));
  }

  @Test
  void aLineOverTheLimitIsCountedAndTheOthersKept() throws Exception {
    Path log = dir.resolve("app.log");
    append(log, 0, 2);
    Files.writeString(log, "x".repeat(5000) + "\n", StandardOpenOption.APPEND);
    append(log, 2, 4);
    var sink = new RecordingSink();
    var c = counters();
    try (var t = tail(source(log), sink, c)) {
      await("4 lines", () -> sink.lines().size() == 4);
    }
    assertThat(sink.lines()).isEqualTo(expected(0, 4));
    assertThat(c.status().malformed()).isEqualTo(1);
  }

  @Test
  void blankLinesAreNoEventsAndCarriageReturnsEndNone() throws Exception {
    Path log = dir.resolve("app.log");
    Files.writeString(log, "\n{\"n\":0}\n\r\n\n{\"n\":1}\r\n\r\r\n{\"n\":2}\n");
    var sink = new RecordingSink();
    var c = counters();
    try (var t = tail(source(log), sink, c)) {
      await("a chunk", () -> !sink.chunks().isEmpty());
    }
    // "\r\r" is a line of its own (one carriage return too many), so an event.
    assertThat(sink.chunks()).singleElement().extracting(TelemetryChunk::count).isEqualTo(4);
    assertThat(c.status().events()).isEqualTo(4);
  }

  @Test
  void theEventsCountedAreTheRecordsTheSinkSaysTheLinesHeld() throws Exception {
    Path log = dir.resolve("app.log");
    Files.writeString(log, "{\"n\":0}\n   \n{\"n\":1}\n" + "x".repeat(5000) + "\n{\"n\":2}\n");
    // A sink that decodes as it takes lines: a line of blanks is no record to it.
    var taken = new ArrayList<String>();
    TelemetrySink decoding =
        new TelemetrySink() {
          @Override
          public void accept(TelemetryChunk chunk) {
            throw new AssertionError("the tailer leaves the count to the sink");
          }

          @Override
          public synchronized int acceptLines(
              String sourceName, dev.kasa.event.EventSource source, byte[] lines, int length) {
            int n = 0;
            for (String l : new String(lines, 0, length, StandardCharsets.UTF_8).split("\n")) {
              if (!l.isBlank()) {
                taken.add(l);
                n++;
              }
            }
            return n;
          }
        };
    var c = counters();
    try (var t = tail(source(log), decoding, c)) {
      await("3 events", () -> c.status().events() == 3);
    }
    synchronized (decoding) {
      assertThat(taken).isEqualTo(expected(0, 3));
    }
    assertThat(c.status().events()).isEqualTo(3);
    assertThat(c.status().malformed()).isEqualTo(1);
  }

  @Test
  void zeekTsvChunksCarryTheHeaderAndAreDetectedAsKasaScanDoes() throws Exception {
    Path log = dir.resolve("conn.log");
    String header = "#separator \\x09\n#path\tconn\n#fields\tts\tid.orig_h\n#types\ttime\taddr\n";
    Files.writeString(log, header + "1.0\t10.0.0.1\n");
    var sink = new RecordingSink();
    try (var t = tail(source(log), sink, counters())) {
      await("1 chunk", () -> sink.chunks().size() == 1);
      Files.writeString(log, "2.0\t10.0.0.2\n", StandardOpenOption.APPEND);
      await("2 chunks", () -> sink.chunks().size() == 2);
    }
    TelemetryChunk second = sink.chunks().get(1);
    assertThat(second.source().format()).isEqualTo(EventFormat.ZEEK_TSV);
    assertThat(second.count()).isEqualTo(1);
    assertThat(new String(second.records(), StandardCharsets.UTF_8))
        .isEqualTo(header + "2.0\t10.0.0.2\n");
  }
}
