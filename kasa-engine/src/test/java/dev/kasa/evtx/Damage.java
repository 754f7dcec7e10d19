package dev.kasa.evtx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/** Ways to damage EVTX files for tests, and to make checksums right again around the damage. */
final class Damage {
  private Damage() {}

  static int chunkAt(int index) {
    return 4096 + index * 65536;
  }

  static int chunks(byte[] file) {
    return (file.length - 4096) / 65536;
  }

  static ByteBuffer le(byte[] file) {
    return ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** The offset of the {@code n}th record (0-based) of chunk {@code index}. */
  static int record(byte[] file, int index, int n) {
    int p = chunkAt(index) + 512;
    for (int i = 0; i < n; i++) {
      p += le(file).getInt(p + 4);
    }
    return p;
  }

  /** Recomputes the checksums of every chunk header, chunk's records and the file header. */
  static byte[] fixChecksums(byte[] file) {
    ByteBuffer b = le(file);
    for (int c = 0; c < chunks(file); c++) {
      int at = chunkAt(c);
      int free = b.getInt(at + 48);
      if (free >= 512 && free <= 65536) {
        CRC32 data = new CRC32();
        data.update(file, at + 512, free - 512);
        b.putInt(at + 52, (int) data.getValue());
      }
      CRC32 header = new CRC32();
      header.update(file, at, 120);
      header.update(file, at + 128, 384);
      b.putInt(at + 124, (int) header.getValue());
    }
    CRC32 h = new CRC32();
    h.update(file, 0, 120);
    b.putInt(124, (int) h.getValue());
    return file;
  }
}
