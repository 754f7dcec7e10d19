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
 * agree too. Immutable and thread-safe once built; {@link #scan} does not allocate.
 */
public final class LiteralAutomaton {
  private final ExactValues foldedExact;
  private final ExactValues casedExact;
  private final AhoCorasick automaton;
  private final int[] always;
  private final boolean empty;

  private LiteralAutomaton(Builder b) {
    foldedExact = new ExactValues(b.foldedExact, true);
    casedExact = new ExactValues(b.casedExact, false);
    automaton = AhoCorasick.build(b.texts, b.kinds, b.casedTexts, b.ids, b.denseCells);
    always = b.always.stream().mapToInt(Integer::intValue).toArray();
    empty = b.count == 0;
  }

  private LiteralAutomaton(
      ExactValues foldedExact,
      ExactValues casedExact,
      AhoCorasick automaton,
      int[] always,
      boolean empty) {
    this.foldedExact = foldedExact;
    this.casedExact = casedExact;
    this.automaton = automaton;
    this.always = always;
    this.empty = empty;
  }

  /**
   * This automaton in Kasa's binary form: {@link #read} gives one that reports the same ids for
   * every value, without building anything again.
   */
  public void write(BinaryOut out) throws IOException {
    foldedExact.write(out);
    casedExact.write(out);
    automaton.write(out);
    out.ints(always);
    out.bool(empty);
  }

  /** An automaton {@link #write} wrote. */
  public static LiteralAutomaton read(BinaryIn in) throws MalformedBinaryException {
    ExactValues folded = ExactValues.read(in);
    ExactValues cased = ExactValues.read(in);
    AhoCorasick automaton = AhoCorasick.read(in);
    int[] always = in.ints();
    boolean empty = in.bool();
    return new LiteralAutomaton(folded, cased, automaton, always, empty);
  }

  public static Builder builder() {
    return new Builder();
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
    automaton.scan(value, sink);
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

    private Builder() {}

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
