package dev.kasa.event;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Open-addressing table from dotted field path bytes to {@link Slot}, so decoders look fields up
 * without building a String per key. Immutable after construction; thread-safe.
 */
final class PathTable {
  private final byte[][] keys;
  private final int[] hashes;
  private final Slot[] slots;
  private final int mask;
  private final boolean empty;

  PathTable(Map<String, Slot> entries) {
    int cap = Integer.highestOneBit(Math.max(4, entries.size() * 4) - 1) << 1;
    keys = new byte[cap][];
    hashes = new int[cap];
    slots = new Slot[cap];
    mask = cap - 1;
    empty = entries.isEmpty();
    for (var e : entries.entrySet()) {
      byte[] k = e.getKey().getBytes(StandardCharsets.UTF_8);
      int h = hash(k, 0, k.length);
      int i = mix(h) & mask;
      while (keys[i] != null) {
        i = (i + 1) & mask;
      }
      keys[i] = k;
      hashes[i] = h;
      slots[i] = e.getValue();
    }
  }

  boolean isEmpty() {
    return empty;
  }

  static int hash(byte[] b, int off, int len) {
    int h = 0;
    for (int i = off; i < off + len; i++) {
      h = 31 * h + b[i];
    }
    return h;
  }

  private static int mix(int h) {
    return h ^ (h >>> 16) ^ (h >>> 7);
  }

  /** The slot of path {@code b[off, off+len)} whose {@link #hash} is {@code h}, or null. */
  Slot get(byte[] b, int off, int len, int h) {
    int i = mix(h) & mask;
    byte[] k;
    while ((k = keys[i]) != null) {
      if (hashes[i] == h
          && k.length == len
          && Arrays.equals(k, 0, len, b, off, off + len)) {
        return slots[i];
      }
      i = (i + 1) & mask;
    }
    return null;
  }
}
