package dev.kasa.sigma.binary;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Reads what {@link BinaryOut} wrote, from a buffer: first its string table (decoded whole on the
 * first read, on the reading thread), then the values. Every length is checked against the bytes
 * left before anything is allocated, so a truncated or corrupt form fails with {@link
 * MalformedBinaryException}, never with a huge allocation or a loop. Not thread-safe.
 */
public final class BinaryIn {
  private static final String[] NO_STRINGS = {};

  private final ByteBuffer in;
  private String[] strings;

  /** Reads {@code in} from its position; nothing is read before the first value is. */
  public BinaryIn(ByteBuffer in) {
    this.in = Objects.requireNonNull(in, "in");
  }

  /** Bytes not read yet. */
  public int remaining() throws MalformedBinaryException {
    table();
    return in.remaining();
  }

  public int varint() throws MalformedBinaryException {
    table();
    return rawVarint();
  }

  /**
   * A count of items each taking at least {@code minBytes} bytes: never more than the bytes left
   * allow.
   */
  public int count(int minBytes) throws MalformedBinaryException {
    table();
    return rawCount(minBytes);
  }

  public boolean bool() throws MalformedBinaryException {
    table();
    int b = byte1();
    if (b > 1) {
      throw new MalformedBinaryException("bad boolean " + b + " at byte " + in.position());
    }
    return b == 1;
  }

  public int int32() throws MalformedBinaryException {
    table();
    try {
      return in.getInt();
    } catch (BufferUnderflowException e) {
      throw truncated();
    }
  }

  public long int64() throws MalformedBinaryException {
    table();
    try {
      return in.getLong();
    } catch (BufferUnderflowException e) {
      throw truncated();
    }
  }

  public double float64() throws MalformedBinaryException {
    table();
    try {
      return in.getDouble();
    } catch (BufferUnderflowException e) {
      throw truncated();
    }
  }

  /** A string or null (see {@link BinaryOut#string}): a lookup in the table. */
  public String string() throws MalformedBinaryException {
    int tag = varint();
    if (tag == 0) {
      return null;
    }
    if (tag > strings.length) {
      throw new MalformedBinaryException("unknown string " + (tag - 1) + " at " + in.position());
    }
    return strings[tag - 1];
  }

  /** A string that may not be null. */
  public String text() throws MalformedBinaryException {
    String s = string();
    if (s == null) {
      throw new MalformedBinaryException("missing string at byte " + in.position());
    }
    return s;
  }

  public int[] ints() throws MalformedBinaryException {
    int n = count(Integer.BYTES);
    int[] out = new int[n];
    in.asIntBuffer().get(out);
    in.position(in.position() + n * Integer.BYTES);
    return out;
  }

  /** The constant of {@code type} named by the next string. */
  public <E extends Enum<E>> E constant(Class<E> type) throws MalformedBinaryException {
    String name = text();
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      throw new MalformedBinaryException("no " + type.getSimpleName() + " named " + name);
    }
  }

  /** The string table, decoded once before the first value is read. */
  private void table() throws MalformedBinaryException {
    if (strings == null) {
      strings = decodeTable();
    }
  }

  // Kept apart and small: the one place a string is decoded, compiled once rather than inlined
  // into every reader of a string.
  private String[] decodeTable() throws MalformedBinaryException {
    int n = rawCount(1);
    if (n == 0) {
      return NO_STRINGS;
    }
    String[] table = new String[n];
    byte[] array = in.hasArray() ? in.array() : null;
    // A buffer without an array (a mapped file) is copied string by string into one scratch array
    // that grows to the longest string, not into an array per string.
    byte[] scratch = array != null ? null : new byte[64];
    for (int i = 0; i < n; i++) {
      int length = rawCount(1);
      if (array != null) {
        table[i] =
            new String(array, in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
      } else {
        if (length > scratch.length) {
          scratch = new byte[Math.max(length, 2 * scratch.length)];
        }
        in.get(scratch, 0, length);
        table[i] = new String(scratch, 0, length, StandardCharsets.UTF_8);
      }
    }
    return table;
  }

  private int rawVarint() throws MalformedBinaryException {
    int v = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      int b = byte1();
      v |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        if (v < 0) {
          break;
        }
        return v;
      }
    }
    throw new MalformedBinaryException("bad varint at byte " + in.position());
  }

  private int rawCount(int minBytes) throws MalformedBinaryException {
    int n = rawVarint();
    if ((long) n * Math.max(1, minBytes) > in.remaining()) {
      throw new MalformedBinaryException(
          "count " + n + " exceeds the " + in.remaining() + " bytes left at " + in.position());
    }
    return n;
  }

  private int byte1() throws MalformedBinaryException {
    if (!in.hasRemaining()) {
      throw truncated();
    }
    return in.get() & 0xFF;
  }

  private MalformedBinaryException truncated() {
    return new MalformedBinaryException("truncated at byte " + in.position());
  }
}
