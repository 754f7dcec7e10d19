package dev.kasa.input;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The content of one input as decoders read it: gzip undone (detected by its magic bytes), and a
 * read error (a truncated or corrupt gzip stream, a failing disk) turned into the end of the input
 * with what went wrong kept as {@link #damage()}. So every record before the damage is decoded, as
 * {@code zcat} recovers what it can before it complains. Not thread-safe.
 */
public final class InputBytes extends InputStream {
  private final Counted raw;
  private final InputStream in;
  private final boolean gzip;
  private String damage;

  private InputBytes(Counted raw, InputStream in, boolean gzip) {
    this.raw = raw;
    this.in = in;
    this.gzip = gzip;
  }

  /**
   * Opens {@code stream}, undoing gzip when it starts with gzip's magic bytes.
   *
   * @throws IOException with a message saying what is wrong (a gzip header cut short, not gzip
   *     after the magic bytes, a read error)
   */
  public static InputBytes open(InputStream stream) throws IOException {
    Counted raw = new Counted(stream);
    PushbackInputStream pb = new PushbackInputStream(raw, 2);
    byte[] magic = new byte[2];
    int m;
    try {
      m = pb.readNBytes(magic, 0, 2);
    } catch (IOException e) {
      throw new IOException(describe(e, false, raw.count), e);
    }
    pb.unread(magic, 0, m);
    if (m < 2 || (magic[0] & 0xff) != 0x1f || (magic[1] & 0xff) != 0x8b) {
      return new InputBytes(raw, pb, false);
    }
    try {
      return new InputBytes(raw, new GZIPInputStream(pb, 64 * 1024), true);
    } catch (IOException e) {
      String what = describe(e, true, raw.count);
      throw new IOException(e instanceof EOFException ? what + " (in its header)" : what, e);
    }
  }

  /** Bytes read from the input itself so far (compressed bytes, for gzip). */
  public long rawBytes() {
    return raw.count;
  }

  /** What ended the input early, or null when it ended normally (or has not ended yet). */
  public String damage() {
    return damage;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (damage != null) {
      return -1;
    }
    try {
      return in.read(b, off, len);
    } catch (IOException e) {
      damage = describe(e, gzip, raw.count);
      return -1;
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** A sentence saying what {@code e} means, {@code rawBytes} into the input. */
  private static String describe(IOException e, boolean gzip, long rawBytes) {
    String message = e.getMessage();
    if (gzip && e instanceof EOFException) {
      return "truncated gzip stream after " + rawBytes + " bytes";
    }
    if (gzip && e instanceof ZipException) {
      if ("Not in GZIP format".equals(message)) {
        return "not in gzip format";
      }
      if ("Unsupported compression method".equals(message)) {
        return "not in gzip format: unsupported compression method";
      }
      if ("Corrupt GZIP trailer".equals(message)) {
        return "corrupt gzip data after "
            + rawBytes
            + " bytes: checksum or length mismatch at the end of the stream";
      }
      return "corrupt gzip data after "
          + rawBytes
          + " bytes: "
          + (message == null ? "invalid compressed data" : message);
    }
    return "read error after "
        + rawBytes
        + " bytes: "
        + (message == null ? e.getClass().getSimpleName() : message);
  }

  /** Counts the bytes read from the input itself (compressed, for gzip). */
  private static final class Counted extends FilterInputStream {
    long count;

    Counted(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int c = in.read();
      if (c >= 0) {
        count++;
      }
      return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long k = in.skip(n);
      count += Math.max(0, k);
      return k;
    }
  }
}
