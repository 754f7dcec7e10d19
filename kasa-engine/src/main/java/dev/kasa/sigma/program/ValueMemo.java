package dev.kasa.sigma.program;

import java.util.Arrays;

/**
 * What one field's index of one bucket found in values seen before: the atoms a value satisfied, by
 * the value. Windows logs repeat their values, long and short (the OTRF datasets: Sysmon's {@code
 * CallTrace} 98 % of its chars, PowerShell's {@code Payload} 84 %, Sysmon {@code Hashes} 90 %;
 * {@code Image}, {@code SourceImage}, {@code TargetImage} and most short fields over 99 % of their
 * values), and a value's atoms depend on nothing but the value, so a repeat costs a hash and a
 * compare instead of the automaton's walk and the pattern tests. A table of {@link #SLOTS} values,
 * each in the slot its hash picks, a newer value replacing an older one there. Per thread (it lives
 * in a {@link Scratch}), never shared.
 */
final class ValueMemo {
  /**
   * Values shorter than this are scanned each time: their walk is a few table reads, about what the
   * hash and the compare would cost. Longer ones are kept: at 64 chars, as before, the short paths
   * of a Windows event (images, users, access masks) were searched again in every event, a tenth of
   * detection's samples (docs/benchmarks.md, branch sigma8).
   */
  static final int MIN_CHARS = 8;

  /** Values longer than this are scanned each time, so that one memo holds little. */
  static final int MAX_CHARS = 16_384;

  static final int SLOTS = 512;

  // A key is a value's String, or a copy of the bytes it was captured from (see getBytes): equal
  // bytes are an equal value, so a repeat found by its bytes needs no String at all.
  private final Object[] keys = new Object[SLOTS];
  private final int[] hashes = new int[SLOTS];
  private final int[][] atoms = new int[SLOTS][];

  /** The chars (or bytes) of the values held, for {@link Scratch}'s bound over all its memos. */
  long chars;

  /** The atoms {@code value} satisfied when it was seen, or null when it is not held. */
  int[] get(String value, int hash) {
    int i = slot(hash);
    return hashes[i] == hash && keys[i] instanceof String k && k.equals(value) ? atoms[i] : null;
  }

  /**
   * The atoms the value captured from {@code b[from, to)} satisfied when a value was seen with the
   * same bytes ({@link #putBytes}), or null; {@code hash} is {@link #hash}'s.
   */
  int[] getBytes(byte[] b, int from, int to, int hash) {
    int i = slot(hash);
    return hashes[i] == hash
            && keys[i] instanceof byte[] k
            && Arrays.equals(k, 0, k.length, b, from, to)
        ? atoms[i]
        : null;
  }

  /** Holds {@code value}'s atoms; returns the change in chars held. */
  long put(String value, int hash, int[] found) {
    return hold(value, value.length(), hash, found);
  }

  /** Holds the atoms of the value captured from {@code b[from, to)}; the change in bytes held. */
  long putBytes(byte[] b, int from, int to, int hash, int[] found) {
    return hold(Arrays.copyOfRange(b, from, to), to - from, hash, found);
  }

  private long hold(Object key, int length, int hash, int[] found) {
    int i = slot(hash);
    long before = size(keys[i]);
    keys[i] = key;
    hashes[i] = hash;
    atoms[i] = found;
    long delta = length - before;
    chars += delta;
    return delta;
  }

  private static long size(Object key) {
    return switch (key) {
      case null -> 0;
      case String k -> k.length();
      case byte[] k -> k.length;
      default -> throw new IllegalStateException("a memo key is a String or bytes");
    };
  }

  /** A hash of {@code b[from, to)}, eight bytes at a time. */
  static int hash(byte[] b, int from, int to) {
    // Two lanes of eight bytes, whose multiplies do not wait for each other: long values
    // (CallTrace, Payload) are hashed whole at every sight.
    long h = to - from;
    long g = 0x2545F4914F6CDD1DL;
    int i = from;
    for (; i + 16 <= to; i += 16) {
      h = (h ^ (long) LONGS.get(b, i)) * 0x9E3779B97F4A7C15L;
      g = (g ^ (long) LONGS.get(b, i + 8)) * 0xC2B2AE3D27D4EB4FL;
      h ^= h >>> 29;
      g ^= g >>> 31;
    }
    for (; i < to; i++) {
      h = (h ^ (b[i] & 0xff)) * 0x100000001B3L;
    }
    h ^= g * 0x165667B19E3779F9L;
    h ^= h >>> 32;
    return (int) h;
  }

  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
          long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  void clear() {
    Arrays.fill(keys, null);
    Arrays.fill(atoms, null);
    chars = 0;
  }

  private static int slot(int hash) {
    return (hash ^ (hash >>> 16)) & (SLOTS - 1);
  }
}
