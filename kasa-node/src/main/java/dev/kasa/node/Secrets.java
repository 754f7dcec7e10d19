package dev.kasa.node;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Secrets given in files: the first line, without its line ending. */
public final class Secrets {
  private Secrets() {}

  /**
   * The first line of {@code file} without its line ending.
   *
   * @throws KasaException {@link ErrorCode#UNREADABLE_INPUT} when the file cannot be read, {@link
   *     ErrorCode#USAGE} when the line is empty
   */
  public static String firstLine(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new KasaException(ErrorCode.UNREADABLE_INPUT, "cannot read the secret file " + file);
    }
    int end = text.length();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        end = i;
        break;
      }
    }
    String line = text.substring(0, end);
    if (line.isEmpty()) {
      throw new KasaException(
          ErrorCode.USAGE, "the secret file " + file + " has an empty first line");
    }
    return line;
  }
}
