package dev.kasa.stix;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Predicate;

/**
 * Cuts the {@code objects} array of a bundle into runs of whole elements by scanning bytes (string,
 * escape and bracket state only, no decoding), so that the runs can be parsed in parallel. Whatever
 * it does not recognise as plain well-formed framing (a byte order mark, a prefix before {@code
 * objects} over 1 MiB, an element over the reader's size limit, a trailing comma, a stray bracket,
 * the end of the input or a read error inside the array) ends the framing: the rest of the input
 * goes to one sequential {@link StixReader}, which reads or reports it exactly as it would have.
 * Runs on its own thread; hands its results over through a blocking queue, which bounds memory.
 */
final class StixElementFramer implements Runnable {
  /** What the framer hands over, in input order. */
  sealed interface Item permits Prefix, Run, Rest {}

  /** The bundle up to and including the {@code [} of {@code objects}. */
  record Prefix(byte[] bytes) implements Item {}

  /**
   * {@code [} and whole elements separated by commas, closed by {@code ]}; {@code deepest} is the
   * deepest nesting inside its elements (an element's own brackets are depth 1) but for those in
   * {@code framed}, so that a reader need not scan for nesting beyond its cap when there is none;
   * {@code framed} holds the entries of the elements the framer read itself (null when it reads
   * none), which nest no deeper than the reader's cap (see {@link #StixElementFramer}).
   */
  record Run(
      byte[] bytes, int length, StixReader.Origin origin, int deepest, StixFramedEntries framed)
      implements Item {}

  /**
   * The rest of the input, to be read sequentially: a bundle (possibly starting with a synthetic
   * {@code {"objects":[}) whose elements start at {@code origin.firstIndex()}. Always the last item.
   */
  record Rest(InputStream in, StixReader.Origin origin) implements Item {}

