package dev.kasa.event;

import java.nio.charset.StandardCharsets;

/**
 * The names of fields captured because all fields are ({@link FieldCapture#all()}), built from path
 * bytes once and then reused, so a decoder allocates a name per distinct field rather than per
 * value. Relative evtx paths get their canonical form ({@code X.#text} is {@code X}, {@code
 * X.#attributes.Y} is {@code X_Y}, {@code #attributes.Y} is {@code Y}). Not thread-safe: one per
 * decoder. Bounded: past {@link #LIMIT} distinct names (random keys), names are built without being
 * kept.
 */
final class CaptureNames {
  static final int LIMIT = 4096;
  private static final byte[] TEXT = ".#text".getBytes(StandardCharsets.US_ASCII);
  private static final String ATTRIBUTES = ".#attributes.";
  private static final String OWN_ATTRIBUTES = "#attributes.";

  private byte[][] keys = new byte[64][];
  private int[] hashes = new int[64];
  private boolean[] relative = new boolean[64];
  private String[] names = new String[64];
  private int count;

  /**
   * The name of path bytes {@code b[off, off+len)} of path hash {@code h}; {@code rel} when the
   * path is relative to an evtx section (then the canonical form applies).
   */
  String name(byte[] b, int off, int len, int h, boolean rel) {
    int key = rel ? h ^ 0x5bd1e995 : h;
    int mask = keys.length - 1;
    int i = (key ^ (key >>> 16)) & mask;
    byte[] k;
    while ((k = keys[i]) != null) {
      if (hashes[i] == key && relative[i] == rel && same(k, b, off, len)) {
        return names[i];
      }
      i = (i + 1) & mask;
    }
    String name = build(b, off, len, rel);
    if (count < LIMIT) {
      keys[i] = java.util.Arrays.copyOfRange(b, off, off + len);
      hashes[i] = key;
      relative[i] = rel;
      names[i] = name;
      if (++count * 2 > keys.length) {
        grow();
      }
    }
    return name;
  }

  private void grow() {
    byte[][] oldKeys = keys;
    int[] oldHashes = hashes;
    boolean[] oldRelative = relative;
    String[] oldNames = names;
    int n = keys.length * 2;
    keys = new byte[n][];
    hashes = new int[n];
    relative = new boolean[n];
    names = new String[n];
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldKeys[j] != null) {
        int i = (oldHashes[j] ^ (oldHashes[j] >>> 16)) & (n - 1);
        while (keys[i] != null) {
          i = (i + 1) & (n - 1);
        }
        keys[i] = oldKeys[j];
        hashes[i] = oldHashes[j];
        relative[i] = oldRelative[j];
        names[i] = oldNames[j];
      }
    }
  }

  private static boolean same(byte[] k, byte[] b, int off, int len) {
    if (k.length != len) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (k[i] != b[off + i]) {
        return false;
      }
    }
    return true;
  }

  private static String build(byte[] b, int off, int len, boolean rel) {
    int end = off + len;
    if (rel && len > TEXT.length && endsWith(b, end, TEXT)) {
      end -= TEXT.length;
    }
    boolean plain = true;
    for (int i = off; i < end; i++) {
      if (b[i] < 0 || b[i] == '\\') {
        plain = false;
        break;
      }
    }
    // Keys keep their escapes in the path bytes; a name is what the event says, so decode them.
    String name =
        plain
            ? new String(b, off, end - off, StandardCharsets.ISO_8859_1)
            : JsonStrings.decode(b, off, end);
    if (rel && name.startsWith(OWN_ATTRIBUTES) && name.length() > OWN_ATTRIBUTES.length()) {
      name = name.substring(OWN_ATTRIBUTES.length());
    }
    if (rel && name.contains(ATTRIBUTES)) {
      name = name.replace(ATTRIBUTES, "_");
    }
    return name;
  }

  private static boolean endsWith(byte[] b, int end, byte[] suffix) {
    for (int i = 0; i < suffix.length; i++) {
      if (b[end - suffix.length + i] != suffix[i]) {
        return false;
      }
    }
    return true;
  }
}
