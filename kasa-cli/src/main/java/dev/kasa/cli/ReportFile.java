package dev.kasa.cli;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The file of {@code kasa scan -o FILE} (and of {@code --html FILE}): the report is written to a
 * temporary file beside it and renamed to it by {@link #commit}, so that the file is there whole or
 * not at all (never half a report a script could take for a whole one). Closing without a commit
 * deletes the temporary file.
 */
final class ReportFile implements AutoCloseable {
  private final Path target;
  private final Path temporary;
  private final OutputWriter writer;
  private boolean committed;

  private ReportFile(Path target, Path temporary, OutputWriter writer) {
    this.target = target;
    this.temporary = temporary;
    this.writer = writer;
  }

  /** Opens a temporary file in {@code target}'s directory, for {@code -o}. */
  static ReportFile open(Path target) {
    return open("-o", target);
  }

  /** Opens a temporary file in {@code target}'s directory; errors name {@code option}. */
  static ReportFile open(String option, Path target) {
    Path absolute = target.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      throw new KasaException(ErrorCode.USAGE, option + ": a directory, not a file: " + target);
    }
    Path dir = absolute.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new KasaException(ErrorCode.USAGE, option + ": no such directory: " + dir);
    }
    try {
      Path temporary = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".partial");
      OutputWriter writer =
          new OutputWriter(
              new OutputStreamWriter(Files.newOutputStream(temporary), StandardCharsets.UTF_8));
      return new ReportFile(absolute, temporary, writer);
    } catch (IOException e) {
      throw new KasaException(
          ErrorCode.WRITE_FAILED, option + ": cannot write in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The writer of the report. */
  OutputWriter writer() {
    return writer;
  }

  /**
   * Closes the temporary file and renames it to the target.
   *
   * @throws KasaException {@link ErrorCode#WRITE_FAILED} when writing or renaming failed
   */
  void commit() {
    writer.close();
    String failure = OutputWriter.failureOf(writer);
    if (failure != null) {
      throw new KasaException(
          ErrorCode.WRITE_FAILED, "cannot write " + target + ": " + failure + "; not written");
    }
    try {
      try {
        Files.move(
            temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
      committed = true;
    } catch (IOException e) {
      throw new KasaException(
          ErrorCode.WRITE_FAILED, "cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** Deletes the temporary file unless it was committed. */
  @Override
  public void close() {
    if (!committed) {
      writer.close();
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException e) {
        // The run already fails with its own error; a leftover .partial file is named by it.
      }
    }
  }
}
