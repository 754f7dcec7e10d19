package dev.kasa.intel;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.Location.FilePosition;
import dev.kasa.Problem;
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
import java.util.concurrent.Executor;

/**
 * Imports a plain indicator list: one value a line, {@code #} comments (a whole line, or a trailing
 * comment after whitespace), blank lines ignored, LF or CRLF line ends, UTF-8 (malformed bytes read
 * as U+FFFD). Each value's type is inferred by {@link Observables#infer}; it becomes an
 * always-valid {@link Indicator} with a name-based id (UUID v5 of the normalised type and value, so
 * the same value in two lists has the same id), confidence -1, no attribution, and this importer's
 * TLP, delivered as a version of its own whose {@code modified} time is the Unix epoch (a list has
 * no versions: the first list to name a value is the one that stands). Lines whose type cannot be
 * told, and lines longer than {@link #MAX_LINE_CHARS}, are reported as {@link
 * ErrorCode#INVALID_INPUT} at {@code source:line}.
 *
 * <p>Thread-safe: each call is independent. A long list is converted in batches on the caller's
 * executor when one is given; the sink is called only on the calling thread, in line order.
 */
public final class PlainListImporter {
  /** Longest line read; longer lines are reported and skipped. */
  public static final int MAX_LINE_CHARS = 8192;

  /** Values converted together, by one worker thread. */
  static final int BATCH = 4096;

  private final Tlp tlp;
  private final Executor pool;
  private final int workers;
  private final int batch;

  /**
   * Whether {@code i} was read from a plain list: its id is the name-based id of its value (as
   * every plain list gives it) and its provenance names nothing but its source. Such an indicator
   * exists only here, so what is shared about it must carry the indicator object itself.
   */
  public static boolean isListIndicator(Indicator i) {
    Provenance p = i.provenance();
    return p.producer() == null
        && p.name() == null
        && p.misp() == null
        && i.port() == null
        && new PlainListIds().indicatorId(i.type(), i.value()).equals(i.id());
  }

  /**
   * An importer that marks every indicator with {@code tlp} (non-null) and converts on the calling
   * thread.
   */
  public PlainListImporter(Tlp tlp) {
    this(tlp, null, 1, BATCH);
  }

  /**
   * An importer that marks every indicator with {@code tlp} (non-null) and converts a long list in
   * batches on {@code pool} (the caller's, never shut down), {@code workers} batches at once.
   */
  public PlainListImporter(Tlp tlp, Executor pool, int workers) {
    this(tlp, Objects.requireNonNull(pool, "pool"), workers, BATCH);
  }

  /** For tests: {@code workers} batches at once on {@code pool} (null or 1: all inline). */
  PlainListImporter(Tlp tlp, Executor pool, int workers, int batch) {
    this.tlp = Objects.requireNonNull(tlp, "tlp");
    if (workers < 1 || batch < 1) {
      throw new IllegalArgumentException("workers and batch must be positive");
    }
    this.pool = pool;
    this.workers = workers;
    this.batch = batch;
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
    return read(in, source, Origin.file(source), sink);
  }

  /**
   * Reads one list that {@code origin} gave us.
   *
   * @see #read(InputStream, String, IntelSink)
   */
  public long read(InputStream in, String source, Origin origin, IntelSink sink) {
    Objects.requireNonNull(origin, "origin");
    var batches = new PlainListBatches(source, tlp, origin, sink, pool, workers, batch);
    Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
    char[] buf = new char[MAX_LINE_CHARS + 1];
    int len = 0;
    long lineNo = 0;
    boolean skipping = false;
    try {
      while (true) {
        int n = reader.read(buf, len, buf.length - len);
        if (n < 0) {
          if (len > 0 && !skipping) {
            batches.line(buf, 0, len, ++lineNo);
          }
          return batches.finish();
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
            batches.line(buf, start, i, lineNo);
          }
          start = i + 1;
        }
        len = end - start;
        if (len == buf.length) {
          if (!skipping) {
            batches.problem(
                new Problem(
                    ErrorCode.INVALID_INPUT,
                    new FilePosition(source, lineNo + 1, 0),
                    "line longer than " + MAX_LINE_CHARS + " characters"));
          }
          skipping = true;
          len = 0;
        } else {
          System.arraycopy(buf, start, buf, 0, len);
        }
      }
    } catch (IOException e) {
      // What was read before the failure still reaches the sink, as it did line by line.
      batches.finish();
      throw new KasaException(
          ErrorCode.IO_FAILURE, "cannot read " + source + " after line " + lineNo + ": " + e, e);
    } finally {
      batches.close();
    }
  }

  /**
   * The value of a line: without a BOM (line 1), comment and surrounding whitespace; null when
   * nothing is left. Called on worker threads.
   */
  static String value(char[] buf, int from, int to, long lineNo) {
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
    return from == to ? null : new String(buf, from, to - from);
  }

  /** An indicator that is loaded with a warning about it. */
  record Warned(Problem warning, Indicator indicator) {}

  /**
   * The indicator of one value ({@link Indicator}), the problem that it cannot be one ({@link
   * Problem}), or both ({@link Warned}); called on worker threads.
   */
  static Object indicatorOf(
      String raw,
      long lineNo,
      String source,
      Tlp tlp,
      Origin origin,
      Provenance provenance,
      PlainListIds ids) {
    Observables.Typed typed = Observables.inferNormalized(raw);
    if (typed == null) {
      return new Problem(
          ErrorCode.INVALID_INPUT,
          new FilePosition(source, lineNo, 0),
          "cannot tell the type of '" + clip(raw) + "'");
    }
    ObservableType t = typed.type();
    String v = typed.value();
    IndicatorBreadth.Verdict verdict = IndicatorBreadth.of(t, v);
    if (verdict != null && verdict.code() == ErrorCode.INVALID_INPUT) {
      return new Problem(verdict.code(), new FilePosition(source, lineNo, 0), verdict.message());
    }
    var indicator =
        new Indicator(
            ids.indicatorId(t, v),
            t,
            v,
            Instant.EPOCH,
            null,
            false,
            -1,
            tlp,
            Attribution.NONE,
            origin,
            provenance);
    return verdict == null
        ? indicator
        : new Warned(
            new Problem(verdict.code(), new FilePosition(source, lineNo, 0), verdict.message()),
            indicator);
  }

  static String clip(String raw) {
    return raw.length() <= 200 ? raw : raw.substring(0, 200) + "…";
  }
}
