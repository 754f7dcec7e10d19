package dev.kasa.event;

import dev.kasa.EventContext;
import dev.kasa.observable.ObservableType;
import java.util.Arrays;

/**
 * What one input record offers to matching: where it starts, when it happened, the observables its
 * field map extracted from it, and the fields captured for {@link FieldCapture} (as text, in the
 * order they appear in the record).
 *
 * <p>Not thread-safe, and reused: a decoder refills the same instance for every record it decodes
 * and hands it to a {@link RecordSink}, which must copy whatever it keeps beyond the call.
 */
public final class DecodedRecord {
  /** {@link #timeMillis()} when the record carries no usable timestamp. */
  public static final long NO_TIME = Long.MIN_VALUE;

  private final DecoderConfig config;
  private long line;
  private long timeMillis = NO_TIME;
  private int size;
  private String[] fields = new String[16];
  private ObservableType[] types = new ObservableType[16];
  private String[] values = new String[16];
  private long[] ipv4s = new long[16];
  private String[] normalized = new String[16];
  private int captured;
  private int[] capturedIds = new int[16];
  private String[] capturedNames = new String[16];
  private String[] capturedValues = new String[16];
  // A captured value not yet made into a String (see captureBytes): where its bytes are, and how
  // to read them (LAZY_* below); TEXT once the String is in capturedValues (or it was given).
  // (The bytes stay known after the String is made, for capturedBytes.)
  private byte[][] capturedSources = new byte[16][];
  private int[] capturedFrom = new int[16];
  private int[] capturedTo = new int[16];
  private byte[] capturedKinds = new byte[16];
  private byte[] unescaped = new byte[0];

  private static final byte TEXT = 0;
  private static final byte LAZY_ASCII = 1;
  private static final byte LAZY_JSON = 2;

  /** A record that captures nothing ({@link DecoderConfig#NONE}). */
  public DecodedRecord() {
    this(DecoderConfig.NONE);
  }

  /** A record filled by decoders configured with {@code config}. */
  public DecodedRecord(DecoderConfig config) {
    this.config = java.util.Objects.requireNonNull(config, "config");
  }

  /**
   * The configuration this record's decoder used: matchers built for another one refuse the record
   * (its capture ids would name other fields, or it belongs to another detection snapshot).
   */
  public DecoderConfig config() {
    return config;
  }

  /**
   * The capture this record's decoder was configured with: its capture ids ({@link
   * #capturedId(int)}) are positions in its {@link FieldCapture#names()}, and mean nothing under
   * another capture.
   */
  public FieldCapture capture() {
    return config.capture();
  }

  /** The 1-based physical line of the input where the record starts. */
  public long line() {
    return line;
  }

  /** Event time in epoch milliseconds, or {@link #NO_TIME}. */
  public long timeMillis() {
    return timeMillis;
  }

  /** Number of extracted observables. */
  public int size() {
    return size;
  }

  /** Dotted path of the field observable {@code i} came from (e.g. {@code id.resp_h}). */
  public String field(int i) {
    checkIndex(i);
    return fields[i];
  }

  /** The type observable {@code i} is to be looked up as. */
  public ObservableType type(int i) {
    checkIndex(i);
    return types[i];
  }

  /** The observable's value as found (not yet normalised). */
  public String value(int i) {
    checkIndex(i);
    return values[i];
  }

  /**
   * The IPv4 address of observable {@code i} as an unsigned 32-bit value when the decoder already
   * parsed its value as one (so matching need not parse it again), else -1.
   */
  public long ipv4(int i) {
    checkIndex(i);
    return ipv4s[i];
  }

  /**
   * The value of observable {@code i} as {@code Observables.normalize} gives it for its type, when
   * the decoder already normalised it (so matching need not do it again), else null.
   */
  public String normalized(int i) {
    checkIndex(i);
    return normalized[i];
  }

  /** Number of captured field values. */
  public int capturedCount() {
    return captured;
  }

  /**
   * The capture id of captured value {@code i}: its index in {@link FieldCapture#names()}, or -1
   * when it was captured only because {@link FieldCapture#all()} is set.
   */
  public int capturedId(int i) {
    checkCaptured(i);
    return capturedIds[i];
  }

  /** The canonical name of the field captured value {@code i} came from. */
  public String capturedName(int i) {
    checkCaptured(i);
    return capturedNames[i];
  }

  /**
   * Captured value {@code i} as text: strings with JSON escapes decoded, numbers as written, {@code
   * true}/{@code false}; null for JSON null.
   */
  public String capturedValue(int i) {
    checkCaptured(i);
    String v = capturedValues[i];
    if (v == null && capturedKinds[i] != TEXT) {
      v = materialize(i);
    }
    return v;
  }

