package dev.kasa.sigma.match;

import dev.kasa.sigma.binary.BinaryIn;
import dev.kasa.sigma.binary.BinaryOut;
import dev.kasa.sigma.binary.MalformedBinaryException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whole-value literals: an open-addressing table from text to ids. A folding table hashes the
 * value's folded chars on the fly (the same hash as {@code fold(value).hashCode()}) and compares
 * folded chars without building the folded string; a cased table uses the value's cached hash.
 * Immutable after construction; lookups do not allocate.
 */
final class ExactValues {
  private final boolean folding;
  private final String[] keys;
  private final int[][] ids;
  private final int mask;
  private final int maxLength;

  /**
   * Whether some key has each length up to {@link #maxLength}: most values have none, and are left
   * without hashing them. Derived from the keys, so the binary form holds nothing more.
   */
  private final boolean[] lengths;

  ExactValues(Map<String, List<Integer>> byText, boolean folding) {
    this.folding = folding;
    int size = Integer.highestOneBit(Math.max(2, byText.size() * 2)) << 1;
    keys = new String[size];
    ids = new int[size][];
    mask = size - 1;
    maxLength = byText.keySet().stream().mapToInt(String::length).max().orElse(0);
    for (Map.Entry<String, List<Integer>> e : byText.entrySet()) {
      int slot = spread(e.getKey().hashCode()) & mask;
      while (keys[slot] != null) {
        slot = (slot + 1) & mask;
      }
      keys[slot] = e.getKey();
      ids[slot] = e.getValue().stream().mapToInt(Integer::intValue).toArray();
    }
    lengths = lengths(keys, maxLength);
  }

  /** A table of the keys' lengths up to {@code maxLength} (values longer are never looked up). */
  private static boolean[] lengths(String[] keys, int maxLength) {
    int longest = 0;
    for (String k : keys) {
      if (k != null && k.length() <= maxLength) {
        longest = Math.max(longest, k.length());
      }
    }
    boolean[] out = new boolean[longest + 1];
    for (String k : keys) {
      if (k != null && k.length() <= longest) {
        out[k.length()] = true;
      }
    }
    return out;
  }

  private ExactValues(boolean folding, String[] keys, int[][] ids, int maxLength) {
    this.folding = folding;
    this.keys = keys;
    this.ids = ids;
    this.mask = keys.length - 1;
    this.maxLength = maxLength;
    this.lengths = lengths(keys, maxLength);
  }

  /** Whether every id in the table is below {@code bound} (a stored program's check). */
  boolean idsBelow(int bound) {
    for (int[] slot : ids) {
      if (slot != null) {
        for (int id : slot) {
          if (id < 0 || id >= bound) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** This table in the binary form, slot by slot. */
  void write(BinaryOut out) throws IOException {
    out.bool(folding);
    out.varint(maxLength);
    out.varint(keys.length);
    for (int i = 0; i < keys.length; i++) {
      out.string(keys[i]);
      if (keys[i] != null) {
        out.ints(ids[i]);
      }
    }
  }

  /** A table {@link #write} wrote. */
  static ExactValues read(BinaryIn in) throws MalformedBinaryException {
    boolean folding = in.bool();
    int maxLength = in.varint();
    int size = in.count(1);
    if (Integer.bitCount(size) != 1) {
      throw new MalformedBinaryException("table size " + size + " is not a power of two");
    }
    String[] keys = new String[size];
    int[][] ids = new int[size][];
    for (int i = 0; i < size; i++) {
      keys[i] = in.string();
      if (keys[i] != null) {
        ids[i] = in.ints();
      }
    }
    return new ExactValues(folding, keys, ids, maxLength);
  }

  static Map<String, List<Integer>> collector() {
    return new LinkedHashMap<>();
  }

  static void put(Map<String, List<Integer>> byText, String text, int id) {
    byText.computeIfAbsent(text, k -> new ArrayList<>()).add(id);
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }

  void scan(String value, IdSink sink) {
    int n = value.length();
    if (n >= lengths.length || !lengths[n]) {
      return;
    }
    int h;
    if (folding) {
      h = 0;
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        // ASCII folded without the Unicode tables (most values are ASCII).
        h = 31 * h + (c < 128 ? (c >= 'A' && c <= 'Z' ? c + 32 : c) : Character.toLowerCase(c));
      }
    } else {
      h = value.hashCode();
    }
    int slot = spread(h) & mask;
    String k;
    while ((k = keys[slot]) != null) {
      if (k.hashCode() == h && (folding ? foldedEquals(k, value) : k.equals(value))) {
        for (int id : ids[slot]) {
          sink.accept(id);
        }
        return;
      }
      slot = (slot + 1) & mask;
    }
  }

  private static boolean foldedEquals(String folded, String value) {
    int n = folded.length();
    if (value.length() != n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (Character.toLowerCase(value.charAt(i)) != folded.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
