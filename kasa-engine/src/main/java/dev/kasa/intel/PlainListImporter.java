package dev.kasa.intel;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.observable.ObservableType;
import dev.kasa.observable.Observables;
import dev.kasa.stix.Tlp;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Imports a plain indicator list: one value a line, {@code #} comments (a whole line, or a trailing
 * comment after whitespace), blank lines ignored, LF or CRLF line ends, UTF-8 (malformed bytes read
 * as U+FFFD). Each value's type is inferred by {@link Observables#infer}; it becomes an
 * always-valid {@link Indicator} with a name-based id (UUID v5 of the normalised type and value, so
 * the same value in two lists has the same id), confidence -1, no attribution, and this importer's
 * TLP. Lines whose type cannot be told, and lines longer than {@link #MAX_LINE_CHARS}, are reported
 * as {@link IntelProblem.Kind#INVALID} at {@code source:line}.
 *
 * <p>Thread-safe: each call is independent.
 */
public final class PlainListImporter {
  /** Longest line read; longer lines are reported and skipped. */
  public static final int MAX_LINE_CHARS = 8192;

  private final Tlp tlp;

  /** An importer that marks every indicator with {@code tlp} (non-null). */
  public PlainListImporter(Tlp tlp) {
    this.tlp = Objects.requireNonNull(tlp, "tlp");
  }

  /** An importer whose indicators carry no TLP marking. */
  public PlainListImporter() {
    this(Tlp.NONE);
  }

  /**
   * Reads one list.
   *
   * @param in the list's bytes (already decompressed); not closed
   * @param source how to name the input in problems, e.g. a file path
   * @param sink receives indicators and problems in line order
   * @return the number of indicators read
   * @throws KasaException with {@link ErrorCode#IO_FAILURE} when reading fails
   */
  public long read(InputStream in, String source, IntelSink sink) {
    var ids = new PlainListIds();
    Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
    char[] buf = new char[MAX_LINE_CHARS + 1];
    int len = 0;
    long lineNo = 0;
    long count = 0;
    boolean skipping = false;
    try {
      while (true) {
        int n = reader.read(buf, len, buf.length - len);
        if (n < 0) {
          if (len > 0 && !skipping) {
            count += line(buf, 0, len, source, ++lineNo, ids, sink);
          }
          return count;
        }
        int end = len + n;
        int start = 0;
        for (int i = len; i < end; i++) {
          if (buf[i] != '\n') {
            continue;
          }
          lineNo++;
          if (skipping) {
            skipping = false;
          } else {
            count += line(buf, start, i, source, lineNo, ids, sink);
          }
          start = i + 1;
        }
        len = end - start;
        if (len == buf.length) {
          if (!skipping) {
            sink.problem(
                new IntelProblem(
                    IntelProblem.Kind.INVALID,
                    source + ":" + (lineNo + 1),
                    "line longer than " + MAX_LINE_CHARS + " characters"));
          }
          skipping = true;
          len = 0;
        } else {
          System.arraycopy(buf, start, buf, 0, len);
        }
      }
    } catch (IOException e) {
      throw new KasaException(
          ErrorCode.IO_FAILURE, "cannot read " + source + " after line " + lineNo + ": " + e, e);
    }
  }

  private int line(
      char[] buf, int from, int to, String source, long lineNo, PlainListIds ids, IntelSink sink) {
    if (lineNo == 1 && from < to && buf[from] == '\uFEFF') {
      from++;
    }
    // A comment starts at '#' at the line start or after whitespace; a '#' inside a value (a URL
    // fragment) is kept.
    for (int i = from; i < to; i++) {
      if (buf[i] == '#' && (i == from || Character.isWhitespace(buf[i - 1]))) {
        to = i;
        break;
      }
    }
    while (from < to && Character.isWhitespace(buf[from])) {
      from++;
    }
    while (to > from && Character.isWhitespace(buf[to - 1])) {
      to--;
    }
    if (from == to) {
      return 0;
    }
    String raw = new String(buf, from, to - from);
    Optional<ObservableType> type = Observables.infer(raw);
    Optional<String> value = type.flatMap(t -> Observables.tryNormalize(t, raw));
    if (value.isEmpty()) {
      sink.problem(
          new IntelProblem(
              IntelProblem.Kind.INVALID,
              source + ":" + lineNo,
              "cannot tell the type of '" + clip(raw) + "'"));
      return 0;
    }
    ObservableType t = type.get();
    String v = value.get();
    sink.indicator(
        new Indicator(
            ids.indicatorId(t, v), t, v, Instant.EPOCH, null, false, -1, tlp, Attribution.NONE));
    return 1;
  }

  static String clip(String raw) {
    return raw.length() <= 200 ? raw : raw.substring(0, 200) + "…";
  }
}
