package dev.kasa.detect;

/**
 * Open-addressing slots shared by the tables: linear probing over an {@code int[]} whose non-zero
 * slots hold {@code fingerprint << idxBits | (local + 1)}. The fingerprint (high hash bits) lets a
 * probe skip most foreign slots without touching the key columns, which keeps the miss path to
 * about one cache line.
 */
final class SlotLayout {
  final int[] slots;
  final int mask;
  final int idxBits;
  final int idxMask;
  final int fpBits;

  SlotLayout(int count) {
    int capacity = Integer.highestOneBit(Math.max(2, count + count / 2) - 1) << 1;
    slots = new int[capacity];
    mask = capacity - 1;
    idxBits = 32 - Integer.numberOfLeadingZeros(count);
    idxMask = idxBits == 32 ? -1 : (1 << idxBits) - 1;
    fpBits = 32 - idxBits;
  }

  int start(long mixed) {
    return (int) mixed & mask;
  }

  int fingerprint(long mixed) {
    return fpBits == 0 ? 0 : (int) (mixed >>> (64 - fpBits));
  }

  int encode(int fp, int local) {
    return fp << idxBits | (local + 1);
  }

  /** Local index held by a non-empty slot whose fingerprint equals {@code fp}, else -1. */
  int candidate(int slot, int fp) {
    return (slot >>> idxBits) == fp ? (slot & idxMask) - 1 : -1;
  }

  long bytes() {
    return 16L + 4L * slots.length;
  }
}
