package dev.kasa.cli;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code --problems FILE} of a scan: every problem, one a line ({@code kind<TAB>text}), where
 * the summary lists only the first few of each kind. The summary on stderr is unchanged. Written on
 * the thread that runs the scan's listener and the intel load (one at a time).
 */
final class ProblemLog implements AutoCloseable {
  /** Malformed records kept per input when a problems file is asked for. */
  static final int MAX_MALFORMED_PER_INPUT = 1_000_000;

  /** A log that writes nothing. */
  static final ProblemLog NONE = new ProblemLog(null, null);

  private final Path path;
  private final BufferedWriter out;
  private long lines;
  private IOException failure;

  private ProblemLog(Path path, BufferedWriter out) {
    this.path = path;
    this.out = out;
  }

  /** A log writing to {@code path} (created or truncated), or {@link #NONE} for null. */
  static ProblemLog open(Path path) {
    if (path == null) {
      return NONE;
    }
    try {
      return new ProblemLog(path, Files.newBufferedWriter(path, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new KasaException(
          ErrorCode.USAGE, "--problems: cannot write " + path + ": " + e.getMessage());
    }
  }

  void write(String kind, String text) {
    if (out == null || failure != null) {
      return;
    }
    try {
      // One problem a line, whatever the text holds.
      out.write(kind + "\t" + text.replace('\n', ' ').replace('\r', ' '));
      out.newLine();
      lines++;
    } catch (IOException e) {
      failure = e;
    }
  }

  /** Says on stderr where the problems went, or that they could not all be written. */
  void finish(PrintWriter err) {
    if (out == null) {
      return;
    }
    try {
      out.flush();
    } catch (IOException e) {
      failure = failure == null ? e : failure;
    }
    if (failure != null) {
      err.println("kasa: warning: --problems " + path + ": not written whole: " + failure);
    } else {
      err.println("kasa: " + lines + " problems written to " + path);
    }
    err.flush();
  }

  @Override
  public void close() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        // finish() has reported what mattered; a failed close after a flush loses nothing.
      }
    }
  }
}
