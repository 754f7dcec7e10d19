package dev.kasa.sigma.program;

import dev.kasa.sigma.binary.BinaryIn;
import dev.kasa.sigma.binary.BinaryOut;
import dev.kasa.sigma.binary.MalformedBinaryException;
import dev.kasa.sigma.match.LiteralAutomaton;
import dev.kasa.sigma.match.LiteralKind;
import dev.kasa.sigma.match.ValueMatcher;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * One {@link Bucket} of a program in {@link ProgramCodec}'s form: its atoms, field indexes (naming
 * automata and patterns by number), null and field-reference checks, rule slots with their
 * conditions, and raw keyword texts. Every number read is checked against what it names, and every
 * automaton against the ids the bucket can take, so that a changed form is refused, never a bucket
 * that indexes past its arrays. Stateless.
 */
final class BucketCodec {
  /** Conditions nest no deeper than rule conditions and their filters do; a corrupt form could. */
  private static final int MAX_DEPTH = 2_000;

  private BucketCodec() {}

  /** What reading a bucket needs of the program read so far; used by one reading thread. */
  static final class Parts {
    final List<CompiledRule> rules;
    final int fields;
    final List<ValueMatcher> patterns;
    final Faults faults;
    final Map<List<String>, RawKeywordScan.Tables> rawTables = new HashMap<>();
    private final Supplier<List<LiteralAutomaton>> source;
    private List<LiteralAutomaton> automata;

    Parts(
        List<CompiledRule> rules,
        int fields,
        List<ValueMatcher> patterns,
        Supplier<List<LiteralAutomaton>> source,
        Faults faults) {
      this.rules = rules;
      this.fields = fields;
      this.patterns = patterns;
      this.source = source;
      this.faults = faults;
    }

    /** Per automaton, a bound its ids were found below (0: not checked yet). */
    private int[] checkedBelow;

    /** The automata, asked for when the first bucket needs them. */
    List<LiteralAutomaton> automata() {
      if (automata == null) {
        automata = source.get();
        checkedBelow = new int[automata.size()];
      }
      return automata;
    }

    /**
     * Automaton {@code i}, checked to report only ids below {@code bound} (the atoms and patterns
     * of the bucket naming it); buckets share automata, so each is walked for a bound once.
     */
    LiteralAutomaton automaton(int i, int bound) throws MalformedBinaryException {
      LiteralAutomaton a = automata().get(i);
      int checked = checkedBelow[i];
      if (checked == 0 || bound < checked) {
        if (!a.idsBelow(bound)) {
          throw new MalformedBinaryException("automaton " + i + " names ids past " + bound);
        }
        checkedBelow[i] = bound;
      }
      return a;
    }
  }

  static void write(
      Bucket b, BinaryOut out, Map<Object, Integer> patternAt, Map<Object, Integer> automatonAt)
      throws IOException {
    out.varint(b.atomCount);
    Bucket.FieldIndex[] index = b.index();
    out.varint(index.length);
    int present = 0;
    for (Bucket.FieldIndex f : index) {
      present += f == null ? 0 : 1;
    }
    out.varint(present);
    for (int i = 0; i < index.length; i++) {
      Bucket.FieldIndex f = index[i];
      if (f != null) {
        out.varint(i);
        out.varint(ProgramCodec.indexOf(automatonAt, f.automaton()));
        checks(f.plain(), out, patternAt);
        checks(f.prefiltered(), out, patternAt);
        out.ints(f.presentAtoms());
      }
    }
    out.varint(b.nulls().length);
    for (int[] nul : b.nulls()) {
      out.varint(nul[0]);
      out.varint(nul[1] + 1);
    }
    out.varint(b.refs().length);
    for (Bucket.RefCheck r : b.refs()) {
      out.varint(r.atom());
      out.varint(r.field() + 1);
      out.varint(r.other() + 1);
      out.constant(r.kind());
      out.bool(r.cased());
    }
    out.varint(b.rules.length);
    for (Bucket.RuleSlot slot : b.rules) {
      out.varint(slot.ruleIndex());
      expr(slot.condition(), out);
      out.ints(slot.atoms());
      out.ints(slot.shownAtoms());
      Map<String, Integer> context = new TreeMap<>(slot.context());
      out.varint(context.size());
      for (Map.Entry<String, Integer> e : context.entrySet()) {
        out.string(e.getKey());
        out.varint(e.getValue() + 1);
      }
      out.bool(slot.always());
    }
    out.ints(b.always());
    for (int[] slots : b.rulesByAtom()) {
      out.ints(slots);
    }
    for (int atom = 0; atom < b.atomCount; atom++) {
      out.string(b.atomFields()[atom]);
      String[] keywords = b.atomKeywordLists()[atom];
      out.varint(keywords == null ? 0 : keywords.length + 1);
      if (keywords != null) {
        for (String k : keywords) {
          out.string(k);
        }
      }
    }
    RawKeywordScan raw = b.rawKeywords();
    ProgramCodec.strings(List.of(raw.texts()), out);
    out.ints(raw.ids());
    raw.shortOnes().write(out);
  }

