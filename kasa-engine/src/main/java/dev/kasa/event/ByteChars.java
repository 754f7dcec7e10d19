package dev.kasa.event;

/**
 * A reusable {@link CharSequence} view of ASCII bytes, so address parsers that take char sequences
 * can check bytes without a String. Not thread-safe; valid until the next {@link #set}.
 */
final class ByteChars implements CharSequence {
  private byte[] bytes = new byte[0];
  private int off;
  private int len;

  ByteChars set(byte[] b, int off, int len) {
    this.bytes = b;
    this.off = off;
    this.len = len;
    return this;
  }

  @Override
  public int length() {
    return len;
  }

  @Override
  public char charAt(int index) {
    return (char) (bytes[off + index] & 0xff);
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return toString().substring(start, end);
  }

  @Override
  public String toString() {
    return new String(bytes, off, len, java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
