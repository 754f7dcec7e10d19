package dev.kasa.event;

import java.nio.charset.StandardCharsets;

/**
 * Zeek TSV logs: header lines update the {@link ZeekHeader}; a data line is split on the separator
 * and only columns with a role are decoded ({@code -} unset and {@code (empty)} skipped, {@code
 * \xHH} escapes decoded, set/vector columns split on the set separator). Captured columns (see
 * {@link FieldCapture}) are decoded the same way, except that {@code (empty)} is captured as the
 * empty string. A line whose field count differs from {@code #fields} is malformed.
 */
final class ZeekTsvDecoder implements ChunkDecoder {
  private final FieldMaps maps;
  private final int maxRecordBytes;
  private final DecodedRecord record;
  private final CaptureTable capture;
  private ZeekHeader header;
  private Extractor out;
  private Slot[] columns;

  /** Per column: capture ids, {@link #ALL} when captured only because all are, or null. */
  private int[][] captures;

  private byte[] unset;
  private byte[] empty;

  private static final int[] ALL = {-1};

  ZeekTsvDecoder(FieldMaps maps, ZeekHeader header, int maxRecordBytes) {
    this(maps, CaptureTable.NONE, header, maxRecordBytes);
  }

  /** A decoder whose records carry a configuration of their own (for tests of one decoder). */
  ZeekTsvDecoder(FieldMaps maps, CaptureTable capture, ZeekHeader header, int maxRecordBytes) {
    this(maps, DecoderConfig.of(capture.source()), capture, header, maxRecordBytes);
  }

  /** A decoder whose records carry {@code config}; {@code capture} is one of its tables. */
  ZeekTsvDecoder(
      FieldMaps maps,
      DecoderConfig config,
      CaptureTable capture,
      ZeekHeader header,
      int maxRecordBytes) {
    this.maps = maps;
    this.capture = capture;
    this.record = new DecodedRecord(config);
    this.maxRecordBytes = maxRecordBytes;
    use(header);
  }

