package dev.kasa.cli.report;

import java.util.Map;

/**
 * What the table knows about where standard output goes: its width in columns, and whether it may
 * colour (a terminal, {@code NO_COLOR} unset or empty, {@code TERM} not {@code dumb}).
 *
 * @param columns the width every line of the table fits in
 * @param colour whether the table may write colour codes
 */
public record Terminal(int columns, boolean colour) {
  /** The width when standard output is not a terminal or its width is unknown. */
  public static final int DEFAULT_COLUMNS = 120;

  /** The narrowest table laid out; a smaller {@code COLUMNS} is taken as this. */
  static final int MIN_COLUMNS = 40;

  /** A file or a pipe: the default width, no colour. */
  public static final Terminal NONE = new Terminal(DEFAULT_COLUMNS, false);

  public Terminal {
    columns = Math.max(MIN_COLUMNS, columns);
  }

  /**
   * The terminal of this process: {@code COLUMNS} when it is a number, else the width the launcher
   * measured ({@code measured}, 0 when unknown), else {@link #DEFAULT_COLUMNS}; colour only when
   * standard output is a terminal (https://no-color.org).
   *
   * @param env the environment
   * @param stdoutTerminal whether standard output is a terminal
   * @param measured the terminal's width as the launcher measured it, or 0
   */
  public static Terminal of(Map<String, String> env, boolean stdoutTerminal, int measured) {
    int columns = number(env.get("COLUMNS"));
    if (columns <= 0) {
      columns = stdoutTerminal && measured > 0 ? measured : DEFAULT_COLUMNS;
    }
    String noColor = env.get("NO_COLOR");
    boolean colour =
        stdoutTerminal && (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.get("TERM"));
    return new Terminal(columns, colour);
  }

  /** This terminal for a report written to a file: same width, never colour. */
  public Terminal file() {
    return new Terminal(columns, false);
  }

  private static int number(String s) {
    if (s == null || s.isBlank() || s.length() > 6) {
      return 0;
    }
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
