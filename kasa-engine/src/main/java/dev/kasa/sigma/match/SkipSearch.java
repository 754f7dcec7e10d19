package dev.kasa.sigma.match;

import java.util.Arrays;
import java.util.List;

/**
 * The contains literals of one {@link LiteralAutomaton}, searched in a long value without reading
 * every char: the automaton's per-char transitions cost most of detection on long values such as
 * PowerShell's {@code Payload}, where most chars start no literal. A Wu–Manber scan reads the pair
 * of chars ending a window as long as the shortest literal, and a table says how far the window can
 * move before that pair could end some literal's first window chars; only where it cannot move is
 * the automaton's trie walked from the window's start, which compares every literal starting there
 * at once (literals sharing a prefix are compared together). Matching is exactly the automaton's:
 * chars fold one by one as {@link CaseFold} folds them, and a cased literal also needs its own
 * chars (the automaton checks both).
 *
 * <p>Pairs are looked up by the low bits of each char as the value holds it, ASCII letters of
 * either case alike, with no table on the path of every step: the shift table is filled for every
 * char that folds to a literal's char, so a pair a literal can end is never skipped; other chars
 * that share the bits only shorten a skip. When the value turns out to be full of the literals'
 * paths (a stop more often than every {@link #DENSE} chars), the automaton takes over for the rest
 * of it, so a value never costs much more than the automaton's scan.
 *
 * <p>Derived from the automaton alone (nothing of it is stored in the compiled-rules cache);
 * immutable and thread-safe; {@link #scan} does not allocate.
 */
final class SkipSearch {
  /** The shortest literal a search is made for: shorter windows skip too little to pay. */
  static final int MIN_WINDOW = 8;

  /** The most literals a search is made for: with more, windows rarely move far. */
  static final int MAX_LITERALS = 64;

  /** Windows are at most this long (shifts fit a byte). */
  private static final int MAX_WINDOW = 64;

  /** Pair slots: 12 bits (a 4 KB table), the 5 low bits of the first char and 7 of the second. */
  private static final int SLOTS = 1 << 12;

  /** See the class comment: the automaton takes over past one stop every this many chars. */
  private static final int DENSE = 16;

  /**
   * The chars beyond the char itself that fold to each char ({@link Character#toLowerCase(char)}),
   * as CSR over chars: {@code UNFOLDED[UNFOLD_START[c] .. UNFOLD_START[c + 1])}.
   */
  private static final int[] UNFOLD_START = new int[Character.MAX_VALUE + 2];

  private static final char[] UNFOLDED;

  static {
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      char f = Character.toLowerCase((char) c);
      if (f != c) {
        UNFOLD_START[f + 1]++;
      }
    }
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      UNFOLD_START[c + 1] += UNFOLD_START[c];
    }
    UNFOLDED = new char[UNFOLD_START[Character.MAX_VALUE + 1]];
    int[] fill = Arrays.copyOf(UNFOLD_START, Character.MAX_VALUE + 1);
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      char f = Character.toLowerCase((char) c);
      if (f != c) {
        UNFOLDED[fill[f]++] = (char) c;
      }
    }
  }

  private final AhoCorasick trie;
  private final int window;
  private final byte[] shift;

  private SkipSearch(AhoCorasick trie, int window, byte[] shift) {
    this.trie = trie;
    this.window = window;
    this.shift = shift;
  }

  /**
   * The search of the contains literals of {@code trie}, or null when it would not pay: none, more
   * than {@link #MAX_LITERALS}, or one shorter than {@code minWindow} (or 2) chars.
   */
  static SkipSearch of(AhoCorasick trie, int minWindow) {
    int count = trie.containsCount();
    if (count == 0 || count > MAX_LITERALS || trie.shortestContains() < Math.max(2, minWindow)) {
      return null;
    }
    int window = Math.min(MAX_WINDOW, trie.shortestContains());
    List<String> folded = trie.containsLiterals();
    // A pair ending q chars into a literal's first window lets the window move window-1-q; a pair
    // in none of them, a whole window but the pair's last char.
    byte[] shift = new byte[SLOTS];
    Arrays.fill(shift, (byte) (window - 1));
    for (String t : folded) {
      for (int q = 1; q < window; q++) {
        for (char a : variants(t.charAt(q - 1))) {
          for (char b : variants(t.charAt(q))) {
            int slot = pair(a, b);
            shift[slot] = (byte) Math.min(shift[slot], window - 1 - q);
          }
        }
      }
    }
    return new SkipSearch(trie, window, shift);
  }

  /** The slot of a pair of chars as a value holds them: 5 bits of the first, 7 of the second. */
  private static int pair(char a, char b) {
    return ((a | 0x20) & 0x1f) << 7 | ((b | 0x20) & 0x7f);
  }

  /** {@code c} and every char that folds to it (a literal's chars are folded already). */
  private static char[] variants(char c) {
    int from = UNFOLD_START[c];
    int to = UNFOLD_START[c + 1];
    char[] out = new char[1 + to - from];
    out[0] = c;
    System.arraycopy(UNFOLDED, from, out, 1, to - from);
    return out;
  }

  /** The window: the shortest literal's length, capped. */
  int window() {
    return window;
  }

  /**
   * Reports the id of every contains literal in {@code value} (an id may repeat). {@code end} is
   * the last char of a window. A literal starting at {@code a} ends the pair {@code (a + window -
   * 2, a + window - 1)}; from any window ending before that, the pair read is either inside the
   * literal's first window chars (and its shift reaches at most that window) or before them (and a
   * whole window's shift cannot pass it), so the window starting at {@code a} is walked.
   */
  void scan(String value, IdSink sink) {
    byte[] shifts = shift;
    int n = value.length();
    int back = window - 1;
    int stops = 0;
    for (int end = back; end < n; ) {
      int s = shifts[pair(value.charAt(end - 1), value.charAt(end))];
      if (s != 0) {
        end += s;
        continue;
      }
      if (++stops * DENSE > end + 2 * DENSE) {
        // Every literal starting before this window was walked; the automaton finds the rest.
        trie.containsFrom(value, end - back, sink);
        return;
      }
      trie.containsAt(value, end - back, sink);
      end++;
    }
  }
}
