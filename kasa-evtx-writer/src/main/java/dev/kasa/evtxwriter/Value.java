package dev.kasa.evtxwriter;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** A template substitution value, as a record's instance data stores it. Immutable. */
public sealed interface Value {
  /** The value type code stored in the value's descriptor. */
  int typeCode();

  /** Bytes stored as they are, with their type code (arrays have bit 0x80 set). */
  record Scalar(int typeCode, byte[] bytes) implements Value {
    public Scalar {
      if (typeCode < 0 || typeCode > 0xff) {
        throw new IllegalArgumentException("value type code out of 0..255: " + typeCode);
      }
      if (bytes.length > 0xffff) {
        throw new IllegalArgumentException("value longer than 65535 bytes: " + bytes.length);
      }
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Scalar s && s.typeCode == typeCode && Arrays.equals(s.bytes, bytes);
    }

    @Override
    public int hashCode() {
      return typeCode * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "Scalar[0x" + Integer.toHexString(typeCode) + ", " + bytes.length + " bytes]";
    }

    int length() {
      return bytes.length;
    }

    byte byteAt(int i) {
      return bytes[i];
    }
  }

  /** Nested binary XML: a fragment holding an instance of {@code template} with its values. */
  record Nested(Template template, List<Value> values) implements Value {
    public Nested {
      Objects.requireNonNull(template, "template");
      values = List.copyOf(values);
    }

    @Override
    public int typeCode() {
      return ValueType.BIN_XML.code();
    }
  }

  /** Nested binary XML: a fragment holding one element written out (no template). */
  record NestedElement(XmlNode.Element element) implements Value {
    public NestedElement {
      Objects.requireNonNull(element, "element");
    }

    @Override
    public int typeCode() {
      return ValueType.BIN_XML.code();
    }
  }

  static Value nul() {
    return new Scalar(ValueType.NULL.code(), new byte[0]);
  }

  /** UTF-16LE without a terminating NUL. */
  static Value string(String s) {
    return new Scalar(ValueType.STRING.code(), s.getBytes(StandardCharsets.UTF_16LE));
  }

  /** Windows-1252 bytes without a terminating NUL. */
  static Value ansiString(String s) {
    return new Scalar(ValueType.ANSI_STRING.code(), s.getBytes(Charset.forName("windows-1252")));
  }

  static Value int8(int v) {
    return new Scalar(ValueType.INT8.code(), new byte[] {(byte) v});
  }

  static Value uint8(int v) {
    return new Scalar(ValueType.UINT8.code(), new byte[] {(byte) v});
  }

  static Value int16(int v) {
    return new Scalar(ValueType.INT16.code(), le(2, v));
  }

  static Value uint16(int v) {
    return new Scalar(ValueType.UINT16.code(), le(2, v));
  }

  static Value int32(int v) {
    return new Scalar(ValueType.INT32.code(), le(4, v));
  }

  static Value uint32(long v) {
    return new Scalar(ValueType.UINT32.code(), le(4, v));
  }

  static Value int64(long v) {
    return new Scalar(ValueType.INT64.code(), le(8, v));
  }

  static Value uint64(long v) {
    return new Scalar(ValueType.UINT64.code(), le(8, v));
  }

  static Value real32(float v) {
    return new Scalar(ValueType.REAL32.code(), le(4, Float.floatToRawIntBits(v)));
  }

  static Value real64(double v) {
    return new Scalar(ValueType.REAL64.code(), le(8, Double.doubleToRawLongBits(v)));
  }

  static Value bool(boolean v) {
    return new Scalar(ValueType.BOOL.code(), le(4, v ? 1 : 0));
  }

  static Value binary(byte[] b) {
    return new Scalar(ValueType.BINARY.code(), b);
  }

  static Value guid(UUID u) {
    return new Scalar(ValueType.GUID.code(), guidBytes(u));
  }

  /** A size type of 4 or 8 bytes. */
  static Value sizeT(long v, int width) {
    if (width != 4 && width != 8) {
      throw new IllegalArgumentException("size type width must be 4 or 8, got " + width);
    }
    return new Scalar(ValueType.SIZE_T.code(), le(width, v));
  }

  static Value fileTime(Instant t) {
    return new Scalar(ValueType.FILETIME.code(), le(8, fileTimeOf(t)));
  }

