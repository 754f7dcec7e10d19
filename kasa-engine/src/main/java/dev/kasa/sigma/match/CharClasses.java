package dev.kasa.sigma.match;

import java.util.Arrays;

/**
 * Maps a value's char, folded, to a small class number: 1… for the chars some literal uses, 0 for
 * every other char. ASCII goes through a table that already folds; other chars are folded and
 * looked up in an open-addressing table. Immutable after construction.
 */
final class CharClasses {
  private final int[] ascii = new int[128];
  private final char[] keys;
  private final int[] classes;
  private final int mask;
  private final int count;
  private final boolean onlyAscii;

  /** The chars beyond ASCII whose lower case is ASCII (the dotted I and the Kelvin sign). */
  private static final char[] FOLDING_TO_ASCII = foldingToAscii();

  private static char[] foldingToAscii() {
    StringBuilder out = new StringBuilder();
    for (char c = 128; c < Character.MAX_VALUE; c++) {
      if (Character.toLowerCase(c) < 128) {
        out.append(c);
      }
    }
    return out.toString().toCharArray();
  }

  private static boolean foldsToAscii(char c) {
    for (char f : FOLDING_TO_ASCII) {
      if (f == c) {
        return true;
      }
    }
    return false;
  }

  /** The distinct folded chars, sorted: what the classes are made from (see {@link #chars}). */
  private final char[] distinct;

  /** Classes for the distinct folded chars of {@code chars} (any order, duplicates allowed). */
  CharClasses(char[] chars) {
    char[] distinct = chars.clone();
    Arrays.sort(distinct);
    int n = 0;
    for (int i = 0; i < distinct.length; i++) {
      if (i == 0 || distinct[i] != distinct[i - 1]) {
        distinct[n++] = distinct[i];
      }
    }
    this.distinct = Arrays.copyOf(distinct, n);
    int size = Integer.highestOneBit(Math.max(4, n * 2)) << 1;
    keys = new char[size];
    classes = new int[size];
    mask = size - 1;
    int next = 1;
    boolean wide = false;
    for (int i = 0; i < n; i++) {
      char c = distinct[i];
      int cls = next++;
      if (c < 128) {
        ascii[c] = cls;
      } else {
        wide = true;
        int slot = c * 0x9E37 & mask;
        while (classes[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = c;
        classes[slot] = cls;
      }
    }
    // Upper-case ASCII folds to lower-case: give it the lower-case class.
    for (char c = 'A'; c <= 'Z'; c++) {
      ascii[c] = ascii[c + 32];
    }
    count = next;
    onlyAscii = !wide;
  }

  /** The chars these classes were made of: {@code new CharClasses(chars())} equals this. */
  char[] chars() {
    return distinct.clone();
  }

  /** Number of classes including class 0. */
  int count() {
    return count;
  }

  /** The class of {@code c} after {@link Character#toLowerCase(char)}. */
  int of(char c) {
    if (c < 128) {
      return ascii[c];
    }
    if (onlyAscii) {
      // No literal has a char beyond ASCII: only the few chars that fold into ASCII can count.
      return foldsToAscii(c) ? ascii[Character.toLowerCase(c)] : 0;
    }
    char f = Character.toLowerCase(c);
    if (f < 128) {
      return ascii[f];
    }
    int slot = f * 0x9E37 & mask;
    while (true) {
      int cls = classes[slot];
      if (cls == 0 || keys[slot] == f) {
        return cls;
      }
      slot = (slot + 1) & mask;
    }
  }
}