  static Bucket read(BinaryIn in, Parts parts) throws MalformedBinaryException {
    int atoms = in.count(2);
    int length = in.varint();
    if (length != parts.fields + 1) {
      throw new MalformedBinaryException("an index of " + length + " fields");
    }
    Bucket.FieldIndex[] index = new Bucket.FieldIndex[length];
    int present = in.count(5);
    for (int k = 0; k < present; k++) {
      int slot = ProgramCodec.index(in, length);
      if (index[slot] != null) {
        throw new MalformedBinaryException("field " + slot + " indexed twice");
      }
      int automaton = ProgramCodec.index(in, parts.automata().size());
      Bucket.PatternCheck[] plain = checks(in, parts.patterns, atoms);
      Bucket.PatternCheck[] prefiltered = checks(in, parts.patterns, atoms);
      // The automaton reports atoms and, past them, the prefiltered patterns to try.
      index[slot] =
          new Bucket.FieldIndex(
              parts.automaton(automaton, atoms + prefiltered.length),
              plain,
              prefiltered,
              ProgramCodec.within(in.ints(), atoms));
    }
    int[][] nulls = new int[in.count(2)][];
    for (int k = 0; k < nulls.length; k++) {
      nulls[k] = new int[] {ProgramCodec.index(in, atoms), ProgramCodec.index(in, length + 1) - 1};
    }
    Bucket.RefCheck[] refs = new Bucket.RefCheck[in.count(5)];
    for (int k = 0; k < refs.length; k++) {
      refs[k] =
          new Bucket.RefCheck(
              ProgramCodec.index(in, atoms),
              ProgramCodec.index(in, length + 1) - 1,
              ProgramCodec.index(in, length + 1) - 1,
              in.constant(LiteralKind.class),
              in.bool());
    }
    Bucket.RuleSlot[] slots = new Bucket.RuleSlot[in.count(6)];
    for (int k = 0; k < slots.length; k++) {
      int ruleIndex = ProgramCodec.index(in, parts.rules.size());
      Expr condition = expr(in, atoms);
      int[] ruleAtoms = ProgramCodec.within(in.ints(), atoms);
      int[] shown = ProgramCodec.within(in.ints(), atoms);
      int n = in.count(2);
      Map<String, Integer> context = new LinkedHashMap<>();
      for (int c = 0; c < n; c++) {
        context.put(in.text(), ProgramCodec.index(in, parts.fields + 1) - 1);
      }
      slots[k] =
          new Bucket.RuleSlot(
              ruleIndex,
              parts.rules.get(ruleIndex),
              condition,
              ruleAtoms,
              shown,
              context,
              in.bool());
    }
    int[] always = ProgramCodec.within(in.ints(), slots.length);
    int[][] rulesByAtom = new int[atoms][];
    for (int atom = 0; atom < atoms; atom++) {
      rulesByAtom[atom] = ProgramCodec.within(in.ints(), slots.length);
    }
    String[] atomField = new String[atoms];
    String[][] atomKeywords = new String[atoms][];
    for (int atom = 0; atom < atoms; atom++) {
      atomField[atom] = in.string();
      int keywords = in.count(1);
      if (keywords > 0) {
        String[] k = new String[keywords - 1];
        for (int i = 0; i < k.length; i++) {
          k[i] = in.text();
        }
        atomKeywords[atom] = k;
      }
    }
    String[] texts = ProgramCodec.strings(in).toArray(String[]::new);
    int[] ids = ProgramCodec.within(in.ints(), atoms);
    if (ids.length != texts.length) {
      throw new MalformedBinaryException(texts.length + " raw keywords, " + ids.length + " ids");
    }
    for (String t : texts) {
      if (t.length() < 2 || !t.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
        throw new MalformedBinaryException("bad raw keyword");
      }
    }
    LiteralAutomaton shortOnes = LiteralAutomaton.read(in);
    if (!shortOnes.idsBelow(atoms)) {
      throw new MalformedBinaryException("a raw keyword automaton names ids past " + atoms);
    }
    RawKeywordScan raw = RawKeywordScan.of(texts, ids, shortOnes, parts.rawTables);
    return new Bucket(
        atoms,
        index,
        nulls,
        refs,
        slots,
        always,
        rulesByAtom,
        atomField,
        atomKeywords,
        raw,
        parts.faults);
  }

