package dev.kasa.cli.report;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * Lines for a terminal: text from data escaped ({@link TerminalWriter#escape}), every line clipped
 * to the terminal's width with an ellipsis (never wrapped), and the level or TLP cell coloured when
 * the terminal may colour.
 */
final class FittedLines {
  private static final Map<String, String> COLOURS =
      Map.ofEntries(
          Map.entry("critical", "1;31"),
          Map.entry("high", "31"),
          Map.entry("medium", "33"),
          Map.entry("low", "36"),
          Map.entry("informational", "2"),
          Map.entry("red", "1;31"),
          Map.entry("amber+strict", "33"),
          Map.entry("amber", "33"),
          Map.entry("green", "32"));

  private final PrintWriter out;
  private final Terminal terminal;

  FittedLines(PrintWriter out, Terminal terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  int width() {
    return terminal.columns();
  }

  /** One line of text, clipped to the width. */
  void line(String text) {
    raw(TableColumns.clip(TerminalWriter.escape(text), terminal.columns()));
    newline();
  }

  void newline() {
    raw(System.lineSeparator());
  }

  /** Formats with {@link Locale#ROOT} and writes one line, clipped. */
  void printf(String format, Object... args) {
    line(String.format(Locale.ROOT, format, args));
  }

  /**
   * One row: each cell clipped and padded to its column (the last not padded), the coloured column
   * coloured by {@code grade} (a level or TLP label, any case; null for none).
   */
  void row(TableColumns columns, String grade, String... cells) {
    StringBuilder b = new StringBuilder();
    StringBuilder plain = new StringBuilder();
    int[] widths = columns.widths();
    int used = 0;
    for (int i = 0; i < cells.length; i++) {
      String text = TerminalWriter.escape(cells[i] == null ? "" : cells[i]);
      boolean lastCell = i == cells.length - 1;
      int width = lastCell ? Math.max(0, terminal.columns() - used) : widths[i];
      String cell =
          columns.clipLeft()[i]
              ? TableColumns.clipLeft(text, width)
              : TableColumns.clip(text, width);
      String colour = i == columns.coloured() && grade != null ? colour(grade) : null;
      if (colour != null && !cell.isEmpty()) {
        b.append("\u001b[").append(colour).append('m').append(cell).append("\u001b[0m");
      } else {
        b.append(cell);
      }
      plain.append(cell);
      if (!lastCell) {
        String pad = " ".repeat(width - cell.length() + TableColumns.GAP);
        b.append(pad);
        plain.append(pad);
        used += width + TableColumns.GAP;
      }
    }
    // Narrower than the fixed columns: cut the row itself (without colour, whose codes would be
    // cut too).
    String line =
        plain.length() > terminal.columns()
            ? TableColumns.clip(plain.toString(), terminal.columns())
            : b.toString();
    int end = line.length();
    while (end > 0 && line.charAt(end - 1) == ' ') {
      end--;
    }
    raw(line.substring(0, end));
    newline();
  }

  private String colour(String grade) {
    return terminal.colour() ? COLOURS.get(grade.toLowerCase(Locale.ROOT)) : null;
  }

  private void raw(String s) {
    if (out instanceof TerminalWriter t) {
      t.control(s);
    } else {
      out.write(s);
    }
  }

  void flush() {
    out.flush();
  }
}
