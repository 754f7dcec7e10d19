package dev.kasa.sigma.match;

import dev.kasa.sigma.binary.BinaryIn;
import dev.kasa.sigma.binary.BinaryOut;
import dev.kasa.sigma.binary.MalformedBinaryException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * The Aho–Corasick automaton of a {@link LiteralAutomaton}: folded literals in a trie whose states
 * are numbered breadth-first and held in primitive arrays. Chars map to classes ({@link
 * CharClasses}); a char no literal uses sends the scan straight back to the root. The first states
 * (root first, within a cell budget) have a dense row of fully resolved transitions for the common
 * classes (those of chars below U+0100, numbered first), an int a cell ({@link FlatRows}); every
 * state also keeps its children sorted by class for the other classes, with failure links. Outputs
 * are kept per kind so that the scan never filters: contains literals are reported at every
 * position, starts-with literals from the value's first chars while the state is still the whole
 * prefix read, ends-with literals once, at the last char. Immutable after build; scanning does not
 * allocate.
 */
final class AhoCorasick {
  /**
   * Most dense transition cells (ints) per automaton: 16 MiB, so that a rule set with a few hundred
   * fields stays within a few hundred MiB even when every field has thousands of literals.
   */
  static final int DENSE_CELLS = 1 << 22;

  /** Most states (21 bits each for state and class numbers while sorting edges). */
  static final int MAX_STATES = (1 << 21) - 1;

  private static final byte CONTAINS = 0;
  private static final byte STARTS = 1;
  private static final byte ENDS = 2;

  private final CharClasses classes;
  private final int width;

  /** The dense rows of the first states, for the per-char walk. */
  private final FlatRows flat;

  private final int[] childStart;
  private final int[] childClass;
  private final int[] childTarget;
  private final int[] fail;
  private final int[] depth;
  private final Outputs contains;
  private final Outputs starts;
  private final Outputs ends;
  private final byte[] patternKind;
  private final String[] patternCased;
  private final int[] patternId;
  private final int[] terminal;
  private final int denseCells;
  private final boolean none;

  /** The length of the longest starts-with literal, and of the longest ends-with literal. */
  private final int startsDepth;

  private final int endsDepth;

  /** The length of the longest contains literal (0 when none). */
  private final int containsDepth;

  /** Mixed into a {@link LineMemo} slot's hash, so that automata's equal lines use other slots. */
  final int salt = System.identityHashCode(this);

  /**
   * The shortest value walked as two halves at once ({@link #walkHalves}); shorter ones are walked
   * in one piece, the set-up of a second walk not paying.
   */
  static final int SPLIT = 128;

  /** What the trie gave and the rest is derived from: what {@link #write} keeps. */
  private AhoCorasick(
      CharClasses classes,
      int width,
      int[] childStart,
      int[] childClass,
      int[] childTarget,
      int[] fail,
      int[] depth,
      int[] terminal,
      byte[] patternKind,
      String[] patternCased,
      int[] patternId,
      int denseCells) {
    int states = fail.length;
    this.none = patternKind.length == 0;
    this.classes = classes;
    this.width = width;
    this.childStart = childStart;
    this.childClass = childClass;
    this.childTarget = childTarget;
    this.fail = fail;
    this.depth = depth;
    this.terminal = terminal;
    this.patternKind = patternKind;
    this.patternCased = patternCased;
    this.patternId = patternId;
    this.denseCells = denseCells;
    int startsMax = 0;
    int endsMax = 0;
    for (int p = 0; p < patternKind.length; p++) {
      if (patternKind[p] == STARTS) {
        startsMax = Math.max(startsMax, depth[terminal[p]]);
      } else if (patternKind[p] == ENDS) {
        endsMax = Math.max(endsMax, depth[terminal[p]]);
      }
    }
    this.startsDepth = startsMax;
    this.endsDepth = endsMax;
    int containsMax = 0;
    for (int p = 0; p < patternKind.length; p++) {
      if (patternKind[p] == CONTAINS) {
        containsMax = Math.max(containsMax, depth[terminal[p]]);
      }
    }
    this.containsDepth = containsMax;
    contains = new Outputs(CONTAINS, patternKind, terminal, fail);
    starts = new Outputs(STARTS, patternKind, terminal, fail);
    ends = new Outputs(ENDS, patternKind, terminal, fail);
    this.flat =
        new FlatRows(
            classes, width, childStart, childClass, childTarget, fail, contains.emit, denseCells);
  }

