package dev.kasa.detect;

/**
 * Entries whose values are fixed-width keys of 64-bit words (IPv4 and IPv6 networks of one prefix
 * length, file hashes), for the contiguous entry range {@code [base, base + count)}. Duplicate keys
 * are stored once in the slots and chained through the index's {@code next} column.
 */
final class WordTable {
  final int base;
  final int count;
  final int words;
  final long[] keys;
  private final SlotLayout layout;

  /** Builds the slots and links duplicates in {@code next} (entries indexed globally). */
  WordTable(int base, int count, int words, long[] keys, int[] next, byte[] flags) {
    this.base = base;
    this.count = count;
    this.words = words;
    this.keys = keys;
    this.layout = new SlotLayout(count);
    int[] slots = layout.slots;
    for (int local = 0; local < count; local++) {
      if ((flags[base + local] & IndicatorIndex.NEVER) != 0) {
        continue; // revoked: kept in the columns for indicator(), never found
      }
      long mixed = hash(local);
      int fp = layout.fingerprint(mixed);
      int s = layout.start(mixed);
      while (true) {
        int slot = slots[s];
        if (slot == 0) {
          slots[s] = layout.encode(fp, local);
          break;
        }
        int head = layout.candidate(slot, fp);
        if (head >= 0 && sameKey(head, local)) {
          next[base + local] = next[base + head];
          next[base + head] = base + local;
          break;
        }
        s = (s + 1) & layout.mask;
      }
    }
  }

  private long hash(int local) {
    int k = local * words;
    return Keys.mixWords(keys[k], words > 1 ? keys[k + 1] : 0);
  }

  private boolean sameKey(int a, int b) {
    for (int w = 0; w < words; w++) {
      if (keys[a * words + w] != keys[b * words + w]) {
        return false;
      }
    }
    return true;
  }

  long word(int entry, int w) {
    return keys[(entry - base) * words + w];
  }

  /** Entry holding key {@code (w0, w1)} for tables of at most two words, or -1. */
  int find(long w0, long w1) {
    long mixed = Keys.mixWords(w0, w1);
    int fp = layout.fingerprint(mixed);
    int[] slots = layout.slots;
    for (int s = layout.start(mixed); ; s = (s + 1) & layout.mask) {
      int slot = slots[s];
      if (slot == 0) {
        return -1;
      }
      int local = layout.candidate(slot, fp);
      if (local >= 0
          && keys[local * words] == w0
          && (words == 1 || keys[local * words + 1] == w1)) {
        return base + local;
      }
    }
  }

  /**
   * Entry holding the hex value {@code s[from, from + digits)}, whose digits are checked to be hex;
   * words beyond the second are parsed only for candidates.
   */
  int findHex(CharSequence s, int from, int digits) {
    long w0 = Keys.hexWord(s, from, digits, 0);
    long w1 = words > 1 ? Keys.hexWord(s, from, digits, 1) : 0;
    long mixed = Keys.mixWords(w0, w1);
    int fp = layout.fingerprint(mixed);
    int[] slots = layout.slots;
    for (int p = layout.start(mixed); ; p = (p + 1) & layout.mask) {
      int slot = slots[p];
      if (slot == 0) {
        return -1;
      }
      int local = layout.candidate(slot, fp);
      if (local >= 0 && keys[local * words] == w0 && keys[local * words + 1] == w1) {
        boolean same = true;
        for (int w = 2; w < words && same; w++) {
          same = keys[local * words + w] == Keys.hexWord(s, from, digits, w);
        }
        if (same) {
          return base + local;
        }
      }
    }
  }

  long bytes() {
    return 32L + 16 + 8L * keys.length + layout.bytes();
  }
}
