package dev.kasa.sigma.match;

import dev.kasa.sigma.binary.BinaryIn;
import dev.kasa.sigma.binary.BinaryOut;
import dev.kasa.sigma.binary.MalformedBinaryException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every literal of one field across a rule set, found in one pass over a value: whole-value
 * literals through hash tables ({@link ExactValues}), {@code contains}/{@code startswith}/{@code
 * endswith} literals through one Aho–Corasick automaton over the folded value ({@link
 * AhoCorasick}). A starts-with literal is reported only when it matches at offset 0, an ends-with
 * literal only when it ends at the value's end, and a cased literal only when the original chars
 * agree too. A long value (at least {@link #LONG_VALUE} chars, and twice the longest starts-with
 * and ends-with literals together) is not walked char by char when a {@link SkipSearch} can be made
 * of the contains literals (or there are none): the starts-with and ends-with literals are read
 * from each end of it and the contains literals searched skipping. Immutable and thread-safe once
 * built; {@link #scan} does not allocate.
 */
public final class LiteralAutomaton {
  private final ExactValues foldedExact;
  private final ExactValues casedExact;
  private final int[] always;
  private final boolean empty;

  /** The automaton's trie as its binary form holds it: what {@link #walk} is derived from. */
  private final AhoCorasick.Stored stored;

  /** What {@link #longValue} and {@link SkipSearch#of} are given when the walk is derived. */
  private final int longValueLeast;

  private final int minWindow;

  /**
   * The tables {@link #scan} walks, derived from {@link #stored} when first needed: at build, or by
   * the first scan of an automaton read back ({@code rules check} scans none; a scan derives those
   * its values reach). Racy single-check: threads that find it null may each derive one (equal
   * ones; the last kept), and a {@link Walk} holds only final fields, so one seen through this
   * field is seen whole without a lock on the scan path.
   */
  private Walk walk;

  /**
   * The derived walk: the Aho–Corasick automaton with its walking tables, the contains literals'
   * skipping search (null when there are none or it would not pay), the shortest value searched
   * from its ends and skipping, and whether long values may be walked line by line (contains
   * literals, none with a line feed).
   */
  private record Walk(AhoCorasick automaton, SkipSearch skip, int longValue, boolean byLines) {}

  private LiteralAutomaton(Builder b) {
    foldedExact = new ExactValues(b.foldedExact, true);
    casedExact = new ExactValues(b.casedExact, false);
    AhoCorasick automaton = AhoCorasick.build(b.texts, b.kinds, b.casedTexts, b.ids, b.denseCells);
    stored = automaton.stored();
    always = b.always.stream().mapToInt(Integer::intValue).toArray();
    empty = b.count == 0;
    longValueLeast = b.longValue;
    minWindow = b.minWindow;
    walk = walk(automaton, minWindow, longValueLeast);
  }

  private LiteralAutomaton(
      ExactValues foldedExact,
      ExactValues casedExact,
      AhoCorasick.Stored stored,
      int[] always,
      boolean empty) {
    this.foldedExact = foldedExact;
    this.casedExact = casedExact;
    this.stored = stored;
    this.always = always;
    this.empty = empty;
    this.longValueLeast = LONG_VALUE;
    this.minWindow = SkipSearch.MIN_WINDOW;
  }

  private static Walk walk(AhoCorasick automaton, int minWindow, int longValueLeast) {
    SkipSearch skip = SkipSearch.of(automaton, minWindow);
    return new Walk(
        automaton,
        skip,
        longValue(automaton, skip, longValueLeast),
        automaton.hasContains() && automaton.linesApart());
  }

  /** The walk, derived now when it is not yet (see {@link #walk}). */
  private Walk walk() {
    Walk w = walk;
    if (w == null) {
      w = walk(stored.derive(), minWindow, longValueLeast);
      walk = w;
    }
    return w;
  }

  /**
   * The shortest value searched from its ends and skipping. Shorter ones cost the automaton's walk
   * no more than the skipping search's set-up and stops (measured on the OTRF PowerShell and Sysmon
   * values: docs/benchmarks.md).
   */
  static final int LONG_VALUE = 64;

  /**
   * The shortest value {@link #scan} searches from its ends and skipping: never when contains
   * literals have no skipping search; else at least {@code least} chars and twice the chars read
   * from the ends, so that reading them is never most of the value.
   */
  private static int longValue(AhoCorasick automaton, SkipSearch skip, int least) {
    if (skip == null && automaton.hasContains()) {
      return Integer.MAX_VALUE;
    }
    return Math.max(least, 2 * (automaton.startsDepth() + automaton.endsDepth()));
  }

  /**
   * This automaton in Kasa's binary form: {@link #read} gives one that reports the same ids for
   * every value, without building anything again.
   */
  public void write(BinaryOut out) throws IOException {
    foldedExact.write(out);
    casedExact.write(out);
    stored.write(out);
    out.ints(always);
    out.bool(empty);
  }

  /** An automaton {@link #write} wrote. */
  public static LiteralAutomaton read(BinaryIn in) throws MalformedBinaryException {
    ExactValues folded = ExactValues.read(in);
    ExactValues cased = ExactValues.read(in);
    AhoCorasick.Stored automaton = AhoCorasick.read(in);
    int[] always = in.ints();
    boolean empty = in.bool();
    return new LiteralAutomaton(folded, cased, automaton, always, empty);
  }

  /**
   * Whether every id {@link #scan} can report is below {@code bound}: what reading a stored program
   * checks of the automata its buckets name, so that a changed entry cannot make a scan index past
   * a bucket's atoms.
   */
  public boolean idsBelow(int bound) {
    for (int id : always) {
      if (id < 0 || id >= bound) {
        return false;
      }
    }
    return foldedExact.idsBelow(bound) && casedExact.idsBelow(bound) && stored.idsBelow(bound);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether contains literals are searched skipping in long values (for tests). */
  boolean skips() {
    return walk().skip() != null;
  }

  /** Whether the walk is derived (for tests: an automaton read back derives it on first scan). */
  boolean derived() {
    return walk != null;
  }

  /** Whether no literal was added. */
  public boolean isEmpty() {
    return empty;
  }

  /**
   * Reports to {@code sink} the id of every literal that stands in its kind's relation to {@code
   * value} (never null). An id may be reported more than once per call.
   */
  public void scan(String value, IdSink sink) {
    for (int id : always) {
      sink.accept(id);
    }
    foldedExact.scan(value, sink);
    casedExact.scan(value, sink);
    Walk w = walk;
    if (w == null) {
      w = walk();
    }
    if (value.length() >= w.longValue) {
      w.automaton.scanEnds(value, sink);
      if (w.skip != null) {
        w.skip.scan(value, sink);
      }
    } else {
      w.automaton.scan(value, sink);
    }
  }

  /**
   * Reports what {@link #scan(String, IdSink)} reports, keeping in {@code lines} (the thread's own)
   * what the contains literals found in each long line of a long value that is walked, and reading
   * a line seen before from there instead of walking it again. Values that are searched skipping,
   * have no line feed, or are shorter than two of the lines {@code lines} keeps are scanned as
   * {@link #scan(String, IdSink)} scans them.
   */
  public void scan(String value, IdSink sink, LineMemo lines) {
    int n = value.length();
    Walk w = walk;
    if (w == null) {
      w = walk();
    }
    int nl;
    if (!w.byLines
        || n < lines.shortestValue()
        || n >= w.longValue
        || (nl = value.indexOf('\n')) < 0) {
      scan(value, sink);
      return;
    }
    for (int id : always) {
      sink.accept(id);
    }
    foldedExact.scan(value, sink);
    casedExact.scan(value, sink);
    w.automaton.scanEnds(value, sink);
    lines.containsByLine(w.automaton, value, nl, sink);
  }

  /** Collects literals; not thread-safe. */
  public static final class Builder {
    private final Map<String, List<Integer>> foldedExact = ExactValues.collector();
    private final Map<String, List<Integer>> casedExact = ExactValues.collector();
    private final List<String> texts = new ArrayList<>();
    private final List<LiteralKind> kinds = new ArrayList<>();
    private final List<String> casedTexts = new ArrayList<>();
    private final List<Integer> ids = new ArrayList<>();
    private final List<Integer> always = new ArrayList<>();
    private int count;
    private int denseCells = AhoCorasick.DENSE_CELLS;
    private int longValue = LONG_VALUE;
    private int minWindow = SkipSearch.MIN_WINDOW;

    private Builder() {}

    /**
     * Searches values of at least {@code chars} from their ends and skipping, when every contains
     * literal has at least {@code minWindow} chars (tests use it to put short values and literals
     * through the skipping search).
     */
    Builder skipping(int chars, int minWindow) {
      this.longValue = chars;
      this.minWindow = minWindow;
      return this;
    }

    /** Caps the dense transition table (tests use it to exercise the sparse states). */
    Builder denseCells(int cells) {
      this.denseCells = cells;
      return this;
    }

    /** Adds {@code literal} under {@code id} (any int; the same id may be added many times). */
    public Builder add(Needle.Literal literal, int id) {
      Objects.requireNonNull(literal, "literal");
      count++;
      String text = literal.text();
      if (literal.kind() == LiteralKind.EQUALS) {
        ExactValues.put(literal.cased() ? casedExact : foldedExact, text, id);
      } else if (text.isEmpty()) {
        always.add(id);
      } else {
        texts.add(CaseFold.fold(text));
        kinds.add(literal.kind());
        casedTexts.add(literal.cased() ? text : null);
        ids.add(id);
      }
      return this;
    }

    /**
     * Builds the automaton.
     *
     * @throws IllegalArgumentException when the non-equals literals exceed {@link
     *     AhoCorasick#MAX_STATES} chars in total (about two million)
     */
    public LiteralAutomaton build() {
      return new LiteralAutomaton(this);
    }
  }
}
