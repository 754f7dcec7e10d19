package dev.kasa.sigma.match;

/**
 * The resolved transitions of an {@link AhoCorasick}'s first states (breadth-first, root first,
 * within a cell budget), laid out for its per-char walk: one {@code int[]}, a row of {@code 1 <<
 * shift} cells per state indexed by char class (the classes of chars below U+0100; the row width is
 * rounded up to a power of two so that a state's row is a shift away). A cell holds the next state
 * premultiplied by the row width (its row's offset) when that state has a row and reports no
 * contains literal, else {@link #FLAG} with the state's plain number: the walk's one test on its
 * common path is the sign. The classes of ASCII chars (upper case as lower case) are a table of
 * their own, read before the row. Derived from the automaton's trie whenever one is built or read,
 * so its binary form holds nothing of this. Immutable.
 */
final class FlatRows {
  /** Marks a cell whose state reports contains literals or has no row. */
  static final int FLAG = 0x8000_0000;

  /** log2 of the row width. */
  final int shift;

  /** The states below this have a row. */
  final int rows;

  final int[] cells;

  /** The class of each ASCII char, folded. */
  final int[] ascii = new int[128];

  /**
   * Rows for the trie's states below the budget: {@code width} classes (0 for a char no literal
   * uses), children in CSR form sorted by class, failure links, and {@code emit[s] >= 0} when state
   * {@code s} reports contains literals.
   */
  FlatRows(
      CharClasses classes,
      int width,
      int[] childStart,
      int[] childClass,
      int[] childTarget,
      int[] fail,
      int[] emit,
      int denseCells) {
    int states = fail.length;
    this.shift = 32 - Integer.numberOfLeadingZeros(Math.max(1, width - 1));
    int w = 1 << shift;
    this.rows = Math.max(1, Math.min(states, denseCells >> shift));
    this.cells = new int[rows << shift];
    for (char c = 0; c < 128; c++) {
      ascii[c] = classes.of(c);
    }
    // Rows in breadth-first order: a state's row is its failure state's row (shallower, so
    // already complete: the transitions it falls back to) with its own children written over it.
    // The root falls back to itself; its class-0 cell, and so every row's, is the root.
    for (int s = 0; s < rows; s++) {
      int base = s << shift;
      if (s != 0) {
        System.arraycopy(cells, fail[s] << shift, cells, base, w);
      }
      for (int e = childStart[s]; e < childStart[s + 1]; e++) {
        int c = childClass[e];
        if (c < width) {
          cells[base + c] = cell(childTarget[e], emit);
        }
      }
    }
  }

  /** The state a cell names (plain number). */
  int state(int cell) {
    return cell < 0 ? cell & ~FLAG : cell >>> shift;
  }

  /** The cell naming state {@code t}, as the rows hold it. */
  int cell(int t, int[] emit) {
    return t < rows && emit[t] < 0 ? t << shift : FLAG | t;
  }
}
