package dev.kasa.evtx;

import java.util.zip.CRC32;

/**
 * Decodes the records of one 64 KiB chunk and renders each ({@link RecordFormat}). A chunk whose
 * header is damaged (no signature, header checksum mismatch, free space offset outside it) is
 * skipped and reported; a chunk of zeros (never written) is passed over silently. When the checksum
 * of the chunk's records does not match (a log copied while it was written, or damage), that is
 * reported and each record is still read on its own merits. A record that is damaged or does not
 * decode is reported and skipped, and reading goes on at the next record signature.
 *
 * <p>Bounded: every offset and size is checked against the chunk, nesting is limited to {@code
 * maxDepth}, the work per record to a token budget and its rendered size to {@code maxRecordBytes}.
 * Not thread-safe: one per thread, reused from chunk to chunk.
 */
public final class EvtxChunkDecoder {
  /** The size of a chunk. */
  public static final int CHUNK_SIZE = 65536;

  private static final int HEADER = 512;
  private static final int RECORD_MAGIC = 0x00002a2a;
  private static final long WORK_PER_RECORD = 1_000_000;
  private static final long WORK_PER_CHUNK = 8_000_000;
  private static final byte[] MAGIC = {'E', 'l', 'f', 'C', 'h', 'n', 'k', 0};

  private final byte[] c = new byte[CHUNK_SIZE];
  private final CRC32 crc = new CRC32();
  private final WorkBudget budget = new WorkBudget(WORK_PER_RECORD, WORK_PER_CHUNK);
  private final BinXmlParser parser;
  private final Utf8Out out;
  private final JsonRenderer json;
  private final XmlRenderer xml;
  private final RecordFormat format;

  /**
   * @param maxDepth deeper nesting of elements, template instances and nested XML is an error
   * @param maxRecordBytes a record rendering to more bytes is an error
   */
  public EvtxChunkDecoder(RecordFormat format, int maxDepth, int maxRecordBytes) {
    if (maxDepth < 1) {
      throw new IllegalArgumentException("maxDepth must be >= 1, got " + maxDepth);
    }
    if (maxRecordBytes < 64) {
      throw new IllegalArgumentException("maxRecordBytes must be >= 64, got " + maxRecordBytes);
    }
    this.format = format;
    this.parser = new BinXmlParser(c, maxDepth, budget);
    this.out = new Utf8Out(maxRecordBytes);
    this.json = new JsonRenderer(new Scope(c, parser, budget, true), out);
    this.xml = new XmlRenderer(new Scope(c, parser, budget, false), out);
  }

  /** The file offset of chunk {@code index}. */
  public static long offsetOf(long index) {
    return EvtxFileHeader.SIZE + index * CHUNK_SIZE;
  }

  /**
   * Decodes the chunk in {@code b[off, off + CHUNK_SIZE)}, chunk {@code index} of its file, and
   * gives its records and problems to {@code visitor} in file order. Exceptions thrown by the
   * visitor propagate.
   */
  public void decode(byte[] b, int off, long index, EvtxVisitor visitor) {
    System.arraycopy(b, off, c, 0, CHUNK_SIZE);
    long base = offsetOf(index);
    if (!hasMagic()) {
      if (!allZero()) {
        visitor.problem(
            new EvtxProblem(index, base, -1, "no chunk signature (ElfChnk); chunk skipped"));
      }
      return;
    }
    crc.reset();
    crc.update(c, 0, 120);
    crc.update(c, 128, HEADER - 128);
    long stored = LittleEndian.u32(c, 124);
    if (crc.getValue() != stored) {
      visitor.problem(
          new EvtxProblem(
              index,
              base,
              -1,
              String.format(
                  "chunk header checksum mismatch (stored 0x%08x, computed 0x%08x); chunk skipped",
                  stored, crc.getValue())));
      return;
    }
    long free = LittleEndian.u32(c, 48);
    if (free < HEADER || free > CHUNK_SIZE) {
      visitor.problem(
          new EvtxProblem(
              index, base, -1, "free space offset " + free + " outside the chunk; chunk skipped"));
      return;
    }
    int end = (int) free;
    crc.reset();
    crc.update(c, HEADER, end - HEADER);
    long storedData = LittleEndian.u32(c, 52);
    if (crc.getValue() != storedData) {
      visitor.problem(
          new EvtxProblem(
              index,
              base + HEADER,
              -1,
              String.format(
                  "event records checksum mismatch (stored 0x%08x, computed 0x%08x);"
                      + " records checked one by one",
                  storedData, crc.getValue())));
    }
    parser.reset();
    budget.startChunk();
    int p = HEADER;
    while (p + 28 <= end) {
      if (budget.chunkExhausted()) {
        visitor.problem(
            new EvtxProblem(
                index,
                base + p,
                -1,
                "the chunk's work limit of " + WORK_PER_CHUNK + " units is used up; rest skipped"));
        return;
      }
      String bad = recordFraming(p, end);
      if (bad != null) {
        visitor.problem(new EvtxProblem(index, base + p, -1, bad + "; skipped to the next record"));
        p = nextRecord(p + 1, end);
        continue;
      }
      int size = LittleEndian.i32(c, p + 4);
      long id = LittleEndian.i64(c, p + 8);
      String failure = render(p, size);
      if (failure == null) {
        visitor.record(id, out.bytes(), 0, out.length());
      } else {
        visitor.problem(new EvtxProblem(index, base + p, id, failure + "; record skipped"));
      }
      p += size;
    }
  }

  /** Why the record at {@code p} is not framed right, or null when it is. */
  private String recordFraming(int p, int end) {
    if (LittleEndian.i32(c, p) != RECORD_MAGIC) {
      return "no record signature";
    }
    long size = LittleEndian.u32(c, p + 4);
    if (size < 28 || size > end - p) {
      return "record size " + size + " runs past the chunk's records";
    }
    long copy = LittleEndian.u32(c, p + (int) size - 4);
    if (copy != size) {
      return "record size " + size + " does not match its copy " + copy;
    }
    return null;
  }

  private int nextRecord(int from, int end) {
    for (int q = from; q + 28 <= end; q++) {
      if (c[q] == 0x2a && c[q + 1] == 0x2a && recordFraming(q, end) == null) {
        return q;
      }
    }
    return end;
  }

  /** Renders the record at {@code p} into {@link #out}; the failure, or null. */
  private String render(int p, int size) {
    budget.startRecord();
    out.reset();
    try {
      XmlNode root = parser.fragment(p + 24, p + size - 4, false, 0);
      if (format == RecordFormat.JSON) {
        json.record(root);
      } else {
        xml.record(root);
      }
      return null;
    } catch (EvtxFormatException e) {
      return e.getMessage();
    } catch (RuntimeException e) {
      // A bug, not damage: still only this record is lost, and the reason says so.
      return "internal error ("
          + e.getClass().getSimpleName()
          + ") while decoding: "
          + e.getMessage();
    }
  }

  /** Work units spent so far by this decoder (tokens parsed and nodes rendered). */
  long workSpent() {
    return budget.spent();
  }

  private boolean hasMagic() {
    for (int i = 0; i < MAGIC.length; i++) {
      if (c[i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  private boolean allZero() {
    for (byte x : c) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }
}
