package dev.kasa.node.ingest;

import dev.kasa.event.EventFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * One file being tailed: its open channel (which follows the file through renames), the position
 * delivered up to, its head (to notice a truncation or replacement), and what its first bytes said:
 * the format and, for Zeek TSV, the header lines every chunk is prefixed with.
 */
final class TailedFile implements AutoCloseable {
  static final int HEAD = 256;
  private static final int DETECT = 64 * 1024;

  final String key;
  Path path;
  final FileChannel channel;
  long position;
  byte[] head;
  boolean skipping;
  EventFormat format;
  byte[] zeekHeader = new byte[0];
  boolean refused;
  int idlePolls;

  private TailedFile(String key, Path path, FileChannel channel, long position, byte[] head) {
    this.key = key;
    this.path = path;
    this.channel = channel;
    this.position = position;
    this.head = head;
  }

  /**
   * Opens {@code path} at {@code position} when its first bytes are still {@code head}, else at 0
   * (a different file under a reused identity, or one truncated while we were away).
   */
  static TailedFile open(String key, Path path, long position, byte[] head) throws IOException {
    FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
    try {
      var f = new TailedFile(key, path, ch, position, head);
      if (position > 0 && !f.sameHead()) {
        f.position = 0;
        f.head = new byte[0];
      }
      return f;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** Whether the file still starts with the head seen, and is not shorter than the position. */
  boolean sameHead() throws IOException {
    if (channel.size() < position) {
      return false;
    }
    return Arrays.equals(read(0, head.length), head);
  }

  /** Reads what {@link #format} and {@link #zeekHeader} need, once there are bytes to read. */
  void detect(EventFormat configured) throws IOException {
    byte[] first = read(0, DETECT);
    if (first.length == 0) {
      return;
    }
    if (first.length >= 2 && (first[0] & 0xff) == 0x1f && (first[1] & 0xff) == 0x8b) {
      refused = true;
      return;
    }
    format = configured != null ? configured : EventFormat.detect(first, first.length);
    if (format == EventFormat.EVTX) {
      refused = true;
      return;
    }
    if (format == EventFormat.ZEEK_TSV) {
      var header = new ByteArrayOutputStream();
      int p = 0;
      while (p < first.length && first[p] == '#') {
        int nl = p;
        while (nl < first.length && first[nl] != '\n') {
          nl++;
        }
        if (nl == first.length) {
          break;
        }
        header.write(first, p, nl + 1 - p);
        p = nl + 1;
      }
      zeekHeader = header.toByteArray();
    }
  }

  /** Up to {@code length} bytes from {@code at}. */
  byte[] read(long at, int length) throws IOException {
    byte[] b = new byte[length];
    return Arrays.copyOf(b, read(at, b, 0, length));
  }

  /** Reads up to {@code length} bytes from {@code at} into {@code to[off, ...)}; how many. */
  int read(long at, byte[] to, int off, int length) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(to, off, length);
    while (b.hasRemaining()) {
      int n = channel.read(b, at + b.position() - off);
      if (n < 0) {
        break;
      }
    }
    return b.position() - off;
  }

  /**
   * Moves the position past {@code n} delivered bytes of {@code chunk[from, ...)} (read at the
   * position), keeping the head from the bytes delivered, not from the file now (it may have been
   * truncated since).
   */
  void grow(byte[] chunk, int from, int n) {
    if (position == head.length && head.length < HEAD) {
      int more = (int) Math.min(n, HEAD - head.length);
      byte[] h = Arrays.copyOf(head, head.length + more);
      System.arraycopy(chunk, from, h, head.length, more);
      head = h;
    }
    position += n;
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // Only read from: nothing to lose.
    }
  }
}