  /**
   * The buffer holding captured value {@code i} as the record writes it (a JSON string's body with
   * its escapes, a number's digits), or null when the decoder gave the value as text: equal bytes
   * are an equal value, so a repeat can be known without making its text. Not a copy, valid only
   * during the sink call; the bytes are {@code [capturedFrom(i), capturedTo(i))}.
   */
  public byte[] capturedBytes(int i) {
    checkCaptured(i);
    return capturedSources[i];
  }

  /** Where captured value {@code i}'s bytes start in {@link #capturedBytes}. */
  public int capturedFrom(int i) {
    checkCaptured(i);
    return capturedFrom[i];
  }

  /** Where captured value {@code i}'s bytes end (exclusive) in {@link #capturedBytes}. */
  public int capturedTo(int i) {
    checkCaptured(i);
    return capturedTo[i];
  }

  /**
   * Whether captured value {@code i} is neither JSON null nor empty, told without making its text
   * when it is not made yet.
   */
  public boolean capturedNonEmpty(int i) {
    checkCaptured(i);
    if (capturedKinds[i] != TEXT) {
      // A JSON string body with an escape is never empty once unescaped.
      return capturedTo[i] > capturedFrom[i];
    }
    String v = capturedValues[i];
    return v != null && !v.isEmpty();
  }

