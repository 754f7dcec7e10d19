package dev.kasa.detect;

import java.util.Arrays;
import java.util.Objects;

/**
 * Finds entries of an {@link IndexIntake} that are identical to an earlier one: same value and
 * type, id, validity, revocation, TLP, confidence, attribution, origin and provenance, i.e. the
 * same {@code Indicator}. Two passes share the work so that neither costs a random memory access
 * per entry:
 *
 * <ul>
 *   <li>while indicators arrive, a small direct-mapped table of recent entries (it stays in the
 *       processor's cache) catches repeats that are near or frequent — a value repeated through a
 *       list, an object repeated in a bundle — before they take any room;
 *   <li>when the index is built, an exact pass over each value group (entries already grouped, one
 *       group's table at a time) marks every remaining repeat.
 * </ul>
 *
 * <p>Each entry's hash is an intake column: no object is kept per entry. Not thread-safe; lives
 * with its intake.
 */
final class IdenticalEntries {
  private static final int RECENT = 1 << 12;

  // Each slot: an entry's hash (high 32 bits) and the entry + 1 (low 32 bits); 0 is empty.
  private final long[] recent = new long[RECENT];
  private int lastHash;

  /**
   * An entry identical to entry {@code e} (already written to the columns) among those recently
   * remembered, or -1.
   */
  int findRecent(IndexIntake t, int e) {
    int h = t.hash[e];
    lastHash = h;
    long slot = recent[h & (RECENT - 1)];
    int other = (int) slot - 1;
    // A dead entry is going away: the new one must not be folded onto it.
    return slot != 0 && (int) (slot >>> 32) == h && !t.isDead(other) && same(t, e, other)
        ? other
        : -1;
  }

  /** Remembers entry {@code e}, for which {@link #findRecent} was just called. */
  void remember(int e) {
    recent[lastHash & (RECENT - 1)] = (long) lastHash << 32 | (e + 1L);
  }

  /**
   * Marks the entries of one value group that are identical to an earlier one of the group.
   *
   * <p>A hash table over a large group would cost a cache miss per entry; so the entries are first
   * partitioned by the high bits of their hash (a stable counting sort, sequential memory access)
   * into runs of a few thousand, and each run is checked with a table small enough to stay in the
   * processor's cache.
   *
   * @param order intake entries, grouped; the group is {@code order[from, to)} in arrival order
   * @param repeat set to true at the positions (indices into {@code order}) of the repeats; a
   *     position already true (a dead entry) is neither kept nor marked again
   * @return how many were marked
   */
  static int markRepeats(IndexIntake t, int[] order, int from, int to, boolean[] repeat) {
    int n = to - from;
    if (n < 2) {
      return 0;
    }
    int partBits = Math.min(16, 32 - Integer.numberOfLeadingZeros(Math.max(1, n >>> 11)));
    int[] starts = new int[(1 << partBits) + 1];
    long[] hashed = new long[n]; // hash << 32 | position - from
    for (int p = from; p < to; p++) {
      int h = t.hash[order[p]];
      hashed[p - from] = (long) h << 32 | (p - from);
      starts[(h >>> (32 - partBits)) + 1]++;
    }
    for (int k = 0; k < 1 << partBits; k++) {
      starts[k + 1] += starts[k];
    }
    long[] parted = new long[n];
    int[] fill = Arrays.copyOf(starts, 1 << partBits);
    for (long x : hashed) {
      parted[fill[(int) (x >>> 32) >>> (32 - partBits)]++] = x;
    }
    int marked = 0;
    long[] slots = new long[0];
    for (int k = 0; k < 1 << partBits; k++) {
      int size = starts[k + 1] - starts[k];
      if (size < 2) {
        continue;
      }
      int capacity = Integer.highestOneBit(2 * size - 1) << 1;
      if (slots.length < capacity) {
        slots = new long[capacity];
      } else {
        Arrays.fill(slots, 0, capacity, 0);
      }
      marked += markRun(t, order, from, parted, starts[k], starts[k + 1], slots, capacity, repeat);
    }
    return marked;
  }

  // Within one run (arrival order kept by the stable partitioning): the first of identical entries
  // stays, the others are marked.
  private static int markRun(
      IndexIntake t,
      int[] order,
      int from,
      long[] parted,
      int begin,
      int end,
      long[] slots,
      int capacity,
      boolean[] repeat) {
    int mask = capacity - 1;
    int marked = 0;
    for (int j = begin; j < end; j++) {
      long x = parted[j];
      int h = (int) (x >>> 32);
      int p = from + (int) x;
      if (repeat[p]) {
        continue;
      }
      int s = h & mask;
      while (slots[s] != 0
          && ((int) (slots[s] >>> 32) != h
              || !same(t, order[p], order[from + (int) slots[s] - 1]))) {
        s = (s + 1) & mask;
      }
      if (slots[s] == 0) {
        slots[s] = (long) h << 32 | (p - from + 1L);
      } else {
        repeat[p] = true;
        marked++;
      }
    }
    return marked;
  }

  /**
   * The hash of entry {@code e}, whose columns are written; {@code value} is its value, whose own
   * hash (vectorised, often cached) stands in for the text groups' bytes.
   */
  static int hash(IndexIntake t, int e, String value) {
    int g = t.group[e] & 0xff;
    long key;
    if (IndexAssembly.isText(g)) {
      key = value.hashCode();
    } else {
      int words = IndexAssembly.wordsOf(g);
      int at = t.local[e] * words;
      key = t.keys[g][at];
      for (int w = 1; w < words; w++) {
        key = Keys.mixWords(key, t.keys[g][at + w]);
      }
    }
    long h = Keys.mixWords(t.ids[2 * e] ^ key, t.ids[2 * e + 1] + g);
    return (int)
        Keys.mixWords(
            h ^ t.window[2 * e],
            t.window[2 * e + 1]
                ^ (t.flags[e] & 0xffL)
                ^ (t.confidence[e] & 0xffL) << 8
                ^ (long) t.context[e] << 16);
  }

  private static boolean same(IndexIntake t, int a, int b) {
    if (t.group[a] != t.group[b]
        || t.ids[2 * a] != t.ids[2 * b]
        || t.ids[2 * a + 1] != t.ids[2 * b + 1]
        || t.window[2 * a] != t.window[2 * b]
        || t.window[2 * a + 1] != t.window[2 * b + 1]
        || t.flags[a] != t.flags[b]
        || t.confidence[a] != t.confidence[b]
        || t.context[a] != t.context[b]) {
      return false;
    }
    int g = t.group[a] & 0xff;
    int la = t.local[a];
    int lb = t.local[b];
    if (IndexAssembly.isText(g)) {
      int[] ends = t.offsets[g];
      if (!Arrays.equals(t.text[g], ends[la], ends[la + 1], t.text[g], ends[lb], ends[lb + 1])) {
        return false;
      }
    } else {
      int w = IndexAssembly.wordsOf(g);
      if (!Arrays.equals(t.keys[g], la * w, (la + 1) * w, t.keys[g], lb * w, (lb + 1) * w)) {
        return false;
      }
    }
    // Instants finer than a millisecond are kept aside; most loads have none.
    return (t.exactFrom.isEmpty() || Objects.equals(t.exactFrom.get(a), t.exactFrom.get(b)))
        && (t.exactUntil.isEmpty() || Objects.equals(t.exactUntil.get(a), t.exactUntil.get(b)));
  }
}
