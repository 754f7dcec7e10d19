package dev.kasa.event;

import dev.kasa.evtx.EvtxFileHeader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Guesses an input's format from its first bytes (after gzip decompression), and a Zeek JSON log's
 * type from a file name. Thread-safe: stateless.
 */
final class FormatDetector {
  private FormatDetector() {}

  /** The detected format and whether records are framed by lines or are free-layout objects. */
  record Detection(EventFormat format, boolean linesLayout) {}

  static Detection detect(byte[] b, int len) {
    if (EvtxFileHeader.isEvtx(b, 0, len)) {
      return new Detection(EventFormat.EVTX, false);
    }
    int p = firstRecord(b, 0, len);
    if (p < len && b[p] == '#') {
      return new Detection(EventFormat.ZEEK_TSV, true);
    }
    if (p >= len || b[p] != '{') {
      // Tab-separated text without headers (as in Zeek test baselines) is still Zeek TSV.
      int nl = JsonLinesDecoder.nextNewline(b, p, len);
      boolean tabs = false;
      for (int i = p; i < nl; i++) {
        tabs |= b[i] == '\t';
      }
      return new Detection(tabs ? EventFormat.ZEEK_TSV : EventFormat.NDJSON, true);
    }
    int e = oneLineEnd(b, p, len);
    boolean oneLine = e >= 0;
    int sampleEnd = oneLine ? e : Math.min(len, 64 * 1024);
    String sample = new String(b, p, sampleEnd - p, StandardCharsets.ISO_8859_1);
    return new Detection(byContent(sample), oneLine);
  }

  /**
   * Whether {@code b[from, end)} holds one record per line, as {@link #detect} would say of those
   * bytes (the detection window, not the format, is the caller's: {@code end}); for bytes that are
   * not EVTX.
   */
  static boolean linesLayout(byte[] b, int from, int end) {
    int p = firstRecord(b, from, end);
    return p >= end || b[p] != '{' || oneLineEnd(b, p, end) >= 0;
  }

  /** Past a byte-order mark, blank space and evtx_dump's {@code Record N} lines. */
  private static int firstRecord(byte[] b, int from, int end) {
    int p = from;
    if (end - from >= 3
        && (b[from] & 0xff) == 0xef
        && (b[from + 1] & 0xff) == 0xbb
        && (b[from + 2] & 0xff) == 0xbf) {
      p += 3;
    }
    while (p < end && (b[p] == ' ' || b[p] == '\t' || b[p] == '\r' || b[p] == '\n')) {
      p++;
    }
    // evtx_dump's default output puts a "Record N" line before each object.
    while (recordHeaderEnd(b, p, end) > p) {
      p = recordHeaderEnd(b, p, end);
      while (p < end && (b[p] == ' ' || b[p] == '\t' || b[p] == '\r' || b[p] == '\n')) {
        p++;
      }
    }
    return p;
  }

  /**
   * The end (trailing blanks left out) of the line starting at {@code p} when it is one whole
   * object, {@code {...}}; else -1.
   */
  private static int oneLineEnd(byte[] b, int p, int end) {
    int e = JsonLinesDecoder.nextNewline(b, p, end);
    while (e > p && (b[e - 1] == ' ' || b[e - 1] == '\r' || b[e - 1] == '\t')) {
      e--;
    }
    return e > p + 1 && b[e - 1] == '}' ? e : -1;
  }

  /**
   * The end of an evtx_dump {@code Record N} line starting at {@code p} (just past its digits), or
   * {@code p} when there is none.
   */
  static int recordHeaderEnd(byte[] b, int p, int len) {
    byte[] word = {'R', 'e', 'c', 'o', 'r', 'd', ' '};
    if (len - p <= word.length) {
      return p;
    }
    for (int i = 0; i < word.length; i++) {
      if (b[p + i] != word[i]) {
        return p;
      }
    }
    int q = p + word.length;
    int digits = q;
    while (q < len && b[q] >= '0' && b[q] <= '9') {
      q++;
    }
    if (q == digits || (q < len && b[q] != '\n' && b[q] != '\r')) {
      return p;
    }
    return q;
  }

  private static EventFormat byContent(String s) {
    if (s.contains("\"Event\"") && s.contains("\"System\"")) {
      return EventFormat.EVTX_JSON;
    }
    if (s.contains("\"event_type\"") && (s.contains("\"src_ip\"") || s.contains("\"timestamp\""))) {
      return EventFormat.EVE;
    }
    if (s.contains("\"id.orig_h\"")
        || s.contains("\"id_orig_h\"")
        || s.contains("\"_path\"")
        || s.contains("\"@stream\"")
        || (s.contains("\"ts\"") && (s.contains("\"uid\"") || s.contains("\"fuid\"")))) {
      return EventFormat.ZEEK_JSON;
    }
    if (s.contains("\"EventID\"") || s.contains("\"winlog\"") || s.contains("\"Channel\"")) {
      return EventFormat.WINDOWS_JSON;
    }
    return EventFormat.NDJSON;
  }

  /**
   * The Zeek log type named by a file name ({@code dns.log}, {@code dns.2024-01-02.log.gz}, {@code
   * dns_20240102.json}, {@code HOST_dns.log}), among {@code known}; null if none.
   */
  static String zeekLogType(String fileName, Set<String> known) {
    String base =
        fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
    String[] tokens = base.toLowerCase(Locale.ROOT).split("[._\\-]");
    for (int i = 0; i + 1 < tokens.length; i++) {
      String two = tokens[i] + "_" + tokens[i + 1];
      if (known.contains(two)) {
        return two;
      }
    }
    for (String t : tokens) {
      if (known.contains(t) && !t.equals("log") && !t.equals("json")) {
        return t;
      }
    }
    return null;
  }
}
