package dev.kasa.sigma.program;

import dev.kasa.Problem;
import dev.kasa.event.FieldCapture;
import dev.kasa.sigma.binary.BinaryIn;
import dev.kasa.sigma.binary.BinaryOut;
import dev.kasa.sigma.binary.MalformedBinaryException;
import dev.kasa.sigma.match.LiteralAutomaton;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A compiled {@link SigmaProgram} in Kasa's binary form, for the compiled-rules cache: what its
 * compile made (the rules' techniques, problems, rules set aside and unmapped, the capture, every
 * source's decision tree, every bucket's atoms, conditions, indexes and raw keyword texts: {@link
 * BucketCodec}) written so that {@link #read} makes a program that matches exactly as the one
 * written, without compiling it. What is derived from those parts is derived again when read, as
 * when compiled: the literal automata's walking tables, the raw keyword scans' pair tables. The few
 * tests that are not literals (regular expressions, globs with inner wildcards, CIDR, numbers, time
 * parts) are written as the field tests they were compiled from, each compiled again when first
 * used ({@link ReadPatterns}). A program read back keeps of each rule what matching reads (the rule
 * and its ATT&CK techniques), not its condition over field tests, which only the compile reads; it
 * has no {@link SigmaProgram#literals()} and its dispatches no entries. Stateless.
 */
public final class ProgramCodec {
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
      BucketCodec.write(b, out, patternAt, automatonAt);
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
    BucketCodec.Parts parts =
        new BucketCodec.Parts(rules, names.size(), patterns, automata, faults);
    n = in.count(8);
    List<Bucket> buckets = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      buckets.add(BucketCodec.read(in, parts));
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

  static void strings(List<String> list, BinaryOut out) throws IOException {
    out.varint(list.size());
    for (String s : list) {
      out.string(s);
    }
  }

  static List<String> strings(BinaryIn in) throws MalformedBinaryException {
    int n = in.count(1);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(in.text());
    }
    return out;
  }

  static int indexOf(Map<Object, Integer> numbers, Object o) {
    Integer i = numbers.get(o);
    if (i == null) {
      throw new IllegalStateException("not a part of the compiled program: " + o);
    }
    return i;
  }

  /** A number below {@code bound}. */
  static int index(BinaryIn in, int bound) throws MalformedBinaryException {
    int i = in.varint();
    if (i >= bound) {
      throw new MalformedBinaryException(i + " where fewer than " + bound + " are");
    }
    return i;
  }

  /** {@code values}, each checked to be below {@code bound} (and not negative). */
  static int[] within(int[] values, int bound) throws MalformedBinaryException {
    for (int v : values) {
      if (v < 0 || v >= bound) {
        throw new MalformedBinaryException(v + " where fewer than " + bound + " are");
      }
    }
    return values;
  }
}
