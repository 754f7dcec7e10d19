package dev.kasa.event;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Open-addressing table from dotted field path bytes to a value ({@link Slot}, capture ids), so
 * decoders look fields up without building a String per key. Immutable after construction;
 * thread-safe.
 */
final class PathTable<V> {
  private final byte[][] keys;
  private final int[] hashes;
  private final Object[] slots;
  private final int mask;
  private final boolean empty;
  // Each path's text up to its first dot: asked by each decoder of a syslog batch whether a path
  // lies under one top-level name (hasAtOrUnder), answered without a walk over every key.
  private final java.util.Set<String> heads;

  // A bloom filter of one bit per hash; at least 8 bits per entry so that big capture tables (a
  // whole Sigma rule set's field names) still let most keys skip the probe.
  private final long[] filter;
  private final int filterMask;
  private static final int MIN_FILTER_WORDS = 64;
  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
          long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  PathTable(Map<String, ? extends V> entries) {
    int variants = 0;
    java.util.List<byte[]> all = new java.util.ArrayList<>();
    java.util.List<Integer> allHashes = new java.util.ArrayList<>();
    java.util.List<V> allSlots = new java.util.ArrayList<>();
    var firstKeys = new java.util.HashSet<String>();
    for (var e : entries.entrySet()) {
      int dot = e.getKey().indexOf('.');
      firstKeys.add(dot < 0 ? e.getKey() : e.getKey().substring(0, dot));
      byte[] k = e.getKey().getBytes(StandardCharsets.UTF_8);
      // A dotted path may come from nested objects or from keys that contain dots (Zeek's
      // "id.orig_h"): store the hash of every way to cut it into keys.
      for (int h : segmentationHashes(k)) {
        all.add(k);
        allHashes.add(h);
        allSlots.add(e.getValue());
        variants++;
      }
    }
    int cap = Integer.highestOneBit(Math.max(4, variants * 4) - 1) << 1;
    keys = new byte[cap][];
    hashes = new int[cap];
    slots = new Object[cap];
    mask = cap - 1;
    empty = entries.isEmpty();
    heads = java.util.Set.copyOf(firstKeys);
    int words = Math.max(MIN_FILTER_WORDS, Integer.highestOneBit(Math.max(1, variants / 8)) * 2);
    filter = new long[words];
    filterMask = words - 1;
    for (int v = 0; v < variants; v++) {
      int h = allHashes.get(v);
      int i = mix(h) & mask;
      while (keys[i] != null) {
        i = (i + 1) & mask;
      }
      keys[i] = all.get(v);
      hashes[i] = h;
      slots[i] = allSlots.get(v);
      filter[(h >>> 6) & filterMask] |= 1L << h;
    }
  }

  private static java.util.List<Integer> segmentationHashes(byte[] k) {
    java.util.List<Integer> dots = new java.util.ArrayList<>();
    for (int i = 0; i < k.length; i++) {
      if (k[i] == '.') {
        dots.add(i);
      }
    }
    int n = Math.min(dots.size(), 12);
    java.util.List<Integer> out = new java.util.ArrayList<>();
    for (int mask = 0; mask < (1 << n); mask++) {
      int h = 0;
      int from = 0;
      for (int d = 0; d < n; d++) {
        if ((mask & (1 << d)) != 0) {
          h = extend(h, k, from, dots.get(d));
          from = dots.get(d) + 1;
        }
      }
      out.add(extend(h, k, from, k.length));
    }
    return out;
  }

  /**
   * The hash of a path extended by one key {@code b[s, e)}: O(1) in the key length (first and last
   * eight bytes and the length), so decoders hash keys without a per-byte loop.
   */
  static int extend(int parent, byte[] b, int s, int e) {
    int n = e - s;
    long x;
    long y;
    if (n >= 8) {
      x = (long) LONGS.get(b, s);
      y = (long) LONGS.get(b, e - 8);
    } else if (b.length - s >= 8) {
      // Short key with room behind it (the closing quote at least): one load, masked to the key.
      x = (long) LONGS.get(b, s) & ((1L << (n << 3)) - 1);
      y = n;
    } else {
      x = 0;
      for (int i = e - 1; i >= s; i--) {
        x = (x << 8) | (b[i] & 0xff);
      }
      y = n;
    }
    long h = (x * 0x9E3779B97F4A7C15L) ^ (y * 0xC2B2AE3D27D4EB4FL) ^ (n * 0x165667B19E3779F9L);
    h ^= h >>> 29;
    return (int) (h ^ (h >>> 32)) ^ (parent * 0x01000193);
  }

  boolean isEmpty() {
    return empty;
  }

  /**
   * Whether a path of the table is {@code name} or lies under it ({@code name.…}), however its keys
   * are cut.
   */
  boolean hasAtOrUnder(String name) {
    if (name.indexOf('.') < 0) {
      return heads.contains(name);
    }
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    for (byte[] k : keys) {
      if (k != null
          && k.length >= n.length
          && java.util.Arrays.equals(k, 0, n.length, n, 0, n.length)
          && (k.length == n.length || k[n.length] == '.')) {
        return true;
      }
    }
    return false;
  }

  /** The hash of a path given as one key (no nesting), for header-named columns. */
  static int hash(byte[] b, int off, int len) {
    return extend(0, b, off, off + len);
  }

  private static int mix(int h) {
    return h ^ (h >>> 16) ^ (h >>> 7);
  }

  private static boolean same(byte[] k, byte[] b, int off, int len) {
    // Paths are short: eight bytes at a time, then a plain loop (the range-checked intrinsic
    // costs more at these lengths).
    int i = 0;
    for (; i + 8 <= len; i += 8) {
      if ((long) LONGS.get(k, i) != (long) LONGS.get(b, off + i)) {
        return false;
      }
    }
    for (; i < len; i++) {
      if (k[i] != b[off + i]) {
        return false;
      }
    }
    return true;
  }

  /** False when no path of hash {@code h} is in the table (a cheap pre-check of {@link #get}). */
  boolean mayContain(int h) {
    return (filter[(h >>> 6) & filterMask] & (1L << h)) != 0;
  }

  /** The value of path {@code b[off, off+len)} whose {@link #hash} is {@code h}, or null. */
  @SuppressWarnings("unchecked")
  V get(byte[] b, int off, int len, int h) {
    if ((filter[(h >>> 6) & filterMask] & (1L << h)) == 0) {
      return null;
    }
    int i = mix(h) & mask;
    byte[] k;
    while ((k = keys[i]) != null) {
      if (hashes[i] == h && k.length == len && same(k, b, off, len)) {
        return (V) slots[i];
      }
      i = (i + 1) & mask;
    }
    return null;
  }
}