  private void use(ZeekHeader h) {
    header = h;
    record.useTsvHeader(h);
    FieldMap map =
        record.config().map(maps.forSource(h.path() == null ? "zeek" : "zeek:" + h.path()));
    out = new Extractor(record, map);
    columns = new Slot[h.fields().size()];
    captures = new int[columns.length][];
    for (int i = 0; i < columns.length; i++) {
      if (capture.active()) {
        int[] ids = capture.get(h.fields().get(i));
        captures[i] = ids != null ? ids : capture.all() ? ALL : null;
      }
      byte[] k = h.fields().get(i).getBytes(StandardCharsets.UTF_8);
      Slot s = map.table().get(k, 0, k.length, PathTable.hash(k, 0, k.length));
      if (s == null && map.generic()) {
        Role r = GenericNames.roleOf(h.fields().get(i));
        s = r == null ? null : Slot.of(h.fields().get(i), r, 0);
      }
      columns[i] = s;
    }
    unset = h.unset().getBytes(StandardCharsets.UTF_8);
    empty = h.empty().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public long decode(byte[] b, int off, int end, long firstLine, RecordSink sink) {
    long line = firstLine;
    int p = off;
    while (p < end) {
      int nl = JsonLinesDecoder.nextNewline(b, p, end);
      int e = nl;
      if (e > p && b[e - 1] == '\r') {
        e--;
      }
      if (e > p && b[p] == '#') {
        use(header.apply(b, p, e));
      } else if (e > p) {
        decodeLine(b, p, e, line, sink);
      }
      p = nl + 1;
      line++;
    }
    return line;
  }

  private void decodeLine(byte[] b, int p, int e, long line, RecordSink sink) {
    if (e - p > maxRecordBytes) {
      sink.malformed(line, "record larger than " + maxRecordBytes + " bytes");
      return;
    }
    if (columns.length == 0) {
      headerless(b, p, e, line, sink);
      return;
    }
    byte sep = header.separator();
    int count = 1;
    for (int i = p; i < e; i++) {
      if (b[i] == sep) {
        count++;
      }
    }
    if (count != columns.length) {
      sink.malformed(line, "expected " + columns.length + " fields, found " + count);
      return;
    }
    out.begin(line);
    int col = 0;
    int s = p;
    for (int i = p; i <= e; i++) {
      if (i == e || b[i] == sep) {
        Slot slot = columns[col];
        if (slot != null) {
          column(slot, col, b, s, i);
        }
        if (captures[col] != null) {
          capture(captures[col], col, b, s, i);
        }
        col++;
        s = i + 1;
      }
    }
    out.finish();
    record.setRaw(b, p, e);
    sink.record(record);
  }

  /**
   * Without a {@code #fields} header the columns are unknown: every cell that is exactly an IP
   * address is checked as one, reported as field {@code column<N>} (1-based).
   */
  private void headerless(byte[] b, int p, int e, long line, RecordSink sink) {
    out.begin(line);
    byte sep = header.separator();
    int col = 1;
    int s = p;
    for (int i = p; i <= e; i++) {
      if (i == e || b[i] == sep) {
        int n = i - s;
        if (n >= 2 && n <= 45) {
          out.emit(headerlessName(col), Role.IP, new String(b, s, n, StandardCharsets.ISO_8859_1));
        }
        col++;
        s = i + 1;
      }
    }
    out.finish();
    sink.record(record);
  }

  private String[] headerlessNames = new String[0];

  private String headerlessName(int col) {
    if (col >= headerlessNames.length) {
      headerlessNames = java.util.Arrays.copyOf(headerlessNames, col + 8);
    }
    if (headerlessNames[col] == null) {
      headerlessNames[col] = "column" + col;
    }
    return headerlessNames[col];
  }

  private void column(Slot slot, int col, byte[] b, int s, int e) {
    if (equal(b, s, e, unset) || equal(b, s, e, empty)) {
      return;
    }
    if (slot.role() == Role.TIME) {
      out.time(slot.timeRank(), EventTimes.parse(b, s, e - s));
      return;
    }
    if (header.isContainer(col)) {
      byte setSep = header.setSeparator();
      int from = s;
      for (int i = s; i <= e; i++) {
        if (i == e || b[i] == setSep) {
          if (i > from) {
            out.value(slot, text(b, from, i));
          }
          from = i + 1;
        }
      }
    } else {
      out.value(slot, text(b, s, e));
    }
  }

  private void capture(int[] ids, int col, byte[] b, int s, int e) {
    if (equal(b, s, e, unset)) {
      return;
    }
    if (equal(b, s, e, empty)) {
      capture(ids, col, "");
    } else if (header.isContainer(col)) {
      byte setSep = header.setSeparator();
      int from = s;
      for (int i = s; i <= e; i++) {
        if (i == e || b[i] == setSep) {
          capture(ids, col, text(b, from, i));
          from = i + 1;
        }
      }
    } else {
      capture(ids, col, text(b, s, e));
    }
  }

  private void capture(int[] ids, int col, String value) {
    for (int id : ids) {
      record.capture(id, id < 0 ? header.fields().get(col) : capture.name(id), value);
    }
  }

  private static String text(byte[] b, int s, int e) {
    boolean plain = true;
    for (int i = s; i < e; i++) {
      if (b[i] < 0 || b[i] == '\\') {
        plain = false;
        break;
      }
    }
    if (plain) {
      return new String(b, s, e - s, StandardCharsets.ISO_8859_1);
    }
    return ZeekHeader.unescape(new String(b, s, e - s, StandardCharsets.UTF_8));
  }

  private static boolean equal(byte[] b, int s, int e, byte[] word) {
    if (e - s != word.length) {
      return false;
    }
    for (int i = 0; i < word.length; i++) {
      if (b[s + i] != word[i]) {
        return false;
      }
    }
    return true;
  }
}