  /**
   * Builds the automaton of pattern {@code p} = ({@code texts[p]} folded, {@code kinds[p]}, {@code
   * cased[p]} original text or null, {@code ids[p]}), with at most {@code denseCells} dense cells.
   */
  static AhoCorasick build(
      List<String> texts,
      List<LiteralKind> kinds,
      List<String> cased,
      List<Integer> ids,
      int denseCells) {
    Trie t = new Trie(texts);
    int states = t.states;
    int patterns = texts.size();
    byte[] patternKind = new byte[patterns];
    String[] patternCased = new String[patterns];
    int[] patternId = new int[patterns];
    for (int p = 0; p < patterns; p++) {
      patternKind[p] =
          switch (kinds.get(p)) {
            case CONTAINS -> CONTAINS;
            case STARTS_WITH -> STARTS;
            case ENDS_WITH -> ENDS;
            case EQUALS -> throw new IllegalArgumentException("equals literal in the automaton");
          };
      patternCased[p] = cased.get(p);
      patternId[p] = ids.get(p);
    }
    // Children in CSR form, sorted by class, with states renumbered breadth-first.
    int[] order = t.breadthFirst();
    int[] rank = new int[states];
    for (int i = 0; i < states; i++) {
      rank[order[i]] = i;
    }
    int[] childStart = new int[states + 1];
    int[] childClass = new int[states - 1];
    int[] childTarget = new int[states - 1];
    long[] edges = t.sortedEdges(rank);
    for (int e = 0; e < edges.length; e++) {
      int parent = (int) (edges[e] >>> 42);
      childClass[e] = (int) (edges[e] >>> 21) & MAX_STATES;
      childTarget[e] = (int) edges[e] & MAX_STATES;
      childStart[parent + 1]++;
    }
    for (int s = 0; s < states; s++) {
      childStart[s + 1] += childStart[s];
    }
    int width = t.commonClasses;
    // Failure links breadth-first, through a transition table that is the dense rows' equivalent
    // for the common classes as they complete (a state's parent's row is done before the state).
    int[] fail = new int[states];
    int[] depth = new int[states];
    for (int s = 0; s < states; s++) {
      for (int e = childStart[s]; e < childStart[s + 1]; e++) {
        int child = childTarget[e];
        fail[child] =
            s == 0 ? 0 : next(childStart, childClass, childTarget, fail, fail[s], childClass[e]);
        depth[child] = depth[s] + 1;
      }
    }
    int[] terminal = new int[patterns];
    for (int p = 0; p < patterns; p++) {
      terminal[p] = rank[t.terminal[p]];
    }
    return new AhoCorasick(
        t.classes,
        width,
        childStart,
        childClass,
        childTarget,
        fail,
        depth,
        terminal,
        patternKind,
        patternCased,
        patternId,
        denseCells);
  }

  /** The goto-or-fail transition while building, over the sorted children alone. */
  private static int next(
      int[] childStart, int[] childClass, int[] childTarget, int[] fail, int s, int c) {
    while (true) {
      int t = child(childStart, childClass, childTarget, s, c);
      if (t >= 0) {
        return t;
      }
      if (s == 0) {
        return 0;
      }
      s = fail[s];
    }
  }

  /**
   * This automaton as its binary form holds it (the trie's arrays, shared): the rest is derived
   * again on reading.
   */
  Stored stored() {
    return new Stored(
        classes,
        width,
        childStart,
        childClass,
        childTarget,
        fail,
        depth,
        terminal,
        patternKind,
        patternCased,
        patternId,
        denseCells);
  }

