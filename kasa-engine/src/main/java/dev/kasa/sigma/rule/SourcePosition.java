package dev.kasa.sigma.rule;

import java.util.Objects;

/**
 * Where something sits in a rule file: the file as given, and a 1-based line and column (0 when
 * unknown). Immutable.
 */
public record SourcePosition(String file, int line, int column) {
  public SourcePosition {
    Objects.requireNonNull(file, "file");
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException(
          "negative position " + line + ":" + column + " in " + file);
    }
  }

  @Override
  public String toString() {
    return line == 0 ? file : column == 0 ? file + ":" + line : file + ":" + line + ":" + column;
  }
}
