package dev.kasa.evtxwriter;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * Writes a Windows event log file: the 4 KiB file header, then 64 KiB chunks of records. Every
 * record is an instance of a {@link Template} with its values; a chunk stores each template's
 * definition and each name once, where it first needs them, as Windows does. Checksums are set on
 * the file header, every chunk header and every chunk's records.
 *
 * <p>Not thread-safe. Close it to finish the last chunk and write the file header.
 */
public final class EvtxWriter implements Closeable {
  /**
   * How the file is written.
   *
   * @param dirty leave the file header's dirty flag set (a log not closed cleanly)
   * @param maxRecordsPerChunk start a new chunk after this many records (to get several chunks from
   *     few records), at least 1
   */
  public record Options(boolean dirty, int maxRecordsPerChunk) {
    public Options {
      if (maxRecordsPerChunk < 1) {
        throw new IllegalArgumentException(
            "maxRecordsPerChunk must be >= 1, got " + maxRecordsPerChunk);
      }
    }

    /** A clean file with chunks filled as far as records fit. */
    public static Options defaults() {
      return new Options(false, Integer.MAX_VALUE);
    }
  }

  private interface Output extends Closeable {
    void append(byte[] b, int len) throws IOException;

    void header(byte[] h) throws IOException;
  }

  private final Output out;
  private final Options options;
  private final ChunkBuilder chunk = new ChunkBuilder();
  private long chunks;
  private long number = 1;
  private long nextId = 1;
  private boolean closed;

  private EvtxWriter(Output out, Options options) throws IOException {
    this.out = out;
    this.options = Objects.requireNonNull(options, "options");
    out.append(new byte[4096], 4096);
  }

  /** A writer creating (or truncating) {@code file}. */
  public static EvtxWriter toFile(Path file, Options options) throws IOException {
    FileChannel ch =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
    return new EvtxWriter(
        new Output() {
          @Override
          public void append(byte[] b, int len) throws IOException {
            ByteBuffer bb = ByteBuffer.wrap(b, 0, len);
            while (bb.hasRemaining()) {
              ch.write(bb);
            }
          }

          @Override
          public void header(byte[] h) throws IOException {
            ByteBuffer bb = ByteBuffer.wrap(h);
            long at = 0;
            while (bb.hasRemaining()) {
              at += ch.write(bb, at);
            }
          }

          @Override
          public void close() throws IOException {
            ch.close();
          }
        },
        options);
  }

  /** A writer keeping the file in memory; {@link #bytes()} gives it after {@link #close()}. */
  public static EvtxWriter inMemory(Options options) {
    try {
      return new EvtxWriter(new Memory(), options);
    } catch (IOException e) {
      throw new IllegalStateException("in-memory output cannot fail", e);
    }
  }

  private static final class Memory extends ByteArrayOutputStream implements Output {
    @Override
    public void append(byte[] b, int len) {
      write(b, 0, len);
    }

    @Override
    public void header(byte[] h) {
      System.arraycopy(h, 0, buf, 0, h.length);
    }
  }

  /**
   * Appends a record.
   *
   * @param id the event record identifier
   * @param written when the record was written
   * @throws IllegalArgumentException when the record cannot fit in a chunk
   */
  public void write(long id, Instant written, Template template, List<Value> values)
      throws IOException {
    if (closed) {
      throw new IllegalStateException("writer is closed");
    }
    long fileTime = Value.fileTimeOf(written);
    if (chunk.records() >= options.maxRecordsPerChunk()
        || !chunk.tryAppend(number, id, fileTime, template, values)) {
      if (chunk.isEmpty()) {
        throw new IllegalArgumentException(
            "record " + id + " does not fit in a " + ChunkBuilder.SIZE + "-byte chunk");
      }
      flushChunk();
      if (!chunk.tryAppend(number, id, fileTime, template, values)) {
        throw new IllegalArgumentException(
            "record " + id + " does not fit in a " + ChunkBuilder.SIZE + "-byte chunk");
      }
    }
    number++;
    nextId = Math.max(nextId, id + 1);
  }

  /** Chunks written so far (the one being filled not included). */
  public long chunksWritten() {
    return chunks;
  }

  private void flushChunk() throws IOException {
    out.append(chunk.finish(), ChunkBuilder.SIZE);
    chunk.reset();
    chunks++;
  }

  /** Finishes the last chunk and writes the file header. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (!chunk.isEmpty()) {
        flushChunk();
      }
      out.header(fileHeader());
    } finally {
      out.close();
    }
  }

  /** The file as written; only for {@link #inMemory} writers, after {@link #close()}. */
  public byte[] bytes() {
    if (!(out instanceof Memory m) || !closed) {
      throw new IllegalStateException("bytes() is for a closed in-memory writer");
    }
    return m.toByteArray();
  }

  private byte[] fileHeader() {
    ByteBuffer h = ByteBuffer.allocate(4096).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    h.put(new byte[] {'E', 'l', 'f', 'F', 'i', 'l', 'e', 0});
    h.putLong(0);
    h.putLong(Math.max(0, chunks - 1));
    h.putLong(nextId);
    h.putInt(128);
    h.putShort((short) 2);
    h.putShort((short) 3);
    h.putShort((short) 4096);
    h.putShort((short) Math.min(chunks, 0xffff));
    h.putInt(120, options.dirty() ? 1 : 0);
    CRC32 crc = new CRC32();
    crc.update(h.array(), 0, 120);
    h.putInt(124, (int) crc.getValue());
    return h.array();
  }
}
