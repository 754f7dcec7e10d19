package dev.kasa.sigma.program;

import dev.kasa.sigma.match.IdSink;
import dev.kasa.sigma.match.LiteralAutomaton;
import dev.kasa.sigma.match.Needle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The raw-text keyword search of one bucket: a few case-insensitive ASCII literals searched in the
 * whole text of every event. When every literal has at least {@link #MIN_WINDOW} chars the scan
 * skips ahead (Wu–Manber): it reads the pair of chars ending a window as long as the shortest
 * literal, and a table says how far the window can move before that pair could end a literal's
 * first window chars; only where it cannot move are the literals whose window ends with that pair
 * compared where they would start. Shorter literals are anchored on their two chars least likely in
 * log text instead; each position is checked against a bit set of the anchors in either case (one
 * lookup per char, no automaton state), then the literals anchored on that pair. Literals of one
 * char fall back to a {@link LiteralAutomaton}. Immutable and thread-safe.
 */
final class RawKeywordScan {
  private static final int PAIRS = 128 * 128;

  /** The shift table's size: a pair's keys are its index's two bytes ({@link #pairKey}). */
  private static final int SHIFTS = 0x7f7f + 1;

  /** The shortest literals the scan skips ahead for: shorter ones skip too little to pay. */
  static final int MIN_WINDOW = 4;

  /** The window of a skipping scan is at most this long (shifts fit a byte). */
  private static final int MAX_WINDOW = 64;

  /** The pair tables of no text: never read, since a scan without texts stops first. */
  private static final Tables NO_TABLES = new Tables(new int[0], null);

  /**
   * What a scan needs of its texts alone, shared by buckets with the same texts: where each pair's
   * texts start in the texts sorted by pair; for a skipping scan, how far the window may move past
   * each pair (null when it does not skip).
   */
  record Tables(int[] start, byte[] shift) {}

  private final int[] start;
  private final byte[] shift;
  private final int window;
  private final long[] anchorPairs;
  private final String[] texts;
  private final int[] anchors;
  private final int[] ids;
  private final LiteralAutomaton shortOnes;

  private RawKeywordScan(Tables tables, String[] texts, int[] ids, LiteralAutomaton shortOnes) {
    this.start = tables.start();
    this.shift = tables.shift();
    this.window = window(List.of(texts));
    this.texts = texts;
    this.ids = ids;
    this.shortOnes = shortOnes;
    this.anchors = new int[texts.length];
    for (int k = 0; k < texts.length; k++) {
      anchors[k] = shift == null ? anchor(texts[k]) : window - 2;
    }
    this.anchorPairs = anchorPairs(texts, anchors);
  }

  /** The window of a skipping scan over {@code texts}: the shortest text's length, capped. */
  private static int window(List<String> texts) {
    int m = MAX_WINDOW;
    for (String t : texts) {
      m = Math.min(m, t.length());
    }
    return m;
  }

  /**
   * For each pair of {@link #key}s ({@link #pairKey}'s index), how far a window whose last two
   * chars have those keys can move without passing a window where some text starts: the distance
   * from the pair's last place among the first {@code window} chars of any text to the window's
   * end; {@code window - 1} for a pair in none.
   */
  private static byte[] shifts(List<String> texts, int window) {
    byte[] shift = new byte[SHIFTS];
    java.util.Arrays.fill(shift, (byte) (window - 1));
    for (String t : texts) {
      for (int q = 1; q < window; q++) {
        int p = key(t.charAt(q - 1)) | key(t.charAt(q)) << 8;
        shift[p] = (byte) Math.min(shift[p], window - 1 - q);
      }
    }
    return shift;
  }

  /**
   * A bit per pair of 7-bit bytes ({@code (b0 << 7) | b1}) that is some text's anchor in either
   * case: 2 KB, so the test every position of every event makes stays in the first-level cache (the
   * pair table is 64 KB).
   */
  private static long[] anchorPairs(String[] texts, int[] anchors) {
    long[] bits = new long[PAIRS / 64];
    for (int k = 0; k < texts.length; k++) {
      char x = texts[k].charAt(anchors[k]);
      char y = texts[k].charAt(anchors[k] + 1);
      for (int a : new int[] {x, upper(x)}) {
        for (int b : new int[] {y, upper(y)}) {
          int p = (a << 7) | b;
          bits[p >>> 6] |= 1L << p;
        }
      }
    }
    return bits;
  }

  /**
   * Where in {@code text} its anchor starts: the pair of chars least likely in log text, so that
   * few positions of an event pass the filter ({@code "mimikatz"} is anchored on {@code "tz"}, not
   * on the {@code "mi"} of every {@code Microsoft}). Any choice finds the same matches; this one
   * only makes the scan cheaper.
   */
  static int anchor(String text) {
    int best = 0;
    long bestScore = Long.MAX_VALUE;
    for (int k = 0; k + 1 < text.length(); k++) {
      long score = (long) frequency(text.charAt(k)) * frequency(text.charAt(k + 1));
      if (score < bestScore) {
        bestScore = score;
        best = k;
      }
    }
    return best;
  }

  /** A rough frequency (per mille) of a folded char in JSON log text. */
  private static int frequency(char c) {
    if (c >= 'a' && c <= 'z') {
      return LETTERS[c - 'a'];
    }
    if (c >= '0' && c <= '9') {
      return 30;
    }
    return switch (c) {
      case '"' -> 150;
      case ' ' -> 100;
      case ':', ',' -> 60;
      case '\\' -> 50;
      case '.' -> 40;
      case '-', '_' -> 30;
      case '/' -> 20;
      default -> 5;
    };
  }

  /** English letter frequencies, per mille, a to z. */
  private static final int[] LETTERS = {
    82, 15, 28, 43, 127, 22, 20, 61, 70, 2, 8, 40, 24, 67, 75, 19, 1, 60, 63, 91, 28, 10, 24, 2, 20,
    1
  };

  private static int upper(char c) {
    return c >= 'a' && c <= 'z' ? c - 32 : c;
  }

  /** Collects literals ({@link RawKeywords#rawForm} forms: folded printable ASCII). */
  static final class Builder {
    private final List<String> texts = new ArrayList<>();
    private final List<Integer> ids = new ArrayList<>();
    private final LiteralAutomaton.Builder shortOnes = LiteralAutomaton.builder();

    void add(Needle.Literal lit, int id) {
      if (lit.text().length() < 2) {
        shortOnes.add(lit, id);
      } else {
        texts.add(lit.text());
        ids.add(id);
      }
    }

    /**
     * The scan; its pair table is taken from {@code tables} when an earlier bucket of the program
     * had the same texts (the table depends on nothing else), and added to it otherwise.
     */
    RawKeywordScan build(Map<List<String>, Tables> tables) {
      return build(tables, shortOnes.build(), false);
    }

    /**
     * The scan, with {@code read} when the texts come from a written scan: sorted by pair already,
     * which a stable sort keeps as they are, so they are used as given once that is checked (no
     * copy of the 64 KB pair table per bucket read).
     */
    private RawKeywordScan build(
        Map<List<String>, Tables> tables, LiteralAutomaton shortOnes, boolean read) {
      if (texts.isEmpty()) {
        return new RawKeywordScan(NO_TABLES, new String[0], new int[0], shortOnes);
      }
      int window = window(texts);
      boolean skips = window >= MIN_WINDOW;
      Tables shared = tables.get(texts);
      if (shared == null) {
        shared = new Tables(pairTable(window, skips), skips ? shifts(texts, window) : null);
        tables.put(List.copyOf(texts), shared);
      }
      String[] sortedTexts = new String[texts.size()];
      int[] sortedIds = new int[texts.size()];
      if (read && sortedByPair(window, skips)) {
        for (int k = 0; k < texts.size(); k++) {
          sortedTexts[k] = texts.get(k);
          sortedIds[k] = ids.get(k);
        }
        return new RawKeywordScan(shared, sortedTexts, sortedIds, shortOnes);
      }
      int[] fill = shared.start().clone();
      for (int k = 0; k < texts.size(); k++) {
        int slot = fill[anchorPair(texts.get(k), window, skips)]++;
        sortedTexts[slot] = texts.get(k);
        sortedIds[slot] = ids.get(k);
      }
      return new RawKeywordScan(shared, sortedTexts, sortedIds, shortOnes);
    }

    /** Whether the texts' pairs never decrease: then the stable sort by pair leaves them as are. */
    private boolean sortedByPair(int window, boolean skips) {
      int last = -1;
      for (String t : texts) {
        int p = anchorPair(t, window, skips);
        if (p < last) {
          return false;
        }
        last = p;
      }
      return true;
    }

    /** Where each pair's texts start in the texts sorted by pair (a stable counting sort). */
    private int[] pairTable(int window, boolean skips) {
      int[] count = new int[PAIRS + 1];
      for (String t : texts) {
        count[anchorPair(t, window, skips) + 1]++;
      }
      for (int i = 0; i < PAIRS; i++) {
        count[i + 1] += count[i];
      }
      return count;
    }
  }

  static Builder builder() {
    return new Builder();
  }

  /**
   * The scan of {@code texts} and {@code ids} as {@link #texts()} and {@link #ids()} give them,
   * with the automaton of the one-char literals: what {@link ProgramCodec} reads back, its tables
   * derived again (shared through {@code tables} as when compiled). Sorted by pair already, the
   * texts keep their order, so the scan is the one written.
   */
  static RawKeywordScan of(
      String[] texts, int[] ids, LiteralAutomaton shortOnes, Map<List<String>, Tables> tables) {
    Builder b = new Builder();
    for (int k = 0; k < texts.length; k++) {
      b.texts.add(texts[k]);
      b.ids.add(ids[k]);
    }
    return b.build(tables, shortOnes, true);
  }

  /** The texts, sorted by the pair they are filed under (for {@link ProgramCodec}). */
  String[] texts() {
    return texts;
  }

  /** The id of each of {@link #texts()}. */
  int[] ids() {
    return ids;
  }

  /** The automaton of the one-char literals. */
  LiteralAutomaton shortOnes() {
    return shortOnes;
  }

  private static int pair(char a, char b) {
    return (lower(a) << 7) | lower(b);
  }

  /** The pair a text is filed under: its window's last two chars, or its anchor. */
  private static int anchorPair(String text, int window, boolean skips) {
    int k = skips ? window - 2 : anchor(text);
    return pair(text.charAt(k), text.charAt(k + 1));
  }

  /**
   * The 7 bits a skipping scan looks a byte (or a folded text's char) up by: ASCII letters of either
   * case alike, computed without a table so that no load but the shift's follows each byte's. Other
   * bytes that share the bits ({@code [} and {@code {}, bytes of UTF-8 sequences) only shorten a
   * shift: where it is 0 the texts are found by the exact folded pair.
   */
  private static int key(int c) {
    return (c | 0x20) & 0x7f;
  }

  private static int lower(char c) {
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
  }

  boolean isEmpty() {
    return texts.length == 0 && shortOnes.isEmpty();
  }

  /**
   * Reports the id of every literal found in the record's raw bytes (ids may repeat). Bytes of
   * UTF-8 sequences are never ASCII, so they start no literal and match no literal char.
   */
  void scan(dev.kasa.event.DecodedRecord r, IdSink sink) {
    if (!shortOnes.isEmpty()) {
      shortOnes.scan(r.rawText(), sink);
    }
    byte[] b = r.rawBytes();
    if (texts.length == 0 || b == null) {
      return;
    }
    scan(b, r.rawFrom(), r.rawTo(), sink);
  }

  void scan(byte[] b, int from, int to, IdSink sink) {
    if (texts.length == 0) {
      return;
    }
    if (shift != null) {
      skipping(b, from, to, sink);
      return;
    }
    long[] bits = anchorPairs;
    int last = to - 1;
    for (int i = from; i < last; i++) {
      // Masking to 7 bits lets bytes of UTF-8 sequences through the filter; the test below stops
      // them. No loop-carried state: the loads of successive positions overlap.
      int f = ((b[i] & 0x7f) << 7) | (b[i + 1] & 0x7f);
      if ((bits[f >>> 6] & (1L << f)) == 0) {
        continue;
      }
      int c = b[i];
      int d = b[i + 1];
      if ((c | d) < 0) {
        continue; // a byte of a UTF-8 sequence
      }
      int p = (LOWER[c] << 7) | LOWER[d];
      int k = start[p];
      int end = start[p + 1];
      for (; k < end; k++) {
        int at = i - anchors[k];
        if (at >= from && matchesAt(b, at, to, texts[k])) {
          sink.accept(ids[k]);
        }
      }
    }
  }

  /**
   * The Wu–Manber scan: {@code end} is the last byte of a window of {@link #window} bytes. A text
   * that starts at {@code a} ends the pair {@code (a + window - 2, a + window - 1)}; from any
   * window ending before that, the pair read is either inside the text's first window chars (and
   * its shift reaches at most that window) or before them (and a whole window's shift cannot pass
   * it), so every such window is visited. Each step waits for the shift its bytes look up, so the
   * bytes are searched as four quarters in one loop, whose steps do not wait for each other:
   * quarter {@code k}'s windows start at {@code q[k]} or later and before {@code q[k + 1]} (a text
   * may run on past its quarter's end: texts are compared up to {@code to}).
   */
  private void skipping(byte[] b, int from, int to, IdSink sink) {
    byte[] shifts = shift;
    int last = window - 1;
    int quarter = (to - from) >>> 2;
    int end0 = from + last;
    int end1 = end0 + quarter;
    int end2 = end1 + quarter;
    int end3 = end2 + quarter;
    // Each quarter stops where the next one's first window ends.
    int bound0 = Math.min(to, end1);
    int bound1 = Math.min(to, end2);
    int bound2 = Math.min(to, end3);
    while (end0 < bound0 && end1 < bound1 && end2 < bound2 && end3 < to) {
      int s0 = shifts[pairKey(b, end0)];
      int s1 = shifts[pairKey(b, end1)];
      int s2 = shifts[pairKey(b, end2)];
      int s3 = shifts[pairKey(b, end3)];
      if ((s0 - 1 | s1 - 1 | s2 - 1 | s3 - 1) < 0) {
        // A shift is 0 only where a window may hold a text: each such one is compared.
        if (s0 == 0) {
          stop(b, end0, to, sink);
          s0 = 1;
        }
        if (s1 == 0) {
          stop(b, end1, to, sink);
          s1 = 1;
        }
        if (s2 == 0) {
          stop(b, end2, to, sink);
          s2 = 1;
        }
        if (s3 == 0) {
          stop(b, end3, to, sink);
          s3 = 1;
        }
      }
      end0 += s0;
      end1 += s1;
      end2 += s2;
      end3 += s3;
    }
    rest(b, end0, bound0, to, sink);
    rest(b, end1, bound1, to, sink);
    rest(b, end2, bound2, to, sink);
    rest(b, end3, to, to, sink);
  }

  /**
   * The rest of one quarter: windows ending at {@code end} up to {@code bound}, texts up to {@code
   * to}.
   */
  private void rest(byte[] b, int end, int bound, int to, IdSink sink) {
    byte[] shifts = shift;
    while (end < bound) {
      int s = shifts[pairKey(b, end)];
      if (s != 0) {
        end += s;
        continue;
      }
      stop(b, end, to, sink);
      end++;
    }
  }

  /**
   * The shift table's index of the pair of bytes ending at {@code end}: both bytes' {@link #key}s
   * from one 16-bit load, the first byte's in the low 8 bits.
   */
  private static int pairKey(byte[] b, int end) {
    return ((short) SHORTS.get(b, end - 1) | 0x2020) & 0x7f7f;
  }

  private static final java.lang.invoke.VarHandle SHORTS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
          short[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  /** Compares the texts filed under the pair that ends the window ending at {@code end}. */
  private void stop(byte[] b, int end, int to, IdSink sink) {
    int p = (FOLD[b[end - 1] & 0xff] << 7) | FOLD[b[end] & 0xff];
    int at = end + 1 - window;
    for (int k = start[p]; k < start[p + 1]; k++) {
      if (matchesAt(b, at, to, texts[k])) {
        sink.accept(ids[k]);
      }
    }
  }

  private static boolean matchesAt(byte[] b, int at, int to, String folded) {
    int n = folded.length();
    if (at + n > to) {
      return false;
    }
    for (int j = 0; j < n; j++) {
      int c = b[at + j];
      if (c < 0 || LOWER[c] != folded.charAt(j)) {
        return false;
      }
    }
    return true;
  }

  private static final int[] LOWER = new int[128];

  /**
   * Each byte folded to 7 bits: ASCII lower-cased, bytes of UTF-8 sequences to 0, a char no text
   * has (texts are printable ASCII).
   */
  private static final int[] FOLD = new int[256];

  static {
    for (int c = 0; c < 128; c++) {
      LOWER[c] = c >= 'A' && c <= 'Z' ? c + 32 : c;
      FOLD[c] = LOWER[c];
    }
  }
}
