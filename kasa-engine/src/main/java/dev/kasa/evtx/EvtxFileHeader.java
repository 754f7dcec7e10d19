package dev.kasa.evtx;

import java.util.zip.CRC32;

/**
 * The 4 KiB header of an EVTX file. Readers rely on it for nothing but the signature: chunks are
 * found by their position, so a dirty file (whose header lags behind its chunks) is read whole.
 *
 * @param chunkCount the number of chunks the header claims (a dirty file may hold more)
 * @param flags bit 0 dirty (not closed cleanly), bit 1 full
 * @param storedChecksum the CRC32 of the first 120 bytes as stored
 * @param computedChecksum the CRC32 of the first 120 bytes as read
 */
public record EvtxFileHeader(
    long firstChunk,
    long lastChunk,
    long nextRecordId,
    int majorVersion,
    int minorVersion,
    int chunkCount,
    int flags,
    long storedChecksum,
    long computedChecksum) {
  /** The size of the file header; chunks follow it. */
  public static final int SIZE = 4096;

  private static final byte[] MAGIC = {'E', 'l', 'f', 'F', 'i', 'l', 'e', 0};

  /** Whether {@code b[off, off + len)} starts with the EVTX signature {@code ElfFile\0}. */
  public static boolean isEvtx(byte[] b, int off, int len) {
    if (len < MAGIC.length) {
      return false;
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (b[off + i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads the header at {@code b[off]} ({@link #SIZE} bytes, or fewer for a short file).
   *
   * @throws IllegalArgumentException when the bytes are not an EVTX file header
   */
  public static EvtxFileHeader parse(byte[] b, int off, int len) {
    if (!isEvtx(b, off, len)) {
      throw new IllegalArgumentException("not an EVTX file (no ElfFile signature)");
    }
    if (len < 128) {
      throw new IllegalArgumentException("EVTX file header cut short at " + len + " bytes");
    }
    CRC32 crc = new CRC32();
    crc.update(b, off, 120);
    return new EvtxFileHeader(
        LittleEndian.i64(b, off + 8),
        LittleEndian.i64(b, off + 16),
        LittleEndian.i64(b, off + 24),
        LittleEndian.u16(b, off + 38),
        LittleEndian.u16(b, off + 36),
        LittleEndian.u16(b, off + 42),
        LittleEndian.i32(b, off + 120),
        LittleEndian.u32(b, off + 124),
        crc.getValue());
  }

  public boolean dirty() {
    return (flags & 1) != 0;
  }

  public boolean checksumMatches() {
    return storedChecksum == computedChecksum;
  }
}
