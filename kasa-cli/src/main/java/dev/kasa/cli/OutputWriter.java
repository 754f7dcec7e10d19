package dev.kasa.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * The writer of kasa's standard output. A {@link PrintWriter} swallows write errors (a full disk, a
 * closed pipe); this one keeps the first error's message so that the failure can be reported with
 * its cause. {@link #failureOf} tells whether any print writer failed.
 */
final class OutputWriter extends PrintWriter {
  private final FailureKeeper keeper;

  OutputWriter(Writer target) {
    this(new FailureKeeper(target));
  }

  private OutputWriter(FailureKeeper keeper) {
    super(keeper);
    this.keeper = keeper;
  }

  /**
   * Why writing to {@code out} failed, or null when it has not; flushes {@code out} first. The
   * cause is known for an {@code OutputWriter}, other writers only say that they failed.
   */
  static String failureOf(PrintWriter out) {
    if (!out.checkError()) {
      return null;
    }
    if (out instanceof OutputWriter w && w.keeper.failure != null) {
      return w.keeper.failure;
    }
    return "write error";
  }

  /** Passes everything on and remembers the first failure. Used under the print writer's lock. */
  private static final class FailureKeeper extends Writer {
    private final Writer target;
    private String failure;

    FailureKeeper(Writer target) {
      this.target = target;
    }

    @Override
    public void write(char[] b, int off, int len) throws IOException {
      try {
        target.write(b, off, len);
      } catch (IOException e) {
        throw kept(e);
      }
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
      try {
        target.write(s, off, len);
      } catch (IOException e) {
        throw kept(e);
      }
    }

    @Override
    public void flush() throws IOException {
      try {
        target.flush();
      } catch (IOException e) {
        throw kept(e);
      }
    }

    @Override
    public void close() throws IOException {
      try {
        target.close();
      } catch (IOException e) {
        throw kept(e);
      }
    }

    private IOException kept(IOException e) {
      if (failure == null) {
        failure = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
      }
      return e;
    }
  }
}