  /**
   * An automaton as its binary form holds it: the trie's arrays, checked, with nothing derived yet
   * ({@link #derive} builds the walking tables). Reading a program keeps these, so that an
   * automaton no value reaches costs no table.
   */
  record Stored(
      CharClasses classes,
      int width,
      int[] childStart,
      int[] childClass,
      int[] childTarget,
      int[] fail,
      int[] depth,
      int[] terminal,
      byte[] patternKind,
      String[] patternCased,
      int[] patternId,
      int denseCells) {

    /** The automaton, its walking tables (flat rows, output lists) derived from these arrays. */
    AhoCorasick derive() {
      return new AhoCorasick(
          classes,
          width,
          childStart,
          childClass,
          childTarget,
          fail,
          depth,
          terminal,
          patternKind,
          patternCased,
          patternId,
          denseCells);
    }

    /** Whether every id the automaton reports is below {@code bound}. */
    boolean idsBelow(int bound) {
      return within(patternId, bound);
    }

    void write(BinaryOut out) throws IOException {
      char[] chars = classes.chars();
      int[] asInts = new int[chars.length];
      for (int i = 0; i < chars.length; i++) {
        asInts[i] = chars[i];
      }
      out.ints(asInts);
      out.varint(width);
      out.varint(denseCells);
      out.ints(childStart);
      out.ints(childClass);
      out.ints(childTarget);
      out.ints(fail);
      out.ints(depth);
      out.ints(terminal);
      int[] kinds = new int[patternKind.length];
      for (int p = 0; p < kinds.length; p++) {
        kinds[p] = patternKind[p];
      }
      out.ints(kinds);
      out.varint(patternCased.length);
      for (String cased : patternCased) {
        out.string(cased);
      }
      out.ints(patternId);
    }
  }

  /**
   * An automaton {@link Stored#write} wrote, not derived yet; its arrays are checked to agree in
   * length and to hold only states, classes and patterns that exist, so that scanning cannot index
   * out of them.
   */
  static Stored read(BinaryIn in) throws MalformedBinaryException {
    char[] chars = chars(in.ints());
    CharClasses classes = new CharClasses(chars);
    int width = in.varint();
    int denseCells = in.varint();
    int[] childStart = in.ints();
    int[] childClass = in.ints();
    int[] childTarget = in.ints();
    int[] fail = in.ints();
    int[] depth = in.ints();
    int[] terminal = in.ints();
    int[] kinds = in.ints();
    int n = in.count(1);
    String[] patternCased = new String[n];
    for (int p = 0; p < n; p++) {
      patternCased[p] = in.string();
    }
    int[] patternId = in.ints();
    int states = fail.length;
    int patterns = kinds.length;
    boolean agree =
        states >= 1
            && states <= MAX_STATES
            && childStart.length == states + 1
            && childClass.length == states - 1
            && childTarget.length == states - 1
            && depth.length == states
            && terminal.length == patterns
            && patternCased.length == patterns
            && patternId.length == patterns
            && width >= 1
            && width <= classes.count()
            && denseCells >= 1
            && childStart[0] == 0
            && childStart[states] == states - 1
            && within(childTarget, states)
            && within(fail, states)
            && within(terminal, states)
            && within(childClass, classes.count())
            && within(depth, states)
            && within(kinds, 3);
    if (!agree || !ordered(childStart, fail)) {
      throw new MalformedBinaryException("automaton arrays do not agree");
    }
    byte[] patternKind = new byte[patterns];
    for (int p = 0; p < patterns; p++) {
      patternKind[p] = (byte) kinds[p];
    }
    return new Stored(
        classes,
        width,
        childStart,
        childClass,
        childTarget,
        fail,
        depth,
        terminal,
        patternKind,
        patternCased,
        patternId,
        denseCells);
  }

  // The loops of reading an automaton run over every state of every automaton once per start: each
  // is a small method of its own, so that the JIT compiles each alone, not the reading method (or
  // a constructor) whole around it.

  private static char[] chars(int[] asInts) throws MalformedBinaryException {
    char[] chars = new char[asInts.length];
    for (int i = 0; i < chars.length; i++) {
      if (asInts[i] < 0 || asInts[i] > Character.MAX_VALUE) {
        throw new MalformedBinaryException("bad char " + asInts[i]);
      }
      chars[i] = (char) asInts[i];
    }
    return chars;
  }

