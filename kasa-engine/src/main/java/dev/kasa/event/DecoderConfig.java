package dev.kasa.event;

import java.util.Objects;

/**
 * What decoders capture for one detection snapshot: a {@link FieldCapture} compiled once for every
 * decoder family. Immutable and thread-safe.
 *
 * <p>Its identity is what records are checked against: every {@link DecodedRecord} carries the
 * configuration its decoder used ({@link DecodedRecord#config()}), and a matcher built for one
 * configuration refuses records of another. {@link #renewed()} gives a new identity over the same
 * compiled tables, so that snapshots sharing their rules still tell their records apart.
 */
public final class DecoderConfig {
  /** Captures nothing; for decoding without Sigma rules. */
  public static final DecoderConfig NONE = new DecoderConfig(FieldCapture.NONE);

  private final FieldCapture capture;
  private final boolean observables;

  /** Per {@link CaptureTable.Layout}: the table without, then with, capture-all. */
  private final CaptureTable[] tables;

  private DecoderConfig(FieldCapture capture) {
    this.capture = Objects.requireNonNull(capture, "capture");
    this.observables = true;
    CaptureTable.Layout[] layouts = CaptureTable.Layout.values();
    this.tables = new CaptureTable[layouts.length * 2];
    for (CaptureTable.Layout layout : layouts) {
      tables[layout.ordinal() * 2] = CaptureTable.of(capture, layout, false);
      tables[layout.ordinal() * 2 + 1] = CaptureTable.of(capture, layout, capture.all());
    }
  }

  private DecoderConfig(DecoderConfig same, boolean observables) {
    this.capture = same.capture;
    this.tables = same.tables;
    this.observables = observables;
  }

  /** Compiles {@code capture} for every decoder family. */
  public static DecoderConfig of(FieldCapture capture) {
    return capture.isNone() ? NONE.renewed() : new DecoderConfig(capture);
  }

  /** The same compiled capture under a new identity (cheap: the tables are shared). */
  public DecoderConfig renewed() {
    return new DecoderConfig(this, observables);
  }

  /**
   * The same compiled capture under a new identity, extracting observables (addresses, hosts, URLs,
   * hashes: {@link DecodedRecord#size()}) only when {@code observables}; a snapshot without
   * indicators has nothing to look them up in, and its records then carry none (their times,
   * context and captured fields are unchanged).
   */
  public DecoderConfig renewed(boolean observables) {
    return new DecoderConfig(this, observables);
  }

  /** True when records decoded with this configuration carry observables. */
  public boolean observables() {
    return observables;
  }

  /** The field map decoders apply for this configuration: {@code map}, or its times only. */
  FieldMap map(FieldMap map) {
    return observables ? map : map.timesOnly();
  }

  /** The fields captured. */
  public FieldCapture capture() {
    return capture;
  }

  /**
   * The compiled capture for inputs of {@code format} read with field-map source {@code source}.
   */
  CaptureTable table(EventFormat format, String source) {
    // JSON records capture the named fields first and every value only when a rule needs them
    // (everyValueTable); Zeek TSV lines are cheap to split and capture everything at once.
    boolean all = format == EventFormat.ZEEK_TSV && capture.allFor(source);
    return tables[CaptureTable.Layout.of(format).ordinal() * 2 + (all ? 1 : 0)];
  }

  /**
   * The compiled capture of every field for JSON inputs of {@code format} and {@code source} when
   * the capture asks for every value of that source ({@link DecodedRecord#everyValue()}), else
   * null.
   */
  CaptureTable everyValueTable(EventFormat format, String source) {
    return format != EventFormat.ZEEK_TSV && capture.allFor(source)
        ? tables[CaptureTable.Layout.of(format).ordinal() * 2 + 1]
        : null;
  }

  /** The compiled capture of {@code layout}, capturing every field when the capture says so. */
  CaptureTable table(CaptureTable.Layout layout) {
    return tables[layout.ordinal() * 2 + 1];
  }

  @Override
  public String toString() {
    return "DecoderConfig@"
        + Integer.toHexString(System.identityHashCode(this))
        + "["
        + capture.names().size()
        + " names"
        + (capture.all() ? " and every field" : "")
        + (observables ? "" : ", no observables")
        + "]";
  }
}
