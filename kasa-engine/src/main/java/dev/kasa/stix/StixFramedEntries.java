package dev.kasa.stix;

import java.util.Arrays;

/**
 * The entries of a run's plain indicator objects, read by the framer's thread from its input buffer
 * as it framed them ({@link StixIndicatorBytes}): each with its element number in the run and where
 * its bytes start and end in the run. The run's {@link StixReader} hands them out instead of
 * reading those elements again, so that their bytes are scanned once, not by the framer and then by
 * the byte path. Filled on one thread, then read on one (the run's reader), in element order.
 */
final class StixFramedEntries {
  private StixEntry[] entries = new StixEntry[512];
  private int[] elements = new int[512];
  private int[] starts = new int[512];
  private int[] ends = new int[512];
  private int size;
  private int next; // the reader's cursor
  private int end;

  /** Element {@code element} of the run, at {@code bytes[start, end)} of the run, is {@code e}. */
  void add(int element, int start, int end, StixEntry e) {
    if (size == entries.length) {
      entries = Arrays.copyOf(entries, 2 * size);
      elements = Arrays.copyOf(elements, 2 * size);
      starts = Arrays.copyOf(starts, 2 * size);
      ends = Arrays.copyOf(ends, 2 * size);
    }
    entries[size] = e;
    elements[size] = element;
    starts[size] = start;
    ends[size] = end;
    size++;
  }

  /**
   * The entry of element {@code element} when it was read here and starts at {@code start} (then
   * {@link #end} is where it ends), else null. Elements are asked in increasing order.
   */
  StixEntry take(int element, int start) {
    while (next < size && elements[next] < element) {
      next++;
    }
    if (next < size && elements[next] == element && starts[next] == start) {
      end = ends[next];
      StixEntry e = entries[next];
      entries[next++] = null;
      return e;
    }
    return null;
  }

  /** Whether {@link #take} would give element {@code element} at {@code start}. */
  boolean has(int element, int start) {
    int k = next;
    while (k < size && elements[k] < element) {
      k++;
    }
    return k < size && elements[k] == element && starts[k] == start;
  }

  /** Where the element of the last {@link #take} ends in the run (after its {@code '}'}). */
  int end() {
    return end;
  }

  int size() {
    return size;
  }
}
