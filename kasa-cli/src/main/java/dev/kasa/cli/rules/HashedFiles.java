package dev.kasa.cli.rules;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The rule files' content digests as a run computed them, each with the {@link FileStat} its file
 * had just before it was read, and the time the run started (before its first stat). Kept in the
 * note of a set of paths, beside the key ({@link CompiledRulesCache#note}), as git keeps its index:
 * the next run takes a file's digest from here, without reading the file, only when the file's stat
 * is the same in all five figures and its ctime and mtime were at least {@link #RACY_NANOS} before
 * that time. A write after the file was hashed sets its ctime to a later tick than the recorded one
 * (which was already past when the file was hashed), so a changed file is always read and hashed
 * again; a file changed within the tick it was hashed in ("racy") is hashed again on every run
 * until it is older. No collision is involved: the digests stay SHA-256 of the content read.
 */
final class HashedFiles {
  /**
   * How long before a run's start a file's times must be for its row to be trusted: more than a
   * file-system timestamp tick (a few milliseconds on Linux; 1 or 2 s on some older systems).
   */
  static final long RACY_NANOS = 2_000_000_000L;

  private static final int FORMAT = 1;

  /** No digests: every file is read and hashed. */
  static final HashedFiles NONE = new HashedFiles(Long.MIN_VALUE, Map.of());

  /** A file's stat before it was read, and the digest of what was read. */
  record Row(FileStat stat, byte[] digest) {}

  private final long time;
  private final Map<String, Row> rows;

  /**
   * Rows by path as given to the run (its file names).
   *
   * @param time when the run that hashed them started, in nanoseconds since the epoch
   */
  HashedFiles(long time, Map<String, Row> rows) {
    this.time = time;
    this.rows = rows;
  }

  /**
   * The digest of {@code path} when its stat {@code now} is the recorded one and was not racy, else
   * null (the file is then read and hashed).
   */
  byte[] trusted(String path, FileStat now) {
    Row r = rows.get(path);
    if (r == null || now == null || !r.stat().equals(now)) {
      return null;
    }
    long before = time - RACY_NANOS;
    return r.stat().ctime() < before && r.stat().mtime() < before ? r.digest() : null;
  }

  /** How many files have a row. */
  int size() {
    return rows.size();
  }

  /** These rows in the note's form: format, time, rows, then a CRC-32C of what came before. */
  byte[] bytes() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + rows.size() * 128);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(FORMAT);
      out.writeLong(time);
      out.writeInt(rows.size());
      for (Map.Entry<String, Row> e : rows.entrySet()) {
        out.writeUTF(e.getKey());
        FileStat s = e.getValue().stat();
        out.writeLong(s.size());
        out.writeLong(s.mtime());
        out.writeLong(s.ctime());
        out.writeLong(s.ino());
        out.writeLong(s.dev());
        out.write(e.getValue().digest());
      }
      out.flush();
      CRC32C crc = new CRC32C();
      crc.update(bytes.toByteArray());
      out.writeInt((int) crc.getValue());
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory", e);
    }
  }

  /** The rows in {@code bytes} ({@link #bytes}), or {@link #NONE} when they are not whole. */
  static HashedFiles read(ByteBuffer bytes) {
    if (bytes.remaining() < 20) {
      return NONE;
    }
    byte[] all = new byte[bytes.remaining()];
    bytes.get(all);
    CRC32C crc = new CRC32C();
    crc.update(all, 0, all.length - 4);
    if ((int) crc.getValue() != ByteBuffer.wrap(all).getInt(all.length - 4)) {
      return NONE;
    }
    try (DataInputStream in =
        new DataInputStream(new ByteArrayInputStream(all, 0, all.length - 4))) {
      if (in.readInt() != FORMAT) {
        return NONE;
      }
      long time = in.readLong();
      int count = in.readInt();
      if (count < 0 || count > all.length / 72) {
        return NONE;
      }
      Map<String, Row> rows = HashMap.newHashMap(count);
      for (int i = 0; i < count; i++) {
        String path = in.readUTF();
        FileStat stat =
            new FileStat(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong());
        byte[] digest = new byte[32];
        in.readFully(digest);
        rows.put(path, new Row(stat, digest));
      }
      return in.available() == 0 ? new HashedFiles(time, rows) : NONE;
    } catch (IOException e) {
      return NONE;
    }
  }

  /** Collects the rows of a run, in load order. */
  static Map<String, Row> collector() {
    return new LinkedHashMap<>();
  }
}