  static Value systemTime(LocalDateTime t) {
    return new Scalar(ValueType.SYSTEMTIME.code(), systemTimeBytes(t));
  }

  /** A SID given as {@code S-R-A-S1-...}. */
  static Value sid(String sid) {
    return new Scalar(ValueType.SID.code(), sidBytes(sid));
  }

  static Value hexInt32(int v) {
    return new Scalar(ValueType.HEX_INT32.code(), le(4, v));
  }

  static Value hexInt64(long v) {
    return new Scalar(ValueType.HEX_INT64.code(), le(8, v));
  }

  /** An array of strings: each UTF-16LE and NUL-terminated. */
  static Value stringArray(List<String> items) {
    ByteBuffer b = ByteBuffer.allocate(items.stream().mapToInt(s -> 2 * s.length() + 2).sum());
    for (String s : items) {
      b.put(s.getBytes(StandardCharsets.UTF_16LE)).putShort((short) 0);
    }
    return new Scalar(ValueType.STRING.arrayCode(), b.array());
  }

  /** An array of ANSI strings: each Windows-1252 and NUL-terminated. */
  static Value ansiStringArray(List<String> items) {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    for (String s : items) {
      b.writeBytes(s.getBytes(Charset.forName("windows-1252")));
      b.write(0);
    }
    return new Scalar(ValueType.ANSI_STRING.arrayCode(), b.toByteArray());
  }

  /** An array of {@code type}: the items' bytes one after the other (items of that type). */
  static Value array(ValueType type, List<Value> items) {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    for (Value v : items) {
      if (!(v instanceof Scalar s) || s.typeCode() != type.code()) {
        throw new IllegalArgumentException("array of " + type + " cannot hold " + v);
      }
      b.writeBytes(s.bytes);
    }
    return new Scalar(type.arrayCode(), b.toByteArray());
  }

  /** Nested binary XML holding an instance of {@code template}. */
  static Value binXml(Template template, List<Value> values) {
    return new Nested(template, values);
  }

  /** Nested binary XML holding {@code element} written out. */
  static Value binXml(XmlNode.Element element) {
    return new NestedElement(element);
  }

  /** 100-nanosecond intervals since 1601-01-01T00:00:00Z. */
  static long fileTimeOf(Instant t) {
    return (t.getEpochSecond() + 11_644_473_600L) * 10_000_000L + t.getNano() / 100;
  }

  private static byte[] le(int n, long v) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (v >>> (8 * i));
    }
    return b;
  }

  /** Data1-3 little-endian, Data4 as stored. */
  static byte[] guidBytes(UUID u) {
    long hi = u.getMostSignificantBits();
    long lo = u.getLeastSignificantBits();
    ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt((int) (hi >>> 32)).putShort((short) (hi >>> 16)).putShort((short) hi);
    b.order(ByteOrder.BIG_ENDIAN).putLong(lo);
    return b.array();
  }

  private static byte[] systemTimeBytes(LocalDateTime t) {
    ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort((short) t.getYear())
        .putShort((short) t.getMonthValue())
        .putShort((short) (t.getDayOfWeek().getValue() % 7))
        .putShort((short) t.getDayOfMonth())
        .putShort((short) t.getHour())
        .putShort((short) t.getMinute())
        .putShort((short) t.getSecond())
        .putShort((short) (t.getNano() / 1_000_000));
    return b.array();
  }

  private static byte[] sidBytes(String sid) {
    String[] parts = sid.split("-");
    if (parts.length < 3 || !parts[0].equals("S")) {
      throw new IllegalArgumentException("not a SID: " + sid);
    }
    int subs = parts.length - 3;
    if (subs > 15) {
      throw new IllegalArgumentException("SID with more than 15 sub-authorities: " + sid);
    }
    ByteBuffer b = ByteBuffer.allocate(8 + 4 * subs).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) Integer.parseInt(parts[1])).put((byte) subs);
    long authority = Long.parseLong(parts[2]);
    for (int i = 5; i >= 0; i--) {
      b.put((byte) (authority >>> (8 * i)));
    }
    for (int i = 3; i < parts.length; i++) {
      b.putInt((int) Long.parseLong(parts[i]));
    }
    return b.array();
  }
}
