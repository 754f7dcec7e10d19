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

  private static final byte OTHER = 0;
  private static final byte QUOTE = 1;
  private static final byte OPEN = 2;
  private static final byte CLOSE = 3;
  private static final byte[] CLASS = new byte[256];

  static {
    CLASS['"'] = QUOTE;
    CLASS['['] = OPEN;
    CLASS['{'] = OPEN;
    CLASS[']'] = CLOSE;
    CLASS['}'] = CLOSE;
  }

  // Scans b[i, to) and returns to. The common case, nothing to blank, is a tight loop; string
  // bodies are skipped eight bytes at a time.
  private int step(byte[] b, int i, int to) {
    if (blankingTo >= 0) {
      i = blank(b, i, to);
    }
    while (i < to) {
      if (inString) {
        if (escape) {
          escape = false;
          i++;
          continue;
        }
        i = StixElementFramer.stringEnd(b, i, to);
        if (i < to) {
          if (b[i] == '"') {
            inString = false;
          } else {
            escape = true;
          }
          i++;
        }
        continue;
      }
      byte c = CLASS[b[i++] & 0xff];
      if (c == OTHER) {
        continue;
      }
      if (c == QUOTE) {
        inString = true;
      } else if (c == OPEN) {
        if (++depth > cap) {
          blankingTo = depth - 1; // this bracket stays, its content goes
          i = blank(b, i, to);
        }
      } else if (depth > 0) {
        depth--;
      }
    }
    return to;
  }

  // Blanks b[i, to) up to the bracket that closes blanking (kept); returns the index after it, or
  // to.
  private int blank(byte[] b, int i, int to) {
    for (; i < to; i++) {
      byte x = b[i];
      if (inString) {
        if (escape) {
          escape = false;
        } else if (x == '\\') {
          escape = true;
        } else if (x == '"') {
          inString = false;
        }
      } else {
        byte c = CLASS[x & 0xff];
        if (c == QUOTE) {
          inString = true;
        } else if (c == OPEN) {
          depth++;
        } else if (c == CLOSE) {
          if (depth > 0) {
            depth--;
          }
          if (depth == blankingTo) {
            blankingTo = -1; // the closing bracket stays
            return i + 1;
          }
        }
      }
      if (x != '\n' && x != '\r') {
        b[i] = ' ';
      }
    }
    return to;
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
