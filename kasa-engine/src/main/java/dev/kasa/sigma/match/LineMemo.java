package dev.kasa.sigma.match;

import java.util.Arrays;

/**
 * What the contains literals of {@link LiteralAutomaton}s found in the lines of long values seen
 * before: the ids reported, by automaton and line. Windows logs repeat the lines of their long
 * multi-line values far more than the values (the OTRF datasets: PowerShell's {@code ContextInfo}
 * is unique in 99.8 % of events, for its sequence number and times, but 99.7 % of its chars are in
 * lines seen before, mostly the long {@code Host Application} command line). When no literal of an
 * automaton holds a line feed, none can be found across one, so a line's contains literals depend
 * on nothing but the line: a repeat costs a hash and a compare instead of the automaton's walk. A
 * table of {@link #SLOTS} lines, each in the slot its hash picks, a newer line replacing an older
 * one there, holding at most {@link #MAX_CHARS} chars. Not thread-safe: one per worker thread,
 * reused for every value.
 */
public final class LineMemo {
  static final int SLOTS = 2048;

  /** Lines shorter than this are walked each time (the hash and the compare would cost as much). */
  static final int MIN_CHARS = 16;

  /** Most chars the table holds; past it, every line is dropped. */
  static final long MAX_CHARS = 2_000_000;

  private final int minChars;
  private final AhoCorasick[] owners;
  private final String[] keys;
  private final int[] hashes;
  private final int[][] ids;
  private long chars;
  private final Recorder recorder = new Recorder();

  /** An empty memo. */
  public LineMemo() {
    this(MIN_CHARS, SLOTS);
  }

  /**
   * A memo of lines from {@code minChars} in {@code slots} slots, a power of two (tests put short
   * lines through it, and share one slot among every line and automaton).
   */
  LineMemo(int minChars, int slots) {
    if (slots <= 0 || Integer.bitCount(slots) != 1) {
      throw new IllegalArgumentException("slots must be a power of two: " + slots);
    }
    this.minChars = Math.max(1, minChars);
    owners = new AhoCorasick[slots];
    keys = new String[slots];
    hashes = new int[slots];
    ids = new int[slots][];
  }

  /**
   * The shortest value read by lines: two of the shortest lines kept, so that some line of it can
   * be kept.
   */
  int shortestValue() {
    return 2 * minChars;
  }

  /**
   * Reports every contains literal of {@code automaton} in {@code value}, line by line, the first
   * line feed at {@code nl}; the caller has checked that no literal of the automaton holds one.
   */
  void containsByLine(AhoCorasick automaton, String value, int nl, IdSink sink) {
    int n = value.length();
    int from = 0;
    while (from <= n) {
      int to = nl < 0 ? n : nl;
      if (to - from < minChars) {
        automaton.containsIn(value, from, to, sink);
      } else {
        line(automaton, value.substring(from, to), sink);
      }
      from = to + 1;
      nl = to < n ? value.indexOf('\n', from) : -1;
    }
  }

  private void line(AhoCorasick automaton, String line, IdSink sink) {
    int hash = line.hashCode();
    int slot = slot(hash, automaton);
    String key = keys[slot];
    if (key != null && owners[slot] == automaton && hashes[slot] == hash && key.equals(line)) {
      for (int id : ids[slot]) {
        sink.accept(id);
      }
      return;
    }
    recorder.start(sink);
    automaton.containsIn(line, 0, line.length(), recorder);
    int[] found = recorder.found();
    if (chars + line.length() > MAX_CHARS) {
      Arrays.fill(owners, null);
      Arrays.fill(keys, null);
      Arrays.fill(ids, null);
      chars = 0;
    }
    chars += line.length() - (keys[slot] == null ? 0 : keys[slot].length());
    owners[slot] = automaton;
    keys[slot] = line;
    hashes[slot] = hash;
    ids[slot] = found;
  }

  private int slot(int hash, AhoCorasick automaton) {
    int h = hash * 31 + automaton.salt;
    return (h ^ (h >>> 16)) & (keys.length - 1);
  }

  /** Passes ids on to the caller's sink and keeps each once. */
  private static final class Recorder implements IdSink {
    private IdSink target;
    private int[] found = new int[16];
    private int count;

    void start(IdSink sink) {
      target = sink;
      count = 0;
    }

    @Override
    public void accept(int id) {
      target.accept(id);
      for (int k = 0; k < count; k++) {
        if (found[k] == id) {
          return;
        }
      }
      if (count == found.length) {
        found = Arrays.copyOf(found, count * 2);
      }
      found[count++] = id;
    }

    int[] found() {
      target = null;
      return Arrays.copyOf(found, count);
    }
  }
}
