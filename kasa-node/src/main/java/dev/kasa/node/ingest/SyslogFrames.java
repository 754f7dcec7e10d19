package dev.kasa.node.ingest;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Cuts a syslog byte stream (TCP or TLS) into messages, RFC 6587: octet counting ({@code MSG-LEN SP
 * MSG}) when the connection's first byte is a digit, else newline framing (LF, an optional CR
 * before it dropped; empty lines skipped). A message over the size limit is skipped and reported as
 * {@link #OVERSIZED}; a broken MSG-LEN loses the framing, so it ends the connection with a {@link
 * KasaException} ({@link ErrorCode#MALFORMED_RECORD}). Reads through a buffer of its own (no lock
 * or call per byte). Not thread-safe: one per connection.
 */
final class SyslogFrames {
  /** {@link #next()}'s answer at the end of the stream. */
  static final int END = -1;

  /** {@link #next()}'s answer for a message over the limit (skipped). */
  static final int OVERSIZED = -2;

  private static final int BUFFER = 64 * 1024;

  private final InputStream in;
  private final byte[] buf = new byte[BUFFER];
  private int pos;
  private int lim;
  private final byte[] message;
  // Where the last message lies: in buf when it was read whole into it (no copy), else in message.
  private byte[] data;
  private int start;
  private final long maxConnectionBytes;
  private Boolean octetCounting;
  private long read;

  /**
   * @param in the connection's stream (read in blocks of up to 64 KiB)
   * @param maxMessageBytes the largest message kept
   * @param maxConnectionBytes the most bytes one connection may send (0: no limit)
   */
  SyslogFrames(InputStream in, int maxMessageBytes, long maxConnectionBytes) {
    this.in = in;
    this.message = new byte[maxMessageBytes];
    this.data = message;
    this.maxConnectionBytes = maxConnectionBytes;
  }

  /**
   * The buffer that holds the message {@link #next()} returned, from {@link #start()} for the
   * length it returned; valid until the next call of {@link #next()}, {@link #fill()} or {@link
   * #ready()}. The caller may change the message's bytes in place.
   */
  byte[] message() {
    return data;
  }

  /** Where in {@link #message()} the last message starts. */
  int start() {
    return start;
  }

  /** Whether the connection turned out to use octet counting (null before its first byte). */
  Boolean octetCounting() {
    return octetCounting;
  }

  /** Whether a message is buffered and can be read without blocking. */
  boolean ready() throws IOException {
    return pos < lim || in.available() > 0;
  }

  /**
   * Blocks until bytes are buffered (or the stream ends), for a caller that set a read timeout on
   * the socket to wait a bounded time for more: true when {@link #next()} can go on without
   * blocking for the first of its bytes (at the end, it returns {@link #END}).
   *
   * @throws java.net.SocketTimeoutException when nothing came within the socket's timeout (the
   *     framing is untouched: nothing was consumed)
   */
  boolean fill() throws IOException {
    if (pos < lim) {
      return true;
    }
    int n = in.read(buf, 0, buf.length);
    if (n > 0) {
      pos = 0;
      lim = n;
    }
    return true;
  }

  /**
   * Reads the next message into {@link #message()}.
   *
   * @return its length, {@link #END} or {@link #OVERSIZED}
   */
  int next() throws IOException {
    int first = read();
    if (octetCounting == null) {
      if (first < 0) {
        return END;
      }
      octetCounting = first >= '1' && first <= '9';
    }
    return octetCounting ? counted(first) : line(first);
  }

  /** {@link #nextBuffered()}'s answer when no whole message is buffered: call {@link #next()}. */
  static final int NONE = -3;

  /**
   * The next message, as {@link #next()} reads it, when it lies whole in the buffer in octet
   * counting with a byte after it (its length; {@link #ready()} is then true), else {@link #NONE}
   * with nothing consumed: the first message, newline framing, a message that ends the buffer or is
   * cut by it or is over the limit, a MSG-LEN that {@link #next()} refuses, the connection's byte
   * limit reached. It never reads the stream, so a connection's end and its rarer cases are met in
   * {@link #next()} alone: a receiver that loops on this (compiled once, warm across connections)
   * is not deoptimized when a connection ends.
   */
  int nextBuffered() {
    if (octetCounting != Boolean.TRUE) {
      return NONE;
    }
    int p = pos;
    int limit = lim;
    if (p >= limit) {
      return NONE;
    }
    byte x = buf[p];
    if (x < '1' || x > '9') {
      return NONE;
    }
    long length = 0;
    int digits = 0;
    while (p < limit && (x = buf[p]) >= '0' && x <= '9' && digits < 10) {
      length = length * 10 + (x - '0');
      digits++;
      p++;
    }
    if (p >= limit || x != ' ' || length > message.length || length >= limit - p - 1) {
      return NONE;
    }
    int n = (int) length;
    long after = read + digits + 1 + n;
    if (maxConnectionBytes > 0 && after > maxConnectionBytes) {
      return NONE;
    }
    read = after;
    data = buf;
    start = p + 1;
    pos = p + 1 + n;
    return n;
  }

  private int counted(int x) throws IOException {
    if (x < 0) {
      return END;
    }
    long length = 0;
    int digits = 0;
    while (x >= '0' && x <= '9') {
      if (++digits > 10 || (digits == 1 && x == '0')) {
        throw lost("MSG-LEN must be 1 to 10 digits without a leading zero");
      }
      length = length * 10 + (x - '0');
      x = read();
    }
    if (digits == 0 || x != ' ') {
      throw lost("expected MSG-LEN and a space (octet counting)");
    }
    if (length > message.length) {
      for (long i = 0; i < length; i++) {
        if (read() < 0) {
          return END;
        }
      }
      return OVERSIZED;
    }
    int n = (int) length;
    if (n <= lim - pos) {
      // The common case: the whole message is buffered, so it is read where it lies.
      data = buf;
      start = pos;
      pos += n;
      count(n);
      return n;
    }
    data = message;
    start = 0;
    int got = Math.min(n, lim - pos);
    System.arraycopy(buf, pos, message, 0, got);
    pos += got;
    if (got < n) {
      got += in.readNBytes(message, got, n - got);
    }
    count(got);
    return got < n ? END : n;
  }

  private int line(int x) throws IOException {
    data = message;
    start = 0;
    while (x == '\n' || x == '\r') {
      x = read();
    }
    if (x < 0) {
      return END;
    }
    int n = 0;
    boolean over = false;
    while (x >= 0 && x != '\n') {
      if (n < message.length) {
        message[n++] = (byte) x;
      } else {
        over = true;
      }
      x = read();
    }
    if (over) {
      return OVERSIZED;
    }
    if (n > 0 && message[n - 1] == '\r') {
      n--;
    }
    return n;
  }

  private int read() throws IOException {
    if (pos == lim) {
      int n = in.read(buf, 0, buf.length);
      if (n <= 0) {
        return -1;
      }
      pos = 0;
      lim = n;
    }
    count(1);
    return buf[pos++] & 0xff;
  }

  private void count(int n) {
    read += n;
    if (maxConnectionBytes > 0 && read > maxConnectionBytes) {
      throw new KasaException(
          ErrorCode.LIMIT_EXCEEDED,
          "the connection sent more than " + maxConnectionBytes + " bytes; closing it");
    }
  }

  private static KasaException lost(String why) {
    return new KasaException(ErrorCode.MALFORMED_RECORD, "syslog framing lost: " + why);
  }
}
