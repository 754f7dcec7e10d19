package dev.kasa.sigma.program;

import dev.kasa.sigma.match.IdSink;
import dev.kasa.sigma.match.LiteralAutomaton;
import dev.kasa.sigma.match.Needle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The raw-text keyword search of one bucket: a few case-insensitive ASCII literals searched in the
 * whole text of every event. Most text starts no literal, so each position is first checked against
 * a table of the literals' first two chars (one lookup per char, no automaton state), and only the
 * literals starting with that pair are compared there. Literals of one char fall back to a {@link
 * LiteralAutomaton}. Immutable and thread-safe.
 */
final class RawKeywordScan {
  private static final int PAIRS = 128 * 128;

  /** The pair table of no text: never read, since a scan without texts stops first. */
  private static final int[] NO_PAIRS = new int[0];

  private final int[] start;
  private final String[] texts;
  private final int[] ids;
  private final LiteralAutomaton shortOnes;

  private RawKeywordScan(int[] start, String[] texts, int[] ids, LiteralAutomaton shortOnes) {
    this.start = start;
    this.texts = texts;
    this.ids = ids;
    this.shortOnes = shortOnes;
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
    RawKeywordScan build(Map<List<String>, int[]> tables) {
      if (texts.isEmpty()) {
        return new RawKeywordScan(NO_PAIRS, new String[0], new int[0], shortOnes.build());
      }
      int[] count = tables.get(texts);
      if (count == null) {
        count = pairTable();
        tables.put(List.copyOf(texts), count);
      }
      int[] fill = count.clone();
      String[] sortedTexts = new String[texts.size()];
      int[] sortedIds = new int[texts.size()];
      for (int k = 0; k < texts.size(); k++) {
        int slot = fill[pair(texts.get(k).charAt(0), texts.get(k).charAt(1))]++;
        sortedTexts[slot] = texts.get(k);
        sortedIds[slot] = ids.get(k);
      }
      return new RawKeywordScan(count, sortedTexts, sortedIds, shortOnes.build());
    }

    /** Where each pair's texts start in the texts sorted by pair (a stable counting sort). */
    private int[] pairTable() {
      int[] count = new int[PAIRS + 1];
      for (String t : texts) {
        count[pair(t.charAt(0), t.charAt(1)) + 1]++;
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

  private static int pair(char a, char b) {
    return (lower(a) << 7) | lower(b);
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
    int last = to - 1;
    for (int i = from; i < last; i++) {
      int c = b[i];
      int d = b[i + 1];
      if ((c | d) < 0) {
        continue; // a byte of a UTF-8 sequence
      }
      int p = (LOWER[c] << 7) | LOWER[d];
      int k = start[p];
      int end = start[p + 1];
      for (; k < end; k++) {
        if (matchesAt(b, i, to, texts[k])) {
          sink.accept(ids[k]);
        }
      }
    }
  }

  private static boolean matchesAt(byte[] b, int at, int to, String folded) {
    int n = folded.length();
    if (at + n > to) {
      return false;
    }
    for (int j = 2; j < n; j++) {
      int c = b[at + j];
      if (c < 0 || LOWER[c] != folded.charAt(j)) {
        return false;
      }
    }
    return true;
  }

  private static final int[] LOWER = new int[128];

  static {
    for (int c = 0; c < 128; c++) {
      LOWER[c] = c >= 'A' && c <= 'Z' ? c + 32 : c;
    }
  }
}
