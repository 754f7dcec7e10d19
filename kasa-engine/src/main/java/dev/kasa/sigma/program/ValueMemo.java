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

  private final String[] keys = new String[SLOTS];
  private final int[] hashes = new int[SLOTS];
  private final int[][] atoms = new int[SLOTS][];

  /** The chars of the values held, for {@link Scratch}'s bound over all its memos. */
  long chars;

  /** The atoms {@code value} satisfied when it was seen, or null when it is not held. */
  int[] get(String value, int hash) {
    int i = slot(hash);
    String k = keys[i];
    return k != null && hashes[i] == hash && k.equals(value) ? atoms[i] : null;
  }

  /** Holds {@code value}'s atoms; returns the change in chars held. */
  long put(String value, int hash, int[] found) {
    int i = slot(hash);
    long before = keys[i] == null ? 0 : keys[i].length();
    keys[i] = value;
    hashes[i] = hash;
    atoms[i] = found;
    long delta = value.length() - before;
    chars += delta;
    return delta;
  }

  void clear() {
    Arrays.fill(keys, null);
    Arrays.fill(atoms, null);
    chars = 0;
  }

  private static int slot(int hash) {
    return (hash ^ (hash >>> 16)) & (SLOTS - 1);
  }
}