  private static void checks(
      Bucket.PatternCheck[] checks, BinaryOut out, Map<Object, Integer> patternAt)
      throws IOException {
    out.varint(checks.length);
    for (Bucket.PatternCheck c : checks) {
      out.varint(c.atom());
      out.varint(ProgramCodec.indexOf(patternAt, c.matcher()));
    }
  }

  private static Bucket.PatternCheck[] checks(BinaryIn in, List<ValueMatcher> patterns, int atoms)
      throws MalformedBinaryException {
    Bucket.PatternCheck[] out = new Bucket.PatternCheck[in.count(2)];
    for (int k = 0; k < out.length; k++) {
      out[k] =
          new Bucket.PatternCheck(
              ProgramCodec.index(in, atoms), patterns.get(ProgramCodec.index(in, patterns.size())));
    }
    return out;
  }

  // A condition is written in postfix (operands before their operator, the token count first) and
  // read by one loop over a stack: reading every rule slot's condition runs once per start, and a
  // recursive reader was the largest method C2 compiled in a cached run (its inlined recursion).

  private static void expr(Expr e, BinaryOut out) throws IOException {
    out.varint(tokens(e));
    postfix(e, out);
  }

  private static int tokens(Expr e) {
    return switch (e) {
      case Expr.And a -> 1 + a.operands().stream().mapToInt(BucketCodec::tokens).sum();
      case Expr.Or o -> 1 + o.operands().stream().mapToInt(BucketCodec::tokens).sum();
      case Expr.Not n -> 1 + tokens(n.operand());
      case Expr.Leaf l -> 1;
      case Expr.Const c -> 1;
    };
  }

  private static void postfix(Expr e, BinaryOut out) throws IOException {
    switch (e) {
      case Expr.And a -> {
        for (Expr o : a.operands()) {
          postfix(o, out);
        }
        out.varint(0);
        out.varint(a.operands().size());
      }
      case Expr.Or o -> {
        for (Expr x : o.operands()) {
          postfix(x, out);
        }
        out.varint(1);
        out.varint(o.operands().size());
      }
      case Expr.Not n -> {
        postfix(n.operand(), out);
        out.varint(2);
      }
      case Expr.Leaf l -> {
        out.varint(3);
        out.varint(l.atom());
      }
      case Expr.Const c -> out.varint(c.value() ? 5 : 4);
    }
  }

  /** A condition {@link #expr(Expr, BinaryOut)} wrote, no deeper than {@link #MAX_DEPTH}. */
  private static Expr expr(BinaryIn in, int atoms) throws MalformedBinaryException {
    int tokens = in.count(1);
    Expr[] stack = new Expr[tokens];
    int[] depth = new int[tokens];
    int top = 0;
    for (int t = 0; t < tokens; t++) {
      int tag = in.varint();
      Expr made;
      int d = 0;
      switch (tag) {
        case 0, 1 -> {
          int n = in.varint();
          if (n > top) {
            throw new MalformedBinaryException("an operator of " + n + " over " + top);
          }
          Expr[] operands = new Expr[n];
          for (int k = 0; k < n; k++) {
            operands[k] = stack[top - n + k];
            d = Math.max(d, depth[top - n + k] + 1);
          }
          top -= n;
          made = tag == 0 ? new Expr.And(List.of(operands)) : new Expr.Or(List.of(operands));
        }
        case 2 -> {
          if (top == 0) {
            throw new MalformedBinaryException("a not over nothing");
          }
          d = depth[--top] + 1;
          made = new Expr.Not(stack[top]);
        }
        case 3 -> made = new Expr.Leaf(ProgramCodec.index(in, atoms));
        case 4, 5 -> made = new Expr.Const(tag == 5);
        default -> throw new MalformedBinaryException("bad condition tag " + tag);
      }
      if (d > MAX_DEPTH) {
        throw new MalformedBinaryException("a condition deeper than " + MAX_DEPTH);
      }
      stack[top] = made;
      depth[top++] = d;
    }
    if (top != 1) {
      throw new MalformedBinaryException("a condition of " + top + " parts");
    }
    return stack[0];
  }
}
