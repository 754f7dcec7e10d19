package dev.kasa.cli.option;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * A file given with an option ({@code --field-map}, {@code --logsources}, {@code --placeholders})
 * is part of the command line: when it is missing or malformed the command is not run and the
 * status is the usage error's, with the loader's message (which names file:line).
 */
public final class OptionFile {
  private OptionFile() {}

  /**
   * What {@code loader} reads from {@code file}.
   *
   * @throws KasaException {@link ErrorCode#USAGE} naming {@code option} when the file does not
   *     exist, is not a file, or the loader rejects its content
   */
  public static <T> T load(String option, Path file, Function<Path, T> loader) {
    if (!Files.exists(file)) {
      throw new KasaException(ErrorCode.USAGE, option + ": no such file: " + file);
    }
    if (Files.isDirectory(file)) {
      throw new KasaException(ErrorCode.USAGE, option + ": a directory, not a file: " + file);
    }
    try {
      return loader.apply(file);
    } catch (KasaException e) {
      if (e.code().category() == ErrorCode.Category.INTERNAL) {
        throw e;
      }
      throw new KasaException(ErrorCode.USAGE, option + ": " + e.getMessage(), e);
    }
  }
}
