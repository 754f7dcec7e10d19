package dev.kasa.cli.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Every text kasa prints for people (the table, summaries, problems, progress, rule reports) goes
 * through one of these: whatever is printed is escaped so that logs, intelligence and rules cannot
 * drive the terminal. C0 controls, DEL, C1 controls, line and paragraph separators and the
 * bidirectional embeddings, overrides, isolates and marks become visible escapes ({@code \x1b},
 * {@code \u202e}); the line ends that {@code println} and {@code %n} write are the writer's own.
 * {@link #control} writes kasa's own terminal controls. Thread-safe as a {@link PrintWriter}.
 */
public final class TerminalWriter extends PrintWriter {
  public TerminalWriter(PrintWriter target) {
    super(target);
  }

  /** {@code text} with every character that could drive a terminal written as an escape. */
  public static String escape(String text) {
    int i = 0;
    while (i < text.length() && !controls(text.charAt(i))) {
      i++;
    }
    if (i == text.length()) {
      return text;
    }
    StringBuilder b = new StringBuilder(text.length() + 16).append(text, 0, i);
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!controls(c)) {
        b.append(c);
      } else if (c == '\n') {
        b.append("\\n");
      } else if (c == '\r') {
        b.append("\\r");
      } else if (c == '\t') {
        b.append("\\t");
      } else if (c < 0x80) {
        b.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
      } else {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      }
    }
    return b.toString();
  }

  /** Whether {@code c} can change what a terminal shows beyond itself. */
  static boolean controls(char c) {
    return dev.kasa.detect.TerminalSafeJson.controls(c);
  }

  /** Writes kasa's own terminal control sequence (the progress line's), unescaped. */
  public void control(String sequence) {
    raw(sequence);
  }

  @Override
  public void write(int c) {
    if (controls((char) c)) {
      super.write(escape(String.valueOf((char) c)));
    } else {
      super.write(c);
    }
  }

  @Override
  public void write(char[] buf, int off, int len) {
    write(new String(buf, off, len));
  }

  @Override
  public void write(String s, int off, int len) {
    String escaped = escape(s.substring(off, off + len));
    super.write(escaped, 0, escaped.length());
  }

  @Override
  public PrintWriter format(String format, Object... args) {
    return format(Locale.getDefault(), format, args);
  }

  /** Formats with every argument but numbers escaped; the format itself is kasa's own. */
  @Override
  public PrintWriter format(Locale locale, String format, Object... args) {
    Object[] safe = args == null ? null : args.clone();
    if (safe != null) {
      for (int i = 0; i < safe.length; i++) {
        Object a = safe[i];
        if (a != null && !(a instanceof Number) && !(a instanceof Boolean)) {
          safe[i] = escape(String.valueOf(a));
        }
      }
    }
    raw(String.format(locale, format, safe));
    return this;
  }

  private void raw(String s) {
    synchronized (lock) {
      try {
        out.write(s);
      } catch (IOException e) {
        setError();
      }
    }
  }
}