  /**
   * Makes the String of lazily captured value {@code i}: most captured values are never read (the
   * event's class has no rule on their field, or nothing evaluates: a parse-only pass), so the
   * decoder leaves them as bytes.
   */
  private String materialize(int i) {
    byte[] b = capturedSources[i];
    int from = capturedFrom[i];
    int to = capturedTo[i];
    String v;
    if (capturedKinds[i] == LAZY_ASCII) {
      v = new String(b, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
    } else {
      if (unescaped.length < to - from) {
        unescaped = new byte[Math.max(to - from, unescaped.length * 2)];
      }
      v = JsonStrings.decode(b, from, to, unescaped);
    }
    capturedValues[i] = v;
    return v;
  }

  private ContextMap contextMap = ContextMap.NONE;
  private ZeekHeader tsvHeader;

  /** Where this record's context is read from: set by the decoder for each record. */
  void useContext(ContextMap map) {
    this.contextMap = map;
  }

  /** The header of the Zeek TSV log this record's lines come from (null for JSON records). */
  void useTsvHeader(ZeekHeader header) {
    this.tsvHeader = header;
  }

  /**
   * The event's context (host, endpoints, named fields) as the field map's context entries name
   * them, read from the raw bytes now: meant for records that produced a finding, so that the
   * others never pay for it. {@link EventContext#NONE} when the map names none or the record has no
   * raw bytes. Never throws on bad bytes (what was read before the fault is kept).
   */
  public EventContext context() {
    if (raw == null || contextMap.isEmpty()) {
      return EventContext.NONE;
    }
    return tsvHeader != null
        ? ContextReader.tsv(contextMap, tsvHeader, raw, rawFrom, rawTo)
        : ContextReader.json(contextMap, raw, rawFrom, rawTo);
  }

  private byte[] raw;
  private int rawFrom;
  private int rawTo;
  private String rawText;
  private EveryValueDecoder everyValue;

  /** Lets {@link #everyValue()} decode this decoder's records again (set once by the decoder). */
  void decodesEveryValueWith(EveryValueDecoder decoder) {
    this.everyValue = decoder;
  }

  /**
   * This record with every field captured when its capture asks for every field of its source
   * ({@link FieldCapture#allFor}) but its decoder captured only the named ones: decoded again from
   * its raw bytes on demand (the rules that search every value apply to few event classes, so the
   * rest never pay for it). Otherwise this record itself. The record returned is reused by the
   * decoder like this one: valid only during the sink call.
   */
  public DecodedRecord everyValue() {
    return everyValue == null ? this : everyValue.decode(this);
  }

  /**
   * Sets the bytes the record was decoded from (valid only during the sink call, like the rest of
   * the record): what {@link #rawText()} reads.
   */
  public void setRaw(byte[] bytes, int from, int to) {
    this.raw = bytes;
    this.rawFrom = from;
    this.rawTo = to;
    this.rawText = null;
  }

  /** The buffer holding the record's raw bytes (see {@link #setRaw}), or null; not a copy. */
  public byte[] rawBytes() {
    return raw;
  }

  /** Where the raw bytes start in {@link #rawBytes()}. */
  public int rawFrom() {
    return rawFrom;
  }

  /** Where the raw bytes end (exclusive) in {@link #rawBytes()}. */
  public int rawTo() {
    return rawTo;
  }

  /**
   * The record as it was read (the JSON object, the TSV line), each byte one char (ISO-8859-1, so
   * ASCII text reads as itself and UTF-8 sequences as several chars), made on first call; empty
   * when the decoder gave no bytes. For full-text (keyword) searches that need no field decoding.
   */
  public String rawText() {
    if (rawText == null) {
      rawText =
          raw == null
              ? ""
              : new String(
                  raw, rawFrom, rawTo - rawFrom, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
    return rawText;
  }

  /** Starts a new record at {@code line}, forgetting the previous one (observables, captures). */
  public void reset(long line) {
    this.line = line;
    this.raw = null;
    this.rawText = null;
    this.timeMillis = NO_TIME;
    Arrays.fill(values, 0, size, null);
    Arrays.fill(normalized, 0, size, null);
    this.size = 0;
    Arrays.fill(capturedValues, 0, captured, null);
    Arrays.fill(capturedSources, 0, captured, null);
    Arrays.fill(capturedKinds, 0, captured, TEXT);
    this.captured = 0;
  }

  /**
   * Adds a captured field value.
   *
   * @param id the capture id, or -1 for a field captured because all fields are
   * @param name the canonical field name, not null
   * @param value the value as text, or null for JSON null
   */
  public void capture(int id, String name, String value) {
    if (captured == capturedIds.length) {
      grow();
    }
    capturedIds[captured] = id;
    capturedNames[captured] = java.util.Objects.requireNonNull(name, "name");
    capturedValues[captured] = value;
    capturedSources[captured] = null;
    capturedKinds[captured] = TEXT;
    captured++;
  }

  /**
   * Adds a captured value whose text is made only when read: {@code b[from, to)} are ASCII bytes
   * that are the text ({@code json} false: a number, a string body without escapes), or a JSON
   * string body the scanner validated ({@code json} true). The bytes must stay as they are while
   * the record is handed to its sink, as its raw bytes do.
   */
  void captureBytes(int id, String name, byte[] b, int from, int to, boolean json) {
    if (captured == capturedIds.length) {
      grow();
    }
    capturedIds[captured] = id;
    capturedNames[captured] = java.util.Objects.requireNonNull(name, "name");
    capturedValues[captured] = null;
    capturedSources[captured] = b;
    capturedFrom[captured] = from;
    capturedTo[captured] = to;
    capturedKinds[captured] = json ? LAZY_JSON : LAZY_ASCII;
    captured++;
  }

  private void grow() {
    int n = captured * 2;
    capturedIds = Arrays.copyOf(capturedIds, n);
    capturedNames = Arrays.copyOf(capturedNames, n);
    capturedValues = Arrays.copyOf(capturedValues, n);
    capturedSources = Arrays.copyOf(capturedSources, n);
    capturedFrom = Arrays.copyOf(capturedFrom, n);
    capturedTo = Arrays.copyOf(capturedTo, n);
    capturedKinds = Arrays.copyOf(capturedKinds, n);
  }

  public void setTimeMillis(long timeMillis) {
    this.timeMillis = timeMillis;
  }

  /** Adds an observable extracted from {@code field}. */
  public void add(String field, ObservableType type, String value) {
    addParsed(field, type, value, -1, null);
  }

  /**
   * Adds an observable together with its normalised form, which must be what {@code
   * Observables.normalize(type, value)} returns.
   *
   * @throws NullPointerException if {@code normalizedValue} is null
   */
  public void addNormalized(
      String field, ObservableType type, String value, String normalizedValue) {
    addParsed(
        field,
        type,
        value,
        -1,
        java.util.Objects.requireNonNull(normalizedValue, "normalizedValue"));
  }

  /**
   * Adds an IPv4 observable whose {@code value} the decoder parsed to {@code address} (unsigned 32
   * bits, as {@code Addresses.parseIpv4} gives it for the whole value).
   *
   * @throws IllegalArgumentException if {@code address} is not an unsigned 32-bit value
   */
  public void addIpv4(String field, String value, long address) {
    if (address < 0 || address > 0xffff_ffffL) {
      throw new IllegalArgumentException("not an IPv4 address: " + address + " for " + value);
    }
    addParsed(field, ObservableType.IPV4, value, address, null);
  }

  private void addParsed(
      String field, ObservableType type, String value, long address, String normalizedValue) {
    if (size == values.length) {
      int n = size * 2;
      fields = Arrays.copyOf(fields, n);
      types = Arrays.copyOf(types, n);
      values = Arrays.copyOf(values, n);
      ipv4s = Arrays.copyOf(ipv4s, n);
      normalized = Arrays.copyOf(normalized, n);
    }
    fields[size] = field;
    types[size] = type;
    values[size] = value;
    ipv4s[size] = address;
    normalized[size] = normalizedValue;
    size++;
  }

  private void checkCaptured(int i) {
    if (i < 0 || i >= captured) {
      throw new IndexOutOfBoundsException("captured value " + i + " of " + captured);
    }
  }

  private void checkIndex(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("observable " + i + " of " + size);
    }
  }
}
