package dev.kasa.sigma.program;

import dev.kasa.Problem;
import dev.kasa.event.FieldCapture;
import dev.kasa.sigma.binary.BinaryIn;
import dev.kasa.sigma.binary.BinaryOut;
import dev.kasa.sigma.binary.MalformedBinaryException;
import dev.kasa.sigma.match.LiteralAutomaton;
import dev.kasa.sigma.match.LiteralKind;
import dev.kasa.sigma.match.Placeholders;
import dev.kasa.sigma.match.ValueMatcher;
import dev.kasa.sigma.rule.FieldTest;
import dev.kasa.sigma.rule.RuleInfo;
import dev.kasa.sigma.rule.RuleSet;
import dev.kasa.sigma.rule.RuleSetCodec;
import dev.kasa.sigma.rule.SigmaRule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A compiled {@link SigmaProgram} in Kasa's binary form, for the compiled-rules cache: what its
 * compile made (the rules' techniques, problems, rules set aside and unmapped, the capture, every
 * source's decision tree, every bucket's atoms, conditions, indexes and raw keyword texts) written
 * so that {@link #read} makes a program that matches exactly as the one written, without compiling
 * it. What is derived from those parts is derived again when read, as when compiled: the literal
 * automata's walking tables, the raw keyword scans' pair tables. The few tests that are not
 * literals (regular expressions, globs with inner wildcards, CIDR, numbers, time parts) are written
 * as the field tests they were compiled from, each compiled again when first used ({@link
 * ReadPatterns}). A program read back keeps of each rule what matching reads (the rule and its
 * ATT&CK techniques), not its condition over field tests, which only the compile reads; it has no
 * {@link SigmaProgram#literals()} and its dispatches no entries. Stateless.
 */
public final class ProgramCodec {
  /** Conditions nest no deeper than rule conditions and their filters do; a corrupt form could. */
  private static final int MAX_DEPTH = 2_000;

  private ProgramCodec() {}

  /** The program's literal automata, in the order {@link #write} numbers them. */
  public static void writeAutomata(SigmaProgram program, BinaryOut out) throws IOException {
    List<LiteralAutomaton> all = program.literals().ordered();
    out.varint(all.size());
    for (LiteralAutomaton a : all) {
      a.write(out);
    }
  }

  /** The automata {@link #writeAutomata} wrote, in its order. */
  public static List<LiteralAutomaton> readAutomata(BinaryIn in) throws MalformedBinaryException {
    int n = in.count(4);
    List<LiteralAutomaton> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(LiteralAutomaton.read(in));
    }
    return out;
  }

  /**
   * Writes {@code program}, compiled from {@code set}, naming its automata by their place in {@link
   * #writeAutomata}'s order. The same program writes the same bytes in every run.
   *
   * @throws IllegalStateException when a part of the program is not one its compile makes
   */
  public static void write(SigmaProgram program, RuleSet set, BinaryOut out) throws IOException {
    Map<Object, Integer> ruleAt = new IdentityHashMap<>();
    Map<Object, Integer> infoAt = new IdentityHashMap<>();
    for (int i = 0; i < set.rules().size(); i++) {
      ruleAt.put(set.rules().get(i), i);
      infoAt.putIfAbsent(set.rules().get(i).info(), i);
    }
    List<CompiledRule> rules = program.compiledRules();
    out.varint(rules.size());
    for (CompiledRule r : rules) {
      out.varint(indexOf(ruleAt, r.rule()));
      strings(r.techniques(), out);
    }
    problems(program.problems(), out);
    out.varint(program.setAside().size());
    for (SetAsideRule s : program.setAside()) {
      out.varint(indexOf(infoAt, s.rule()));
      problems(s.placeholders(), out);
    }
    out.varint(program.unmapped().size());
    for (RuleInfo info : program.unmapped()) {
      out.varint(indexOf(infoAt, info));
    }
    FieldCapture capture = program.capture();
    strings(capture.names(), out);
    out.bool(capture.all());
    strings(capture.allSources().stream().sorted().toList(), out);

    // The tests that hold patterns, each written once; a pattern is named by its place among them.
    Map<Object, Integer> patternAt = new IdentityHashMap<>();
    List<CompiledRule.Test> withPatterns = new ArrayList<>();
    int numbered = 0;
    for (CompiledRule r : rules) {
      for (CompiledRule.Test t : r.tests()) {
        List<ValueMatcher> found = new ArrayList<>();
        ReadPatterns.of(t.predicate(), found);
        if (!found.isEmpty()) {
          withPatterns.add(t);
          // Numbered as read() numbers them: every pattern of every test written, in order.
          for (ValueMatcher m : found) {
            patternAt.putIfAbsent(m, numbered++);
          }
        }
      }
    }
    out.varint(withPatterns.size());
    for (CompiledRule.Test t : withPatterns) {
      RuleSetCodec.fieldTest(t.source(), out);
      List<ValueMatcher> found = new ArrayList<>();
      ReadPatterns.of(t.predicate(), found);
      out.varint(found.size());
    }

    Map<Object, Integer> automatonAt = new IdentityHashMap<>();
    for (LiteralAutomaton a : program.literals().ordered()) {
      automatonAt.putIfAbsent(a, automatonAt.size());
    }
    List<String> sources = program.dispatches().keySet().stream().sorted().toList();
    Map<Object, Integer> bucketAt = new IdentityHashMap<>();
    List<Bucket> buckets = new ArrayList<>();
    for (String source : sources) {
      collect(program.dispatches().get(source).tree(), bucketAt, buckets);
    }
    out.varint(buckets.size());
    for (Bucket b : buckets) {
      bucket(b, out, patternAt, automatonAt);
    }
    out.varint(sources.size());
    for (String source : sources) {
      Dispatch d = program.dispatches().get(source);
      out.string(source);
      strings(List.of(d.keyFields()), out);
      out.ints(d.keyIds());
      out.varint(d.classCount());
      tree(d.tree(), out, bucketAt);
    }
  }

  /**
   * The program {@link #write} wrote of {@code set}, its automata from {@code automata} (asked for
   * once, when the first bucket is read) and its patterns compiled with {@code placeholders}: the
   * rule set and placeholders it was compiled with.
   *
   * @throws MalformedBinaryException when the bytes are not such a program, or name a rule, an
   *     atom, a field, an automaton or a pattern that is not there
   */
  public static SigmaProgram read(
      BinaryIn in,
      RuleSet set,
      Placeholders placeholders,
      Supplier<List<LiteralAutomaton>> automata)
      throws MalformedBinaryException {
    List<SigmaRule> setRules = set.rules();
    int n = in.count(2);
    List<CompiledRule> rules = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      SigmaRule rule = setRules.get(index(in, setRules.size()));
      rules.add(new CompiledRule(rule, strings(in), new Expr.Const(false), List.of()));
    }
    List<Problem> problems = problems(in);
    n = in.count(2);
    List<SetAsideRule> setAside = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      RuleInfo info = setRules.get(index(in, setRules.size())).info();
      setAside.add(checked(info, problems(in)));
    }
    n = in.count(1);
    List<RuleInfo> unmapped = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      unmapped.add(setRules.get(index(in, setRules.size())).info());
    }
    List<String> names = strings(in);
    boolean all = in.bool();
    FieldCapture capture;
    try {
      capture = new FieldCapture(names, all, java.util.Set.copyOf(strings(in)));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new MalformedBinaryException("bad capture: " + e.getMessage());
    }
    List<ValueMatcher> patterns = readPatterns(in, placeholders);
    Faults faults = new Faults();
    Parts parts = new Parts(rules, names.size(), patterns, automata, faults);
    n = in.count(8);
    List<Bucket> buckets = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      buckets.add(bucket(in, parts));
    }
    n = in.count(4);
    Map<String, Dispatch> dispatch = new HashMap<>();
    for (int i = 0; i < n; i++) {
      String source = in.text();
      String[] keyFields = strings(in).toArray(String[]::new);
      int[] keyIds = within(in.ints(), names.size());
      if (keyIds.length != keyFields.length) {
        throw new MalformedBinaryException(keyFields.length + " key fields, " + keyIds.length);
      }
      int classes = in.varint();
      Object tree = tree(in, buckets, 0, keyFields.length);
      if (dispatch.put(source, Dispatch.read(keyFields, keyIds, tree, classes)) != null) {
        throw new MalformedBinaryException("source " + source + " twice");
      }
    }
    return new SigmaProgram(
        List.copyOf(rules),
        List.copyOf(problems),
        List.copyOf(setAside),
        List.copyOf(unmapped),
        Map.copyOf(dispatch),
        capture,
        faults,
        CompiledLiterals.NONE);
  }

  /** What reading a bucket needs of the program read so far; used by one reading thread. */
  private static final class Parts {
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

  private static SetAsideRule checked(RuleInfo info, List<Problem> problems)
      throws MalformedBinaryException {
    try {
      return new SetAsideRule(info, problems);
    } catch (IllegalArgumentException e) {
      throw new MalformedBinaryException(e.getMessage());
    }
  }

  /** The patterns, each compiled from its test when first used ({@link ReadPatterns}). */
  private static List<ValueMatcher> readPatterns(BinaryIn in, Placeholders placeholders)
      throws MalformedBinaryException {
    int n = in.count(4);
    List<ValueMatcher> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      FieldTest test = RuleSetCodec.fieldTest(in);
      int count = in.count(1);
      if (count == 0) {
        throw new MalformedBinaryException("a test without patterns");
      }
      ReadPatterns patterns = new ReadPatterns(test, placeholders, count);
      for (int k = 0; k < count; k++) {
        out.add(patterns.pattern(k));
      }
    }
    return out;
  }

  private static void collect(Object at, Map<Object, Integer> bucketAt, List<Bucket> buckets) {
    if (at instanceof Dispatch.Node node) {
      for (String value : new TreeMap<>(node.named()).keySet()) {
        collect(node.named().get(value), bucketAt, buckets);
      }
      collect(node.other(), bucketAt, buckets);
    } else if (bucketAt.putIfAbsent(at, buckets.size()) == null) {
      buckets.add((Bucket) at);
    }
  }

  private static void tree(Object at, BinaryOut out, Map<Object, Integer> bucketAt)
      throws IOException {
    if (at instanceof Dispatch.Node node) {
      out.varint(1);
      Map<String, Object> sorted = new TreeMap<>(node.named());
      out.varint(sorted.size());
      for (Map.Entry<String, Object> e : sorted.entrySet()) {
        out.string(e.getKey());
        tree(e.getValue(), out, bucketAt);
      }
      tree(node.other(), out, bucketAt);
    } else {
      out.varint(0);
      out.varint(indexOf(bucketAt, at));
    }
  }

  /** A tree whose every path tests the {@code levels} key fields in turn, then names a bucket. */
  private static Object tree(BinaryIn in, List<Bucket> buckets, int depth, int levels)
      throws MalformedBinaryException {
    int tag = in.varint();
    if (tag == 0 && depth == levels) {
      return buckets.get(index(in, buckets.size()));
    }
    if (tag != 1 || depth >= levels) {
      throw new MalformedBinaryException("bad dispatch tree at level " + depth);
    }
    int n = in.count(2);
    Map<String, Object> named = new HashMap<>();
    for (int i = 0; i < n; i++) {
      String value = in.text();
      named.put(value, tree(in, buckets, depth + 1, levels));
    }
    Object other = tree(in, buckets, depth + 1, levels);
    return new Dispatch.Node(Map.copyOf(named), other);
  }

  private static void bucket(
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
        out.varint(indexOf(automatonAt, f.automaton()));
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
    strings(List.of(raw.texts()), out);
    out.ints(raw.ids());
    raw.shortOnes().write(out);
  }

  private static Bucket bucket(BinaryIn in, Parts parts) throws MalformedBinaryException {
    int atoms = in.count(2);
    int length = in.varint();
    if (length != parts.fields + 1) {
      throw new MalformedBinaryException("an index of " + length + " fields");
    }
    Bucket.FieldIndex[] index = new Bucket.FieldIndex[length];
    int present = in.count(5);
    for (int k = 0; k < present; k++) {
      int slot = index(in, length);
      if (index[slot] != null) {
        throw new MalformedBinaryException("field " + slot + " indexed twice");
      }
      int automaton = index(in, parts.automata().size());
      Bucket.PatternCheck[] plain = checks(in, parts.patterns, atoms);
      Bucket.PatternCheck[] prefiltered = checks(in, parts.patterns, atoms);
      // The automaton reports atoms and, past them, the prefiltered patterns to try.
      index[slot] =
          new Bucket.FieldIndex(
              parts.automaton(automaton, atoms + prefiltered.length),
              plain,
              prefiltered,
              within(in.ints(), atoms));
    }
    int[][] nulls = new int[in.count(2)][];
    for (int k = 0; k < nulls.length; k++) {
      nulls[k] = new int[] {index(in, atoms), index(in, length + 1) - 1};
    }
    Bucket.RefCheck[] refs = new Bucket.RefCheck[in.count(5)];
    for (int k = 0; k < refs.length; k++) {
      refs[k] =
          new Bucket.RefCheck(
              index(in, atoms),
              index(in, length + 1) - 1,
              index(in, length + 1) - 1,
              in.constant(LiteralKind.class),
              in.bool());
    }
    Bucket.RuleSlot[] slots = new Bucket.RuleSlot[in.count(6)];
    for (int k = 0; k < slots.length; k++) {
      int ruleIndex = index(in, parts.rules.size());
      Expr condition = expr(in, atoms);
      int[] ruleAtoms = within(in.ints(), atoms);
      int[] shown = within(in.ints(), atoms);
      int n = in.count(2);
      Map<String, Integer> context = new LinkedHashMap<>();
      for (int c = 0; c < n; c++) {
        context.put(in.text(), index(in, parts.fields + 1) - 1);
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
    int[] always = within(in.ints(), slots.length);
    int[][] rulesByAtom = new int[atoms][];
    for (int atom = 0; atom < atoms; atom++) {
      rulesByAtom[atom] = within(in.ints(), slots.length);
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
    String[] texts = strings(in).toArray(String[]::new);
    int[] ids = within(in.ints(), atoms);
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
      out.varint(indexOf(patternAt, c.matcher()));
    }
  }

  private static Bucket.PatternCheck[] checks(BinaryIn in, List<ValueMatcher> patterns, int atoms)
      throws MalformedBinaryException {
    Bucket.PatternCheck[] out = new Bucket.PatternCheck[in.count(2)];
    for (int k = 0; k < out.length; k++) {
      out[k] = new Bucket.PatternCheck(index(in, atoms), patterns.get(index(in, patterns.size())));
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
      case Expr.And a -> 1 + a.operands().stream().mapToInt(ProgramCodec::tokens).sum();
      case Expr.Or o -> 1 + o.operands().stream().mapToInt(ProgramCodec::tokens).sum();
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
        case 3 -> made = new Expr.Leaf(index(in, atoms));
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

  private static void problems(List<Problem> problems, BinaryOut out) throws IOException {
    out.varint(problems.size());
    for (Problem p : problems) {
      RuleSetCodec.problem(p, out);
    }
  }

  private static List<Problem> problems(BinaryIn in) throws MalformedBinaryException {
    int n = in.count(3);
    List<Problem> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(RuleSetCodec.problem(in));
    }
    return out;
  }

  private static void strings(List<String> list, BinaryOut out) throws IOException {
    out.varint(list.size());
    for (String s : list) {
      out.string(s);
    }
  }

  private static List<String> strings(BinaryIn in) throws MalformedBinaryException {
    int n = in.count(1);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(in.text());
    }
    return out;
  }

  private static int indexOf(Map<Object, Integer> numbers, Object o) {
    Integer i = numbers.get(o);
    if (i == null) {
      throw new IllegalStateException("not a part of the compiled program: " + o);
    }
    return i;
  }

  /** A number below {@code bound}. */
  private static int index(BinaryIn in, int bound) throws MalformedBinaryException {
    int i = in.varint();
    if (i >= bound) {
      throw new MalformedBinaryException(i + " where fewer than " + bound + " are");
    }
    return i;
  }

  /** {@code values}, each checked to be below {@code bound} (and not negative). */
  private static int[] within(int[] values, int bound) throws MalformedBinaryException {
    for (int v : values) {
      if (v < 0 || v >= bound) {
        throw new MalformedBinaryException(v + " where fewer than " + bound + " are");
      }
    }
    return values;
  }
}
