package dev.kasa.sigma.binary;

import java.io.ByteArrayOutputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes the values {@link BinaryIn} reads back, in the same order: non-negative varints, strings,
 * and int arrays in one block. The values are kept in memory until {@link #finish}, which writes
 * onto the {@link DataOutput} the string table (every distinct string once, in order of first use)
 * and then the values, where a string is its number in the table: a reader decodes each string
 * once, in one small loop, and a string read is a table lookup. Not thread-safe; one per encoded
 * form.
 */
public final class BinaryOut {
  private final DataOutput out;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
  private final DataOutputStream body = new DataOutputStream(bytes);
  private final Map<String, Integer> numbers = new HashMap<>();
  private final List<String> strings = new ArrayList<>();
  private boolean finished;

  /** Values written here reach {@code out} at {@link #finish}. */
  public BinaryOut(DataOutput out) {
    this.out = Objects.requireNonNull(out, "out");
  }

  /** A non-negative int in 1 to 5 bytes. */
  public void varint(int v) throws IOException {
    varint(v, body);
  }

  private static void varint(int v, DataOutput to) throws IOException {
    if (v < 0) {
      throw new IllegalArgumentException("negative varint " + v);
    }
    while ((v & ~0x7F) != 0) {
      to.writeByte((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    to.writeByte(v);
  }

  public void bool(boolean b) throws IOException {
    body.writeByte(b ? 1 : 0);
  }

  public void int32(int v) throws IOException {
    body.writeInt(v);
  }

  public void int64(long v) throws IOException {
    body.writeLong(v);
  }

  public void float64(double v) throws IOException {
    body.writeDouble(v);
  }

  /** A string or null: 0 null, n + 1 the n-th string of the table. */
  public void string(String s) throws IOException {
    if (s == null) {
      varint(0);
      return;
    }
    Integer known = numbers.get(s);
    if (known == null) {
      known = strings.size();
      numbers.put(s, known);
      strings.add(s);
    }
    varint(known + 1);
  }

  /** An int array: its length, then its ints big-endian in one block. */
  public void ints(int[] values) throws IOException {
    varint(values.length);
    ByteBuffer buffer = ByteBuffer.allocate(values.length * Integer.BYTES);
    buffer.asIntBuffer().put(values);
    body.write(buffer.array());
  }

  /** An enum constant by name (so that reordering constants never reads another one). */
  public void constant(Enum<?> e) throws IOException {
    string(e.name());
  }

  /**
   * Writes the string table (their count, then each one's UTF-8 length and bytes), then the values.
   * Nothing can be written after.
   */
  public void finish() throws IOException {
    if (finished) {
      throw new IllegalStateException("already finished");
    }
    finished = true;
    varint(strings.size(), out);
    for (String s : strings) {
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      varint(utf8.length, out);
      out.write(utf8);
    }
    body.flush();
    out.write(bytes.toByteArray());
  }
}
