package dev.kasa.stix;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Caps the nesting depth of JSON text before a parser sees it, so that the parser's own nesting
 * limit (which aborts the whole stream) can never fire before a reader's limit (which skips one
 * object). A value that opens deeper than the cap keeps its opening and closing bracket and every
 * byte between them becomes a space, line breaks excepted: the parser sees an empty array or object
 * one level below the cap, nothing else changes, and byte offsets, lines and columns stay those of
 * the input. A reader whose own depth limit lies at or above the cap therefore never accepts an
 * altered value: it rejects the value that holds the empty one.
 *
 * <p>It scans bytes (string, escape and bracket state, no decoding) and is meant for UTF-8 input;
 * input whose first bytes announce UTF-16 or UTF-32 (a zero byte or a UTF-16 byte order mark) is
 * passed on unchanged. Malformed JSON stays malformed, except inside a blanked value. Not
 * thread-safe: one per input, fed the bytes in order.
 */
public final class JsonNestingCap {
  private final int cap;
  private long seen;
  private boolean unchanged;
  private int depth;
  private int blankingTo = -1; // the depth at which blanking stops, or -1
  private boolean inString;
  private boolean escape;

  /**
   * @param cap the deepest nesting passed on unchanged, at least 1 (the outermost value is depth 1)
   */
  public JsonNestingCap(int cap) {
    if (cap < 1) {
      throw new IllegalArgumentException("cap must be >= 1 but was " + cap);
    }
    this.cap = cap;
  }

  /** {@code in}, capped at {@code cap} as it is read. */
  public static InputStream capped(InputStream in, int cap) {
    return new Capped(Objects.requireNonNull(in, "in"), new JsonNestingCap(cap));
  }

  /** Caps {@code b[from, to)} in place; the bytes continue those given before. */
  public void apply(byte[] b, int from, int to) {
    int i = from;
    while (seen < 4 && i < to) {
      int x = b[i] & 0xff;
      if (x == 0 || seen == 0 && (x == 0xfe || x == 0xff)) {
        unchanged = true;
      }
      seen++;
      if (!unchanged) {
        i = step(b, i, i + 1);
      } else {
        i++;
      }
    }
    seen += to - i;
    if (!unchanged) {
      step(b, i, to);
    }
  }

  // Scans b[i, to) and returns to.
  private int step(byte[] b, int i, int to) {
    while (i < to) {
      if (inString) {
        if (escape) {
          escape = false;
          blank(b, i, i + 1);
          i++;
          continue;
        }
        int end = StixElementFramer.stringEnd(b, i, to);
        blank(b, i, end);
        i = end;
        if (i < to) {
          if (b[i] == '"') {
            inString = false;
          } else {
            escape = true;
          }
          blank(b, i, i + 1);
          i++;
        }
        continue;
      }
      byte c = b[i];
      switch (c) {
        case '"' -> inString = true;
        case '{', '[' -> {
          depth++;
          if (blankingTo < 0 && depth > cap) {
            blankingTo = depth - 1; // this bracket stays, its content goes
            i++;
            continue;
          }
        }
        case '}', ']' -> {
          if (depth > 0) {
            depth--;
          }
          if (depth == blankingTo) {
            blankingTo = -1; // the closing bracket stays
            i++;
            continue;
          }
        }
        default -> {}
      }
      blank(b, i, i + 1);
      i++;
    }
    return to;
  }

  private void blank(byte[] b, int from, int to) {
    if (blankingTo < 0) {
      return;
    }
    for (int i = from; i < to; i++) {
      if (b[i] != '\n' && b[i] != '\r') {
        b[i] = ' ';
      }
    }
  }

  /** The stream view: bytes are capped as they pass. */
  private static final class Capped extends InputStream {
    private final InputStream in;
    private final JsonNestingCap cap;

    Capped(InputStream in, JsonNestingCap cap) {
      this.in = in;
      this.cap = cap;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        cap.apply(b, off, off + n);
      }
      return n;
    }

    @Override
    public int available() throws IOException {
      return in.available();
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
