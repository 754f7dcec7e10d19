package dev.kasa.cli.report;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Rows ordered by event time, ties in the order they were added: up to {@code buffer} rows are held
 * in memory; past that each full buffer is sorted and written to a temporary file (a run), and
 * {@link #drain} merges the runs and the last buffer (k-way). Temporary files are deleted by {@link
 * #close}, also when the run fails.
 */
final class SortedRows implements AutoCloseable {
  /**
   * One row of output.
   *
   * @param time the event time in epoch milliseconds, {@link #NO_TIME} when unknown (sorts last)
   * @param seq the order the row was added in
   * @param key what copies of one finding share (null when the row never folds)
   * @param text the row as written, line end included
   */
  record Row(long time, long seq, String key, String text) {}

  static final long NO_TIME = Long.MAX_VALUE;

  private static final Comparator<Row> ORDER =
      Comparator.comparingLong(Row::time).thenComparingLong(Row::seq);

  private final int buffer;
  private final Path tempDir;
  private final List<Row> held = new ArrayList<>();
  private final List<Path> runs = new ArrayList<>();

  SortedRows(int buffer, Path tempDir) {
    this.buffer = buffer;
    this.tempDir = tempDir;
  }

  void add(Row row) {
    held.add(row);
    if (held.size() >= buffer) {
      spill();
    }
  }

  /** How many runs were written to temporary files. */
  int runs() {
    return runs.size();
  }

  /** Hands every row to {@code sink} in order, then deletes the runs. */
  void drain(Consumer<Row> sink) {
    held.sort(ORDER);
    if (runs.isEmpty()) {
      held.forEach(sink);
      held.clear();
      return;
    }
    List<RunReader> readers = new ArrayList<>();
    try {
      PriorityQueue<RunReader> queue =
          new PriorityQueue<>(Comparator.comparing(RunReader::head, ORDER));
      for (Path run : runs) {
        RunReader r = new RunReader(run);
        readers.add(r);
        if (r.next()) {
          queue.add(r);
        }
      }
      RunReader memory = new RunReader(held);
      if (memory.next()) {
        queue.add(memory);
      }
      while (!queue.isEmpty()) {
        RunReader r = queue.poll();
        sink.accept(r.head);
        if (r.next()) {
          queue.add(r);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a sorted run back: " + e.getMessage(), e);
    } finally {
      readers.forEach(RunReader::closeQuietly);
      close();
    }
  }

  private void spill() {
    held.sort(ORDER);
    try {
      Path run = Files.createTempFile(tempDir, "kasa-sort-", ".run");
      runs.add(run);
      try (DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run), 1 << 16))) {
        for (Row row : held) {
          out.writeLong(row.time());
          out.writeLong(row.seq());
          bytes(out, row.key());
          bytes(out, row.text());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write a sorted run to " + tempDir + ": " + e.getMessage(), e);
    }
    held.clear();
  }

  private static void bytes(DataOutputStream out, String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  /** Deletes every run still on disk. */
  @Override
  public void close() {
    for (Path run : runs) {
      try {
        Files.deleteIfExists(run);
      } catch (IOException e) {
        // Best effort: a temporary file left behind is in the temporary directory.
      }
    }
    runs.clear();
    held.clear();
  }

  /** The rows of one run, from a file or from memory, one at a time. */
  private static final class RunReader {
    private final DataInputStream in;
    private final java.util.Iterator<Row> rows;
    Row head;

    RunReader(Path run) throws IOException {
      this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(run), 1 << 16));
      this.rows = null;
    }

    RunReader(List<Row> rows) {
      this.in = null;
      this.rows = rows.iterator();
    }

    Row head() {
      return head;
    }

    boolean next() throws IOException {
      if (rows != null) {
        head = rows.hasNext() ? rows.next() : null;
        return head != null;
      }
      long time;
      try {
        time = in.readLong();
      } catch (EOFException end) {
        head = null;
        return false;
      }
      head = new Row(time, in.readLong(), string(in), string(in));
      return true;
    }

    private static String string(DataInputStream in) throws IOException {
      int n = in.readInt();
      return n < 0 ? null : new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    void closeQuietly() {
      try {
        if (in != null) {
          in.close();
        }
      } catch (IOException e) {
        // reading is over either way
      }
    }
  }
}
