package dev.kasa.sigma.match;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The byte transformations of the encoding modifiers. Byte strings travel as ISO-8859-1 strings
 * (one char per byte) so that they can pass through the same pipeline as text. Stateless.
 */
final class Encodings {
  private Encodings() {}

  /** How a text becomes bytes: UTF-8 for text, one byte per char for an earlier encoding. */
  static byte[] bytes(String s, boolean binary) {
    return s.getBytes(binary ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
  }

  static String binary(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  /** UTF-16 of {@code s}'s chars: little-endian, big-endian, or little-endian after BOM FF FE. */
  static byte[] utf16(String s, boolean bigEndian, boolean bom) {
    int off = bom ? 2 : 0;
    byte[] out = new byte[off + 2 * s.length()];
    if (bom) {
      out[0] = (byte) 0xFF;
      out[1] = (byte) 0xFE;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      byte hi = (byte) (c >>> 8);
      byte lo = (byte) c;
      out[off + 2 * i] = bigEndian ? hi : lo;
      out[off + 2 * i + 1] = bigEndian ? lo : hi;
    }
    return out;
  }

  static String base64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  private static final int[] START = {0, 2, 3};
  private static final int[] END_TRIM = {0, 3, 2};

  /**
   * The three texts that stand for {@code b} inside a longer base64 string, when {@code b} starts
   * at byte offset 0, 1 or 2 of a 3-byte group, as pySigma computes them: encode {@code i} spaces
   * followed by {@code b}, then drop the leading chars that depend on the unknown preceding bytes
   * and the trailing chars that depend on the unknown following bytes. Variants that come out empty
   * (very short values) are left out, since an empty needle would match any value.
   */
  static List<String> base64Offsets(byte[] b) {
    List<String> out = new ArrayList<>(3);
    for (int i = 0; i < 3; i++) {
      byte[] padded = new byte[i + b.length];
      for (int k = 0; k < i; k++) {
        padded[k] = ' ';
      }
      System.arraycopy(b, 0, padded, i, b.length);
      String enc = base64(padded);
      int end = enc.length() - END_TRIM[(b.length + i) % 3];
      if (end > START[i]) {
        out.add(enc.substring(START[i], end));
      }
    }
    return out;
  }
}
