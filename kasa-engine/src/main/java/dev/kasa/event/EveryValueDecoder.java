package dev.kasa.event;

/**
 * Decodes one record again from its raw bytes, capturing every field ({@link FieldCapture#all()}),
 * for the few rules that search every value of an event: the first decode captures only the named
 * fields, and the event classes those rules apply to pay for the rest. Not thread-safe: one per
 * decoder, and the record it returns is reused like the decoder's own.
 */
final class EveryValueDecoder {
  private final FieldMap map;
  private final DecoderConfig config;
  private final CaptureTable everyValue;
  private final int maxDepth;
  private Extractor out;
  private JsonScanner scanner;

  private EveryValueDecoder(
      FieldMap map, DecoderConfig config, CaptureTable everyValue, int maxDepth) {
    this.map = map;
    this.config = config;
    this.everyValue = everyValue;
    this.maxDepth = maxDepth;
  }

  /**
   * Lets {@code record} (filled by a JSON decoder with {@code map}, {@code config} and {@code
   * capture}) be decoded again capturing every field, when its capture leaves out fields that the
   * configuration asks every value of ({@code everyValue}, null when none).
   */
  static void attach(
      DecodedRecord record,
      FieldMap map,
      DecoderConfig config,
      CaptureTable capture,
      CaptureTable everyValue,
      int maxDepth) {
    if (everyValue != null && everyValue != capture) {
      record.decodesEveryValueWith(new EveryValueDecoder(map, config, everyValue, maxDepth));
    }
  }

  /**
   * The record {@code lean} was decoded from, decoded again capturing every field; {@code lean}
   * itself when its bytes are gone or no longer scan (neither happens while the record is handed to
   * its sink).
   */
  DecodedRecord decode(DecodedRecord lean) {
    byte[] raw = lean.rawBytes();
    if (raw == null) {
      return lean;
    }
    if (scanner == null) {
      out = new Extractor(new DecodedRecord(config), map);
      scanner = new JsonScanner(out, everyValue, maxDepth);
    }
    out.begin(lean.line());
    if (scanner.scan(raw, lean.rawFrom(), lean.rawTo(), false) < 0) {
      return lean;
    }
    out.finish();
    out.record().setRaw(raw, lean.rawFrom(), lean.rawTo());
    return out.record();
  }
}
