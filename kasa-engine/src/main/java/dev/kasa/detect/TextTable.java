package dev.kasa.detect;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Entries whose values are text (domains, URLs, email addresses) for the contiguous entry range
 * {@code [base, base + count)}: UTF-8 bytes in one arena with offsets, found through slots keyed by
 * {@link Keys#hashBytes}. Duplicates are chained through the index's {@code next} column.
 */
final class TextTable {
  final int base;
  final int count;
  private final byte[] arena;
  private final int[] offsets;
  private final SlotLayout layout;

  TextTable(int base, int count, byte[] arena, int[] offsets, int[] next, byte[] flags) {
    this.base = base;
    this.count = count;
    this.arena = arena;
    this.offsets = offsets;
    this.layout = new SlotLayout(count);
    int[] slots = layout.slots;
    for (int local = 0; local < count; local++) {
      if ((flags[base + local] & IndicatorIndex.NEVER) != 0) {
        continue; // revoked: kept in the columns for indicator(), never found
      }
      long mixed = Keys.mix(Keys.hashBytes(arena, offsets[local], offsets[local + 1]));
      int fp = layout.fingerprint(mixed);
      int s = layout.start(mixed);
      while (true) {
        int slot = slots[s];
        if (slot == 0) {
          slots[s] = layout.encode(fp, local);
          break;
        }
        int head = layout.candidate(slot, fp);
        if (head >= 0
            && Arrays.equals(
                arena,
                offsets[head],
                offsets[head + 1],
                arena,
                offsets[local],
                offsets[local + 1])) {
          next[base + local] = next[base + head];
          next[base + head] = base + local;
          break;
        }
        s = (s + 1) & layout.mask;
      }
    }
  }

  /** {@link Keys#hashBytes} of the text of local entry {@code local}. */
  long hash(int local) {
    return Keys.hashBytes(arena, offsets[local], offsets[local + 1]);
  }

  String text(int entry) {
    int local = entry - base;
    return new String(
        arena, offsets[local], offsets[local + 1] - offsets[local], StandardCharsets.UTF_8);
  }

  /**
   * Entry whose text equals the ASCII range {@code s[from, to)}, upper-case letters folded to lower
   * case when {@code fold}; {@code hash} is {@link Keys#hashBytes} of the (folded) bytes. Or -1.
   */
  int findAscii(CharSequence s, int from, int to, boolean fold, long hash) {
    long mixed = Keys.mix(hash);
    int fp = layout.fingerprint(mixed);
    int[] slots = layout.slots;
    for (int p = layout.start(mixed); ; p = (p + 1) & layout.mask) {
      int slot = slots[p];
      if (slot == 0) {
        return -1;
      }
      int local = layout.candidate(slot, fp);
      if (local >= 0 && equalsAscii(local, s, from, to, fold)) {
        return base + local;
      }
    }
  }

  private boolean equalsAscii(int local, CharSequence s, int from, int to, boolean fold) {
    int off = offsets[local];
    if (offsets[local + 1] - off != to - from) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (fold && c >= 'A' && c <= 'Z') {
        c += 'a' - 'A';
      }
      if (arena[off++] != c) {
        return false;
      }
    }
    return true;
  }

  /** Entry whose text is exactly the UTF-8 {@code bytes}, or -1. */
  int findBytes(byte[] bytes) {
    long mixed = Keys.mix(Keys.hashBytes(bytes, 0, bytes.length));
    int fp = layout.fingerprint(mixed);
    int[] slots = layout.slots;
    for (int p = layout.start(mixed); ; p = (p + 1) & layout.mask) {
      int slot = slots[p];
      if (slot == 0) {
        return -1;
      }
      int local = layout.candidate(slot, fp);
      if (local >= 0
          && Arrays.equals(arena, offsets[local], offsets[local + 1], bytes, 0, bytes.length)) {
        return base + local;
      }
    }
  }

  long bytes() {
    return 32L + 16 + arena.length + 16 + 4L * offsets.length + layout.bytes();
  }
}