  private static final byte[] RESUME = "{\"objects\":[".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] OBJECTS = "objects".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_PREFIX = 1 << 20;
  // The bytes the framer wants in its buffer from an element it reads itself (compact): an object
  // cut by the buffer's end is scanned instead, and the byte path's checks of that end, taken
  // nowhere else, would throw its compiled code away (measured: four recompiles in a cold load).
  private static final int AHEAD = 1 << 14;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long QUOTES = 0x2222222222222222L;
  private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;

  private final InputStream in;
  // Hands an item over; true when a run's bytes are read already and may be filled again.
  private final Predicate<Item> out;
  private final int runBytes;
  private final long maxRun;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int lim;
  private int line = 1;
  private long lineStart; // absolute offset of the current line's first byte
  private long consumed; // absolute offset of buf[0]
  private long lastCr = -2; // absolute offset of the last CR outside strings
  private IOException deferred; // a read failure of compact(), for fill() to report
  // The scan's state inside the objects array (fields, not locals of elements(), as inside()
  // carries it on): the nesting depth, the deepest nesting in the current run, and whether the
  // scan is in a string and after its backslash.
  private int depth;
  private int deepest;
  private boolean inString;
  private boolean escape;
  // Reads plain indicator objects while framing (null when off), and what it read of the run.
  private final StixIndicatorBytes plain;
  private StixFramedEntries framed;

  /**
   * @param runBytes the size from which a run is handed over
   * @param maxObjectBytes the reader's limit: a larger element ends the framing
   * @param plain when not null, reads the plain indicator objects it finds whole in the input
   *     buffer into each run's {@link Run#framed} instead of scanning them; the objects it takes
   *     must nest no deeper than the run's reader caps (the byte paths skip no deeper than {@link
   *     JsonBytes#MAX_SKIP_DEPTH}), as the framer does not count their nesting
   */
  StixElementFramer(
      InputStream in,
      Predicate<Item> out,
      int runBytes,
      long maxObjectBytes,
      StixIndicatorBytes plain) {
    this.in = in;
    this.out = out;
    this.runBytes = runBytes;
    this.maxRun = runBytes + maxObjectBytes + (1 << 16);
    this.plain = plain;
  }

  @Override
  public void run() {
    try {
      Bytes prefix = new Bytes(4096);
      IOException failure = null;
      boolean plain;
      try {
        plain = prefix(prefix);
      } catch (ReadFailure e) {
        plain = false;
        failure = e.cause;
      }
      if (!plain) {
        prefix.append(buf, pos, lim - pos);
        out.test(new Rest(rest(prefix, failure), new StixReader.Origin(0, 0, 0)));
        return;
      }
      out.test(new Prefix(prefix.toArray()));
      elements();
    } catch (Stopped e) {
      // the reader was closed
    }
  }

  // Copies bytes into `prefix` up to the `[` of `objects`; false when the input is not plain.
  private boolean prefix(Bytes prefix) {
    int depth = 0;
    boolean inString = false;
    boolean escape = false;
    boolean expectKey = false;
    boolean afterColon = false;
    int keyStart = -1;
    boolean objectsKey = false;
    while (true) {
      if (pos == lim && !fill()) {
        return false;
      }
      byte b = buf[pos];
      if (!inString) {
        newline(b, pos);
      }
      pos++;
      prefix.append(b);
      if (prefix.length > MAX_PREFIX) {
        return false;
      }
      if (inString) {
        if (b >= 0 && b < 0x20) {
          return false; // a raw control byte: see elements()
        }
        if (escape) {
          escape = false;
        } else if (b == '\\') {
          escape = true;
          keyStart = -1;
        } else if (b == '"') {
          inString = false;
          if (keyStart >= 0) {
            objectsKey = prefix.endsWith(keyStart, OBJECTS);
            keyStart = -1;
          }
        }
        continue;
      }
      if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
        continue;
      }
      if (depth == 0 && b != '{') {
        return false;
      }
      boolean valueStart = afterColon;
      afterColon = false;
      switch (b) {
        case '"' -> {
          inString = true;
          keyStart = depth == 1 && expectKey ? prefix.length : -1;
          objectsKey = false;
          expectKey = false;
        }
        case '{', '[' -> {
          if (depth == 1 && valueStart && b == '[' && objectsKey) {
            return true;
          }
          depth++;
          expectKey = b == '{' && depth == 1;
        }
        case '}', ']' -> {
          if (--depth <= 0) {
            return false;
          }
        }
        case ',' -> expectKey = depth == 1;
        case ':' -> afterColon = depth == 1;
        default -> {
          if (b >= 0 && b < 0x20) {
            return false;
          }
        }
      }
    }
  }

  // Frames elements into runs until the array ends or something is not plain. Bytes are copied
  // into the run a buffer segment at a time; string bodies are skipped by a tight loop.
  private void elements() {
    Bytes run = newRun();
    framed = plain == null ? null : new StixFramedEntries();
    int firstIndex = 0;
    int elements = 0; // complete elements in `run`
    depth = 0;
    deepest = 0;
    inString = false;
    escape = false;
    boolean content = false; // the current element has a non-blank byte
    boolean comma = false; // a comma at depth 0 awaits the next element
    int commaAt = 0; // length of `run` before that comma
    int runLine = line;
    long runColumn = column(pos);
    int p = pos;
    int seg = pos; // buf[seg, p) is not yet copied into `run`
    while (true) {
      if (p == lim) {
        run.append(buf, seg, p - seg);
        pos = p;
        if (run.length > maxRun) { // an oversized element: the sequential reader skips it
          resume(run, firstIndex, runLine, runColumn, null);
          return;
        }
        IOException failure = null;
        try {
          if (fill()) {
            p = pos;
            seg = pos;
            continue;
          }
        } catch (ReadFailure e) {
          failure = e.cause;
        }
        resume(run, firstIndex, runLine, runColumn, failure);
        return;
      }
      if (inString || depth > 0) {
        p = inside(p);
        if (p < 0) {
          // A raw control byte in a string: only the nesting cap's blanking lets the parser
          // accept it, and a line break there moves every later line number, so the sequential
          // reader takes over where the element starts.
          p = -1 - p;
          run.append(buf, seg, p - seg);
          pos = p;
          resume(run, firstIndex, runLine, runColumn, null);
          return;
        }
        continue;
      }
      byte b = buf[p];
      if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
        newline(b, p);
        p++;
        continue;
      }
      if (comma) {
        comma = false;
        run.append(buf, seg, p - seg);
        seg = p;
        pos = p;
        if (b == ']') { // a trailing comma: the sequential reader reports it
          resume(run, firstIndex, runLine, runColumn, null);
          return;
        }
        elements++;
        if (run.length >= runBytes) {
          run.data[commaAt] = ']';
          boolean read =
              out.test(
                  new Run(
                      run.data,
                      commaAt + 1,
                      origin(firstIndex, runLine, runColumn, 2),
                      deepest,
                      framed));
          deepest = 0;
          framed = plain == null ? null : new StixFramedEntries();
          firstIndex += elements;
          elements = 0;
          run = read ? run.restart() : newRun();
          runLine = line;
          runColumn = column(p);
        }
        content = false;
      }
      if (b == '{' && !content && plain != null) {
        if (lim - p < AHEAD) {
          run.append(buf, seg, p - seg);
          compact(p);
          p = 0;
          seg = 0;
        }
        int end = framedElement(p, firstIndex + elements, elements, run.length + p - seg);
        if (end >= 0) {
          // Plain objects hold no line break: the line count needs nothing from their bytes.
          content = true;
          p = end;
          continue;
        }
      }
      switch (b) {
        case '"' -> inString = true;
        case '{', '[' -> deepest = Math.max(deepest, ++depth);
        case '}', ']' -> {
          if (depth == 0) {
            run.append(buf, seg, p - seg);
            pos = p;
            if (b == ']' && content) {
              run.append(b);
              boolean read =
                  out.test(
                      new Run(
                          run.data,
                          run.length,
                          origin(firstIndex, runLine, runColumn, 2),
                          deepest,
                          framed));
              firstIndex += elements + 1;
              run = read ? run.restart() : newRun();
              runLine = line;
              runColumn = column(p);
            }
            resume(run, firstIndex, runLine, runColumn, null);
            return;
          }
          depth--;
        }
        case ',' -> {
          if (depth == 0) {
            run.append(buf, seg, p - seg);
            seg = p;
            pos = p;
            if (!content) {
              resume(run, firstIndex, runLine, runColumn, null);
              return;
            }
            comma = true;
            commaAt = run.length;
          }
        }
        default -> {}
      }
      content = true;
      p++;
    }
  }

  /**
   * Reads the element at {@code buf[p]} (its '{'), the run's element {@code element} at {@code
   * runAt} of the run, on the indicator byte path when it is a plain indicator object whole in the
   * buffer: where it ends in the buffer, or -1 (the framer scans it instead).
   */
  private int framedElement(int p, int index, int element, int runAt) {
    if (!StixIndicatorBytes.startsIndicator(buf, p, lim)) {
      return -1;
    }
    StixEntry e = plain.read(buf, p, lim, index);
    if (e == null) {
      return -1;
    }
    int end = plain.end();
    framed.add(element, runAt, runAt + end - p, e);
    return end;
  }

  /**
   * Scans on from {@code buf[p]} inside an element (in a string, or at a depth above 0) to where
   * the element's depth is back to 0 outside strings (after its closing bracket) or the end of the
   * buffer: that position; or, at a raw control byte in a string, -1 minus its position. A method
   * of its own, called once an element, so that the JIT compiles it as soon as it is hot:
   * elements() runs once, and its loop waited for an on-stack replacement compile, 5.6 s
   * interpreted in a cold load of 1M indicators while C2's queue was long (measured 2026-12-07).
   */
  private int inside(int p) {
    byte[] b = buf;
    int n = lim;
    while (p < n) {
      if (inString) {
        if (escape) {
          escape = false;
          p++;
          continue;
        }
        p = stringStop(b, p, n);
        if (p < n) {
          if (b[p] == '"') {
            inString = false;
          } else if (b[p] == '\\') {
            escape = true;
          } else {
            return -1 - p;
          }
          p++;
        }
        continue;
      }
      if (depth == 0) {
        return p;
      }
      byte c = b[p];
      switch (c) {
        case '"' -> inString = true;
        case '{', '[' -> deepest = Math.max(deepest, ++depth);
        case '}', ']' -> depth--;
        case '\n', '\r' -> newline(c, p);
        default -> {}
      }
      p++;
    }
    return p;
  }

  // The first quote or backslash in b[p, n), or n: eight bytes at a time (SWAR), as string bodies
  // are most of a bundle.
  static int stringEnd(byte[] b, int p, int n) {
    while (p + 8 <= n) {
      long w = (long) LONGS.get(b, p);
      long found = zeroByte(w ^ QUOTES) | zeroByte(w ^ BACKSLASHES);
      if (found != 0) {
        return p + (Long.numberOfTrailingZeros(found) >>> 3);
      }
      p += 8;
    }
    while (p < n && b[p] != '"' && b[p] != '\\') {
      p++;
    }
    return p;
  }

  // The first quote, backslash or control byte (below 0x20) in b[p, n), or n.
  static int stringStop(byte[] b, int p, int n) {
    while (p + 8 <= n) {
      long w = (long) LONGS.get(b, p);
      long found = zeroByte(w ^ QUOTES) | zeroByte(w ^ BACKSLASHES) | belowSpace(w);
      if (found != 0) {
        return p + (Long.numberOfTrailingZeros(found) >>> 3);
      }
      p += 8;
    }
    while (p < n && b[p] != '"' && b[p] != '\\' && (b[p] < 0 || b[p] >= 0x20)) {
      p++;
    }
    return p;
  }

  // The high bit of each byte of w below 0x20 (exact for the lowest one, as in zeroByte).
  private static long belowSpace(long w) {
    return (w - 0x2020202020202020L) & ~w & 0x8080808080808080L;
  }

  // The high bit of each zero byte of w (exact for the lowest one, which is all that is used).
  private static long zeroByte(long w) {
    return (w - 0x0101010101010101L) & ~w & 0x8080808080808080L;
  }

  private Bytes newRun() {
    Bytes run = new Bytes(runBytes + (1 << 14));
    run.append((byte) '[');
    return run;
  }

  // Hands the rest over: the unsent run (without its '['), the buffer and the unread input.
  private void resume(Bytes run, int firstIndex, int runLine, long runColumn, IOException failure) {
    Bytes head = new Bytes(RESUME.length + run.length + (lim - pos));
    head.append(RESUME, 0, RESUME.length);
    head.append(run.data, 1, run.length - 1);
    head.append(buf, pos, lim - pos);
    pos = lim;
    var origin = origin(firstIndex, runLine, runColumn, RESUME.length + 1);
    out.test(new Rest(rest(head, failure), origin));
  }

  private InputStream rest(Bytes head, IOException failure) {
    var first = new ByteArrayInputStream(head.data, 0, head.length);
    InputStream tail =
        failure == null
            ? in
            : new InputStream() {
              @Override
              public int read() throws IOException {
                throw failure;
              }
            };
    return new SequenceInputStream(first, tail);
  }

  private static StixReader.Origin origin(int index, int line, long column, int columnInPiece) {
    return new StixReader.Origin(index, line - 1, (int) (column - columnInPiece));
  }

  // The 1-based column of buf[p], in bytes as Jackson counts them.
  private long column(int p) {
    return consumed + p - lineStart + 1;
  }

  // Jackson counts CR, LF and CR LF as one line break each.
  private void newline(byte b, int p) {
    long at = consumed + p;
    if (b == '\n') {
      if (lastCr != at - 1) {
        line++;
      }
      lineStart = at + 1;
    } else if (b == '\r') {
      line++;
      lineStart = at + 1;
      lastCr = at;
    }
  }

  /**
   * Moves {@code buf[p, lim)} to the front and reads on after it until {@link #AHEAD} bytes are
   * there (or the input ends); offsets stay absolute ({@code consumed} moves with the bytes).
   */
  private void compact(int p) {
    int keep = lim - p;
    System.arraycopy(buf, p, buf, 0, keep);
    consumed += p;
    pos = 0;
    lim = keep;
    try {
      while (deferred == null && lim < AHEAD) {
        int n = in.read(buf, lim, buf.length - lim);
        if (n <= 0) {
          break;
        }
        lim += n;
      }
    } catch (IOException e) {
      deferred = e;
    }
  }

  private boolean fill() {
    if (deferred != null) {
      throw new ReadFailure(deferred);
    }
    consumed += lim;
    pos = 0;
    lim = 0;
    try {
      int n = in.read(buf);
      if (n <= 0) {
        return false;
      }
      lim = n;
      return true;
    } catch (IOException e) {
      throw new ReadFailure(e);
    }
  }

  /** A growable byte array. */
  private static final class Bytes {
    byte[] data;
    int length;

    Bytes(int capacity) {
      data = new byte[capacity];
    }

    void append(byte b) {
      if (length == data.length) {
        data = Arrays.copyOf(data, length * 2);
      }
      data[length++] = b;
    }

    void append(byte[] b, int off, int len) {
      if (length + len > data.length) {
        data = Arrays.copyOf(data, Math.max(data.length * 2, length + len));
      }
      System.arraycopy(b, off, data, length, len);
      length += len;
    }

    // Empty again but for the '[' a run starts with, keeping the array.
    Bytes restart() {
      length = 0;
      append((byte) '[');
      return this;
    }

    boolean endsWith(int start, byte[] s) {
      return length - 1 - start == s.length
          && Arrays.equals(data, start, length - 1, s, 0, s.length);
    }

    byte[] toArray() {
      return Arrays.copyOf(data, length);
    }
  }

  /** The reader was closed while the framer waited. */
  static final class Stopped extends RuntimeException {
    Stopped() {
      super(null, null, false, false);
    }
  }

  private static final class ReadFailure extends RuntimeException {
    final IOException cause;

    ReadFailure(IOException cause) {
      super(null, null, false, false);
      this.cause = cause;
    }
  }
}
