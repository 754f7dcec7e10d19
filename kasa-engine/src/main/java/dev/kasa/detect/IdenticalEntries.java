package dev.kasa.detect;

import java.util.Arrays;
import java.util.Objects;

/**
 * Finds, among the entries an {@link IndexAssembly.Intake} holds, one identical to a new entry:
 * same value and type, id, validity, revocation, TLP, confidence and attribution, i.e. the same
 * {@code Indicator}. An open-addressing table of entry numbers hashed from the intake's own
 * columns, so that it holds no object per entry and can be rebuilt from the columns when it grows.
 * Not thread-safe; lives with its intake.
 */
final class IdenticalEntries {
  private int[] slots = new int[64]; // entry + 1; 0 is empty
  private int used;

  /** The entry identical to entry {@code e} (already written to the columns), or -1. */
  int find(IndexAssembly.Intake t, int e) {
    int mask = slots.length - 1;
    for (int s = (int) hash(t, e) & mask; ; s = (s + 1) & mask) {
      int other = slots[s] - 1;
      if (other < 0) {
        return -1;
      }
      if (same(t, e, other)) {
        return other;
      }
    }
  }

  /** Remembers entry {@code e}, which {@link #find} did not find. */
  void add(IndexAssembly.Intake t, int e) {
    if (2 * (used + 1) > slots.length) {
      int[] old = slots;
      slots = new int[2 * old.length];
      for (int slot : old) {
        if (slot != 0) {
          put(t, slot - 1);
        }
      }
    }
    put(t, e);
    used++;
  }

  private void put(IndexAssembly.Intake t, int e) {
    int mask = slots.length - 1;
    int s = (int) hash(t, e) & mask;
    while (slots[s] != 0) {
      s = (s + 1) & mask;
    }
    slots[s] = e + 1;
  }

  long bytes() {
    return 16L + 4L * slots.length;
  }

  private static long hash(IndexAssembly.Intake t, int e) {
    int g = t.group[e] & 0xff;
    long h = Keys.mixWords(t.ids[2 * e], t.ids[2 * e + 1]);
    h = Keys.mixWords(h ^ t.window[2 * e], t.window[2 * e + 1] + g);
    int local = t.local[e];
    if (!IndexAssembly.isText(g)) {
      int words = IndexAssembly.wordsOf(g);
      for (int w = 0; w < words; w++) {
        h = Keys.mixWords(h, t.keys[g][local * words + w]);
      }
    } else {
      h = Keys.mixWords(h, Keys.hashBytes(t.text[g], t.offsets[g][local], t.offsets[g][local + 1]));
    }
    return Keys.mix(h ^ (t.flags[e] & 0xffL) << 8 ^ t.confidence[e] ^ (long) t.attribution[e] << 16);
  }

  private static boolean same(IndexAssembly.Intake t, int a, int b) {
    if (t.group[a] != t.group[b]
        || t.ids[2 * a] != t.ids[2 * b]
        || t.ids[2 * a + 1] != t.ids[2 * b + 1]
        || t.window[2 * a] != t.window[2 * b]
        || t.window[2 * a + 1] != t.window[2 * b + 1]
        || t.flags[a] != t.flags[b]
        || t.confidence[a] != t.confidence[b]
        || t.attribution[a] != t.attribution[b]) {
      return false;
    }
    int g = t.group[a] & 0xff;
    int la = t.local[a];
    int lb = t.local[b];
    if (!IndexAssembly.isText(g)) {
      int words = IndexAssembly.wordsOf(g);
      if (!Arrays.equals(
          t.keys[g], la * words, (la + 1) * words, t.keys[g], lb * words, (lb + 1) * words)) {
        return false;
      }
    } else {
      int[] ends = t.offsets[g];
      if (!Arrays.equals(t.text[g], ends[la], ends[la + 1], t.text[g], ends[lb], ends[lb + 1])) {
        return false;
      }
    }
    // Instants finer than a millisecond are kept aside; most loads have none.
    return (t.exactFrom.isEmpty() || Objects.equals(t.exactFrom.get(a), t.exactFrom.get(b)))
        && (t.exactUntil.isEmpty() || Objects.equals(t.exactUntil.get(a), t.exactUntil.get(b)));
  }
}
