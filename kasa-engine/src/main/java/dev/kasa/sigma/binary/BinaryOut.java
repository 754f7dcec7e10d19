package dev.kasa.sigma.binary;

import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Writes the values {@link BinaryIn} reads back, in the same order, onto a {@link DataOutput}:
 * non-negative varints, strings (each distinct one written once, later by number), and int arrays
 * in one block. Not thread-safe; one per encoded form.
 */
public final class BinaryOut {
  private final DataOutput out;
  private final Map<String, Integer> strings = new HashMap<>();

  public BinaryOut(DataOutput out) {
    this.out = Objects.requireNonNull(out, "out");
  }

  /** A non-negative int in 1 to 5 bytes. */
  public void varint(int v) throws IOException {
    if (v < 0) {
      throw new IllegalArgumentException("negative varint " + v);
    }
    while ((v & ~0x7F) != 0) {
      out.writeByte((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out.writeByte(v);
  }

  public void bool(boolean b) throws IOException {
    out.writeByte(b ? 1 : 0);
  }

  public void int32(int v) throws IOException {
    out.writeInt(v);
  }

  public void int64(long v) throws IOException {
    out.writeLong(v);
  }

  public void float64(double v) throws IOException {
    out.writeDouble(v);
  }

  /** A string or null: 0 null, 1 a new string (its UTF-8 bytes follow), n + 2 the n-th one. */
  public void string(String s) throws IOException {
    if (s == null) {
      varint(0);
      return;
    }
    Integer known = strings.get(s);
    if (known != null) {
      varint(known + 2);
      return;
    }
    strings.put(s, strings.size());
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    varint(1);
    varint(bytes.length);
    out.write(bytes);
  }

  /** An int array: its length, then its ints big-endian in one block. */
  public void ints(int[] values) throws IOException {
    varint(values.length);
    ByteBuffer buffer = ByteBuffer.allocate(values.length * Integer.BYTES);
    buffer.asIntBuffer().put(values);
    out.write(buffer.array());
  }

  /** An enum constant by name (so that reordering constants never reads another one). */
  public void constant(Enum<?> e) throws IOException {
    string(e.name());
  }
}