  /** Children's ranges in order, and each failure link to a shallower (earlier) state. */
  private static boolean ordered(int[] childStart, int[] fail) {
    for (int s = 0; s < fail.length; s++) {
      if (childStart[s] > childStart[s + 1] || fail[s] >= Math.max(1, s)) {
        return false;
      }
    }
    return true;
  }

  private static boolean within(int[] values, int bound) {
    for (int v : values) {
      if (v < 0 || v >= bound) {
        return false;
      }
    }
    return true;
  }

  /** The child of {@code s} on class {@code c}, or -1. */
  private int child(int s, int c) {
    return child(childStart, childClass, childTarget, s, c);
  }

  private static int child(int[] childStart, int[] childClass, int[] childTarget, int s, int c) {
    int lo = childStart[s];
    int hi = childStart[s + 1] - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int mc = childClass[mid];
      if (mc < c) {
        lo = mid + 1;
      } else if (mc > c) {
        hi = mid - 1;
      } else {
        return childTarget[mid];
      }
    }
    return -1;
  }

  /** The state after reading class {@code c} in state {@code s} (goto, else failure links). */
  private int next(int s, int c) {
    while (true) {
      if (s < flat.rows && c < width) {
        return flat.state(flat.cells[(s << flat.shift) + c]);
      }
      int t = child(s, c);
      if (t >= 0) {
        return t;
      }
      if (s == 0) {
        return 0;
      }
      s = fail[s];
    }
  }

  void scan(String value, IdSink sink) {
    if (none) {
      return;
    }
    if (!contains.any) {
      // Nothing to find inside: the starts-with and ends-with literals are read from the ends.
      scanEnds(value, sink);
      return;
    }
    int n = value.length();
    int from = 0;
    int state = 0;
    if (starts.any) {
      // The walk goes on from where the starts-with literals' prefix left the trie: the chars
      // before are walked once for both kinds.
      long at = prefix(value, sink, true);
      from = (int) (at >>> 32);
      state = (int) at;
    }
    int s =
        n >= SPLIT && n >= 4 * Math.max(containsDepth, endsDepth)
            ? walkHalves(value, from, state, sink)
            : walk(value, from, n, state, sink);
    int e = ends.emit[s];
    if (e >= 0) {
      ends.reportChain(this, e, value.length() - 1, value, sink);
    }
  }

  /**
   * Reports every contains literal that ends at {@code from} to {@code to - 1}, walking from {@code
   * state} at {@code from}, and returns the state after the last char. The loop reads a cell per
   * char of a state's row; only a flagged cell (a state that reports, or one without a row) leaves
   * it.
   */
  private int walk(String value, int from, int to, int state, IdSink sink) {
    int i = from;
    if (state >= flat.rows) {
      long at = sparse(value, i, to, state, sink);
      i = (int) (at >>> 32);
      state = (int) at;
      if (i >= to) {
        return state;
      }
    }
    int[] cells = flat.cells;
    int[] ascii = flat.ascii;
    int shift = flat.shift;
    int s = state << shift;
    while (i < to) {
      char ch = value.charAt(i);
      int t = ch < 128 ? cells[s + ascii[ch]] : wideCell(s >>> shift, ch);
      if (t < 0) {
        state = reported(t, i, value, sink);
        i++;
        if (state >= flat.rows) {
          long at = sparse(value, i, to, state, sink);
          i = (int) (at >>> 32);
          state = (int) at;
          if (i >= to) {
            return state;
          }
        }
        s = state << shift;
        continue;
      }
      s = t;
      i++;
    }
    return s >>> shift;
  }

  /**
   * {@link #walk} over a long value as two halves in one loop, whose steps do not wait for each
   * other (each step of one walk waits for its row's load): the first reports the literals ending
   * before the middle, the second, started from the root as many chars before the middle as the
   * longest contains literal has but one, those ending at the middle or later (a literal ending in
   * between is reported twice, which the contract allows). Returns the second walk's last state:
   * every ends-with literal that ends the value is on its chain, being no longer than the chars the
   * second walk read. The first walk starts at {@code from} in {@code state} (after the starts-with
   * prefix, {@link #prefix}).
   */
  private int walkHalves(String value, int from, int state, IdSink sink) {
    int n = value.length();
    int mid = n >>> 1;
    if (from >= mid || state >= flat.rows) {
      return walk(value, from, n, state, sink);
    }
    int i = from;
    int j = mid - (containsDepth - 1) + from;
    int[] cells = flat.cells;
    int[] ascii = flat.ascii;
    int shift = flat.shift;
    int s1 = state << shift;
    int s2 = 0;
    // The second walk starts as many chars after its first start as the first walk is ahead
    // (from): it walks those chars alone first, so both halves then step together.
    int second = mid - (containsDepth - 1);
    if (from > 0) {
      s2 = walk(value, second, j, 0, sink);
      if (s2 >= flat.rows) {
        walk(value, i, mid, state, sink);
        return walk(value, j, n, s2, sink);
      }
      s2 <<= shift;
    }
    while (i < mid) {
      char c1 = value.charAt(i);
      char c2 = value.charAt(j);
      int t1 = c1 < 128 ? cells[s1 + ascii[c1]] : wideCell(s1 >>> shift, c1);
      int t2 = c2 < 128 ? cells[s2 + ascii[c2]] : wideCell(s2 >>> shift, c2);
      if ((t1 | t2) < 0) {
        int q1 = reported(t1, i, value, sink);
        int q2 = reported(t2, j, value, sink);
        i++;
        j++;
        if (q1 >= flat.rows || q2 >= flat.rows) {
          // A state without a row: each half goes on alone.
          walk(value, i, mid, q1, sink);
          return walk(value, j, n, q2, sink);
        }
        s1 = q1 << shift;
        s2 = q2 << shift;
        continue;
      }
      s1 = t1;
      s2 = t2;
      i++;
      j++;
    }
    // The second half is longer by the overlap and by an odd value's last char.
    return walk(value, j, n, s2 >>> shift, sink);
  }

  /** The state a cell names, after reporting its contains literals when it is flagged. */
  private int reported(int t, int i, String value, IdSink sink) {
    if (t >= 0) {
      return t >>> flat.shift;
    }
    int state = t & ~FlatRows.FLAG;
    int e = contains.emit[state];
    if (e >= 0) {
      contains.reportChain(this, e, i, value, sink);
    }
    return state;
  }

  /** The cell for a char beyond ASCII from state {@code s}, which has a row. */
  private int wideCell(int s, char ch) {
    int c = classes.of(ch);
    if (c < width) {
      return flat.cells[(s << flat.shift) + c];
    }
    return flat.cell(next(s, c), contains.emit);
  }

  /**
   * Walks from {@code state} (one without a row) at {@code i} until a state with a row or {@code
   * to}, reporting contains literals; returns the next char's index and the state, as {@code index
   * << 32 | state}.
   */
  private long sparse(String value, int i, int to, int state, IdSink sink) {
    int s = state;
    for (; i < to; i++) {
      s = next(s, classes.of(value.charAt(i)));
      int e = contains.emit[s];
      if (e >= 0) {
        contains.reportChain(this, e, i, value, sink);
      }
      if (s < flat.rows) {
        return (long) (i + 1) << 32 | s;
      }
    }
    return (long) to << 32 | s;
  }

  /** Reports the starts-with literals, read from the value's first chars. */
  private void scanStarts(String value, IdSink sink) {
    prefix(value, sink, false);
  }

  /**
   * Reports the starts-with literals, read from the value's first chars, and with {@code contains}
   * the contains literals ending in the chars read; returns the chars read and the state after them
   * as {@code index << 32 | state}, from which {@link #walk} goes on. While the state's depth is
   * the chars read, the prefix is a trie path: its own starts-with literals match; once it falls
   * behind, none can any more. The transitions are the walk's (flat rows where the state has one).
   */
  private long prefix(String value, IdSink sink, boolean contains) {
    int limit = Math.min(value.length(), startsDepth);
    int[] cells = flat.cells;
    int[] ascii = flat.ascii;
    int shift = flat.shift;
    int s = 0;
    for (int i = 0; i < limit; i++) {
      char ch = value.charAt(i);
      int t;
      boolean flagged;
      if (s < flat.rows) {
        int cell = ch < 128 ? cells[(s << shift) + ascii[ch]] : wideCell(s, ch);
        t = flat.state(cell);
        flagged = cell < 0;
      } else {
        t = next(s, classes.of(ch));
        flagged = true;
      }
      if (contains && flagged) {
        int e = this.contains.emit[t];
        if (e >= 0) {
          this.contains.reportChain(this, e, i, value, sink);
        }
      }
      if (depth[t] != i + 1) {
        return (long) (i + 1) << 32 | t;
      }
      starts.reportOwn(this, t, i, value, sink);
      s = t;
    }
    return (long) limit << 32 | s;
  }

  /**
   * Reports what {@link #scan} reports but the contains literals: the starts-with literals read
   * from the value's first chars, the ends-with literals from its last (as many as the longest of
   * each kind). The rest of a long value is left to a skipping search of the contains literals.
   */
  void scanEnds(String value, IdSink sink) {
    int n = value.length();
    if (starts.any) {
      scanStarts(value, sink);
    }
    if (ends.any) {
      // The state after the last chars is the longest suffix of them that is a trie path; every
      // ends-with literal no longer than the chars read that ends the value is on its chain.
      int s = 0;
      for (int i = Math.max(0, n - endsDepth); i < n; i++) {
        int c = classes.of(value.charAt(i));
        s = c == 0 ? 0 : next(s, c);
      }
      int e = ends.emit[s];
      if (e >= 0) {
        ends.reportChain(this, e, n - 1, value, sink);
      }
    }
  }

  /**
   * Reports every contains literal that starts at {@code at} in {@code value}: the trie is walked
   * from the root while the chars read are a path of it, so literals that share a prefix ({@code
   * \\software\\microsoft\\windows\\...}) are compared once together.
   */
  void containsAt(String value, int at, IdSink sink) {
    int n = value.length();
    int s = 0;
    for (int i = at; i < n; i++) {
      int c = classes.of(value.charAt(i));
      if (c == 0) {
        return;
      }
      s = next(s, c);
      if (depth[s] != i - at + 1) {
        return;
      }
      contains.reportOwn(this, s, i, value, sink);
    }
  }

  /** Reports every contains literal that starts at {@code from} or later in {@code value}. */
  void containsFrom(String value, int from, IdSink sink) {
    walk(value, from, value.length(), 0, sink);
  }

  /**
   * Reports every contains literal that lies within {@code value[from, to)}: a whole long value as
   * two halves ({@link #walkHalves}), else in one walk.
   */
  void containsIn(String value, int from, int to, IdSink sink) {
    if (from == 0 && to == value.length() && to >= SPLIT && to >= 4 * containsDepth) {
      walkHalves(value, 0, 0, sink);
    } else {
      walk(value, from, to, 0, sink);
    }
  }

  /**
   * Whether no literal holds a line feed: then no contains literal is found across one, and a
   * value's contains literals are those of its lines ({@link LineMemo}).
   */
  boolean linesApart() {
    return classes.of('\n') == 0;
  }

  /** The contains literals' folded texts, read back from the trie, in pattern order. */
  List<String> containsLiterals() {
    int states = fail.length;
    int[] parent = new int[states];
    char[] via = new char[states];
    char[] chars = classes.chars();
    for (int s = 0; s < states; s++) {
      for (int e = childStart[s]; e < childStart[s + 1]; e++) {
        parent[childTarget[e]] = s;
        // Class k is the k-th distinct folded char (class 0 is no char).
        via[childTarget[e]] = chars[childClass[e] - 1];
      }
    }
    List<String> texts = new java.util.ArrayList<>();
    for (int p = 0; p < patternKind.length; p++) {
      if (patternKind[p] == CONTAINS) {
        int s = terminal[p];
        char[] text = new char[depth[s]];
        for (int i = text.length - 1; i >= 0; i--) {
          text[i] = via[s];
          s = parent[s];
        }
        texts.add(new String(text));
      }
    }
    return texts;
  }

  /** Whether some literal is a contains literal. */
  boolean hasContains() {
    return contains.any;
  }

  /** How many contains literals, and the length of the shortest (0 when none). */
  int containsCount() {
    return contains.pattern.length;
  }

  int shortestContains() {
    int least = Integer.MAX_VALUE;
    for (int p : contains.pattern) {
      least = Math.min(least, depth[terminal[p]]);
    }
    return least == Integer.MAX_VALUE ? 0 : least;
  }

  /** The length of the longest starts-with literal (0 when none). */
  int startsDepth() {
    return startsDepth;
  }

  /** The length of the longest ends-with literal (0 when none). */
  int endsDepth() {
    return endsDepth;
  }

  /** Reports pattern {@code p} ending at {@code end} unless it is cased and the chars differ. */
  private void report(int p, int end, String value, IdSink sink) {
    String cased = patternCased[p];
    if (cased == null || value.regionMatches(end + 1 - cased.length(), cased, 0, cased.length())) {
      sink.accept(patternId[p]);
    }
  }

  /**
   * The patterns of one kind by state: each state's own ({@code start}/{@code pattern}, CSR), the
   * nearest proper suffix state with some ({@code link}, via failure links), and the first state to
   * report from ({@code emit}: itself or its link; -1 for none).
   */
  private static final class Outputs {
    final int[] start;
    final int[] pattern;
    final int[] link;
    final int[] emit;
    final boolean any;

    Outputs(byte kind, byte[] kinds, int[] terminal, int[] fail) {
      int states = fail.length;
      start = starts(kind, kinds, terminal, states);
      any = start[states] > 0;
      pattern = patterns(kind, kinds, terminal, start);
      link = new int[states];
      emit = new int[states];
      links(start, fail, link, emit);
    }

    // Each loop a small method of its own (see AhoCorasick.chars): run once per state per start.

    /** Where each state's own patterns of {@code kind} start (CSR offsets, {@code states + 1}). */
    private static int[] starts(byte kind, byte[] kinds, int[] terminal, int states) {
      int[] start = new int[states + 1];
      for (int p = 0; p < kinds.length; p++) {
        if (kinds[p] == kind) {
          start[terminal[p] + 1]++;
        }
      }
      for (int s = 0; s < states; s++) {
        start[s + 1] += start[s];
      }
      return start;
    }

    private static int[] patterns(byte kind, byte[] kinds, int[] terminal, int[] start) {
      int[] pattern = new int[start[start.length - 1]];
      int[] fill = Arrays.copyOf(start, start.length - 1);
      for (int p = 0; p < kinds.length; p++) {
        if (kinds[p] == kind) {
          pattern[fill[terminal[p]]++] = p;
        }
      }
      return pattern;
    }

    private static void links(int[] start, int[] fail, int[] link, int[] emit) {
      // Breadth-first numbering: a state's failure target is shallower, so already linked.
      for (int s = 0; s < fail.length; s++) {
        int f = fail[s];
        link[s] = s == 0 ? -1 : start[f + 1] > start[f] ? f : link[f];
        emit[s] = start[s + 1] > start[s] ? s : link[s];
      }
    }

    void reportOwn(AhoCorasick a, int s, int end, String value, IdSink sink) {
      for (int k = start[s]; k < start[s + 1]; k++) {
        a.report(pattern[k], end, value, sink);
      }
    }

    void reportChain(AhoCorasick a, int s, int end, String value, IdSink sink) {
      for (int st = s; st >= 0; st = link[st]) {
        reportOwn(a, st, end, value, sink);
      }
    }
  }

  /**
   * The trie while building: states numbered in insertion order. Each state but the root is entered
   * by exactly one edge, so the edges are two arrays indexed by the state they enter; a primitive
   * open-addressing table finds a state's child while literals are inserted.
   */
  private static final class Trie {
    final CharClasses classes;
    final int commonClasses;
    final int[] terminal;
    int states = 1;
    private int[] parent = new int[64];
    private int[] edgeClass = new int[64];
    private long[] slotKey;
    private int[] slotState;

    Trie(List<String> texts) {
      StringBuilder all = new StringBuilder();
      texts.forEach(all::append);
      char[] chars = all.toString().toCharArray();
      classes = new CharClasses(chars);
      int common = 1;
      boolean[] seen = new boolean[256];
      for (char c : chars) {
        if (c < 256 && !seen[c]) {
          seen[c] = true;
          common++;
        }
      }
      commonClasses = common;
      slotKey = new long[64];
      Arrays.fill(slotKey, -1L);
      slotState = new int[64];
      terminal = new int[texts.size()];
      for (int p = 0; p < texts.size(); p++) {
        String text = texts.get(p);
        int s = 0;
        for (int i = 0; i < text.length(); i++) {
          s = child(s, classes.of(text.charAt(i)));
        }
        terminal[p] = s;
      }
    }

    /** The child of {@code s} on class {@code c}, made when missing. */
    private int child(int s, int c) {
      long key = (long) s << 32 | c;
      int mask = slotKey.length - 1;
      int i = (int) (mix(key) & mask);
      while (slotKey[i] != -1L) {
        if (slotKey[i] == key) {
          return slotState[i];
        }
        i = (i + 1) & mask;
      }
      if (states * 2 >= slotKey.length) {
        grow();
        return child(s, c);
      }
      int t = states++;
      if (states > MAX_STATES) {
        throw new IllegalArgumentException(
            "literals too long in total: more than " + MAX_STATES + " automaton states");
      }
      if (t >= parent.length) {
        parent = Arrays.copyOf(parent, parent.length * 2);
        edgeClass = Arrays.copyOf(edgeClass, edgeClass.length * 2);
      }
      parent[t] = s;
      edgeClass[t] = c;
      slotKey[i] = key;
      slotState[i] = t;
      return t;
    }

    /** Doubles the table (kept at most half full). */
    private void grow() {
      long[] keys = slotKey;
      int[] values = slotState;
      slotKey = new long[keys.length * 2];
      Arrays.fill(slotKey, -1L);
      slotState = new int[keys.length * 2];
      int mask = slotKey.length - 1;
      for (int j = 0; j < keys.length; j++) {
        if (keys[j] != -1L) {
          int i = (int) (mix(keys[j]) & mask);
          while (slotKey[i] != -1L) {
            i = (i + 1) & mask;
          }
          slotKey[i] = keys[j];
          slotState[i] = values[j];
        }
      }
    }

    private static long mix(long key) {
      long h = key * 0x9E3779B97F4A7C15L;
      return h ^ (h >>> 29);
    }

    /**
     * States in breadth-first order (insertion numbers), root first; a state's children in the
     * order they were inserted.
     */
    int[] breadthFirst() {
      int[] start = new int[states + 1];
      for (int t = 1; t < states; t++) {
        start[parent[t] + 1]++;
      }
      for (int s = 0; s < states; s++) {
        start[s + 1] += start[s];
      }
      int[] kids = new int[Math.max(0, states - 1)];
      int[] fill = Arrays.copyOf(start, states);
      for (int t = 1; t < states; t++) {
        kids[fill[parent[t]]++] = t;
      }
      int[] order = new int[states];
      int head = 0;
      int tail = 1;
      while (head < tail) {
        int s = order[head++];
        for (int k = start[s]; k < start[s + 1]; k++) {
          order[tail++] = kids[k];
        }
      }
      return order;
    }

    /** Edges as {@code parent << 42 | class << 21 | child} in new numbers, sorted. */
    long[] sortedEdges(int[] rank) {
      long[] out = new long[states - 1];
      for (int t = 1; t < states; t++) {
        out[t - 1] = (long) rank[parent[t]] << 42 | (long) edgeClass[t] << 21 | rank[t];
      }
      Arrays.sort(out);
      return out;
    }
  }
}
