package dev.kasa.sigma.program;

import dev.kasa.sigma.match.FieldPredicate;
import dev.kasa.sigma.match.LiteralKind;
import dev.kasa.sigma.match.Needle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Second compiler pass, for one event class (one source and one set of dispatch values): collapses
 * equal tests of all applicable rules into shared atoms, indexes every literal of a field into one
 * automaton, prefilters patterns by their required literals, and keeps per rule its condition over
 * atom ids. The automata are built afterwards, once per distinct {@link FieldLiterals} of the
 * program ({@link BucketPlan}).
 */
final class BucketCompiler {
  private final Map<String, Integer> captureIds;
  private final Faults faults;
  private final boolean jsonSource;
  private final Map<List<String>, RawKeywordScan.Tables> rawTables;
  private final Map<Atom, Integer> atomIds = new LinkedHashMap<>();
  private final List<Atom> atoms = new ArrayList<>();

  /**
   * @param rawTables the raw keyword pair tables of the program so far, by their texts (shared by
   *     buckets with the same keywords; new ones are added)
   */
  BucketCompiler(
      Map<String, Integer> captureIds,
      boolean jsonSource,
      Faults faults,
      Map<List<String>, RawKeywordScan.Tables> rawTables) {
    this.rawTables = rawTables;
    this.jsonSource = jsonSource;
    this.captureIds = captureIds;
    this.faults = faults;
  }

  /** The bucket of {@code entries}, all but its literal automata (see {@link BucketPlan}). */
  BucketPlan compile(List<Entry> entries) {
    List<Bucket.RuleSlot> slots = new ArrayList<>();
    List<Set<Integer>> triggers = new ArrayList<>();
    for (Entry e : entries) {
      Expr condition = substitute(e.rule().condition(), e);
      triggers.add(triggers(condition, e));
      TreeSet<Integer> used = new TreeSet<>();
      Expr.atoms(condition, used);
      int[] ruleAtoms = used.stream().mapToInt(Integer::intValue).toArray();
      TreeSet<Integer> positive = new TreeSet<>();
      Expr.positiveAtoms(condition, positive);
      Map<String, Integer> context = new LinkedHashMap<>();
      for (String sigma : e.context()) {
        context.put(sigma, captureIds.getOrDefault(e.event(sigma), -1));
      }
      slots.add(
          new Bucket.RuleSlot(
              e.ruleIndex(),
              e.rule(),
              condition,
              ruleAtoms,
              positive.stream().mapToInt(Integer::intValue).toArray(),
              context,
              alwaysCandidate(condition)));
    }
    return assemble(slots, triggers);
  }

  /**
   * The atoms that make a rule a candidate: one of those {@link Expr#needed} names, preferring
   * atoms few events of the bucket set (not the tests of the fields that select the bucket, such as
   * {@code EventID}, nor a field's presence); else every atom that can make it true ({@link
   * Expr#triggerAtoms}).
   */
  private Set<Integer> triggers(Expr condition, Entry e) {
    Expr.Need need =
        Expr.needed(
            condition,
            atom ->
                switch (atoms.get(atom)) {
                  case Atom.Values v ->
                      v.field() != null && e.conditions().containsKey(v.field()) ? 1000 : 1;
                  case Atom.Present p -> 100;
                  case Atom.Ref r -> 10;
                });
    Set<Integer> out = new TreeSet<>();
    if (need != null) {
      out.addAll(need.atoms());
    } else {
      Expr.triggerAtoms(condition, true, out);
    }
    return out;
  }

  private boolean alwaysCandidate(Expr condition) {
    // A condition true with no atom satisfied (e.g. "not filter") must be evaluated on every event.
    return Expr.eval(condition, new long[(atoms.size() >>> 6) + 1]);
  }

  private Expr substitute(Expr e, Entry entry) {
    return switch (e) {
      case Expr.And a ->
          new Expr.And(a.operands().stream().map(o -> substitute(o, entry)).toList());
      case Expr.Or o -> new Expr.Or(o.operands().stream().map(x -> substitute(x, entry)).toList());
      case Expr.Not n -> new Expr.Not(substitute(n.operand(), entry));
      case Expr.Const c -> c;
      case Expr.Leaf l -> {
        CompiledRule.Test t = entry.rule().tests().get(l.atom());
        yield predicate(t.predicate(), entry.event(t.field()), entry);
      }
    };
  }

  private Expr predicate(FieldPredicate p, String field, Entry entry) {
    return switch (p) {
      case FieldPredicate.AnyOf any -> leaf(new Atom.Values(field, any.needles()));
      case FieldPredicate.AllOf all ->
          new Expr.And(all.parts().stream().map(x -> predicate(x, field, entry)).toList());
      case FieldPredicate.Exists ex -> {
        if (field == null) {
          yield new Expr.Const(false);
        }
        Expr present = leaf(new Atom.Present(field));
        yield ex.present() ? present : new Expr.Not(present);
      }
      case FieldPredicate.FieldRef ref ->
          field == null
              ? new Expr.Const(false)
              : leaf(new Atom.Ref(field, entry.event(ref.other()), ref.kind(), ref.cased()));
      case FieldPredicate.Not n -> new Expr.Not(predicate(n.operand(), field, entry));
    };
  }

  private Expr leaf(Atom a) {
    Integer id = atomIds.get(a);
    if (id == null) {
      id = atoms.size();
      atoms.add(a);
      atomIds.put(a, id);
    }
    return new Expr.Leaf(id);
  }

  private BucketPlan assemble(List<Bucket.RuleSlot> slots, List<Set<Integer>> triggers) {
    int n = atoms.size();
    int fields = captureIds.size();
    // A program captures thousands of fields and a bucket tests few: slots made on first use.
    SlotTests[] tests = new SlotTests[fields + 1];
    List<int[]> nulls = new ArrayList<>();
    RawKeywordScan.Builder raw = RawKeywordScan.builder();
    List<Bucket.RefCheck> refs = new ArrayList<>();
    String[] atomField = new String[n];
    String[][] atomKeywords = new String[n][];
    for (int atom = 0; atom < n; atom++) {
      Atom a = atoms.get(atom);
      atomField[atom] = a.field();
      if (a.field() == null && a instanceof Atom.Values v) {
        // Kept to say which keyword a match found (looked for again only in matching events).
        atomKeywords[atom] =
            v.needles().stream()
                .filter(x -> x instanceof Needle.Literal)
                .map(x -> ((Needle.Literal) x).text())
                .toArray(String[]::new);
      }
      // Slot "fields" (the last) is the keyword index, applied to every captured value.
      int slot = a.field() == null ? fields : captureIds.getOrDefault(a.field(), -1);
      switch (a) {
        case Atom.Values v -> {
          for (Needle needle : v.needles()) {
            switch (needle) {
              case Needle.Literal lit -> {
                Needle.Literal rawForm =
                    a.field() == null ? RawKeywords.rawForm(lit, jsonSource) : null;
                if (rawForm != null) {
                  raw.add(rawForm, atom);
                } else if (slot >= 0) {
                  SlotTests t = SlotTests.at(tests, slot);
                  t.literals.add(lit);
                  t.literalIds.add(atom);
                }
              }
              case Needle.Pattern pat -> {
                if (slot < 0) {
                  continue;
                }
                List<String> required = pat.matcher().requiredLiterals();
                SlotTests t = SlotTests.at(tests, slot);
                if (required.isEmpty()) {
                  t.plain.add(new Bucket.PatternCheck(atom, pat.matcher()));
                } else {
                  int index = t.prefiltered.size();
                  t.prefiltered.add(new Bucket.PatternCheck(atom, pat.matcher()));
                  for (String lit : required) {
                    t.literals.add(new Needle.Literal(LiteralKind.CONTAINS, lit, false));
                    t.literalIds.add(n + index);
                  }
                }
              }
              case Needle.Null nul -> nulls.add(new int[] {atom, slot});
            }
          }
        }
        case Atom.Present p -> {
          if (slot >= 0) {
            SlotTests.at(tests, slot).present.add(atom);
          }
        }
        case Atom.Ref r ->
            refs.add(
                new Bucket.RefCheck(
                    atom, slot, captureIds.getOrDefault(r.other(), -1), r.kind(), r.cased()));
      }
    }
    BucketPlan.Field[] index = new BucketPlan.Field[fields + 1];
    for (int i = 0; i <= fields; i++) {
      SlotTests t = tests[i];
      if (t == null || t.literals.isEmpty() && t.plain.isEmpty() && t.present.isEmpty()) {
        continue;
      }
      index[i] =
          new BucketPlan.Field(
              new FieldLiterals(t.literals, t.literalIds),
              t.plain.toArray(Bucket.PatternCheck[]::new),
              t.prefiltered.toArray(Bucket.PatternCheck[]::new),
              t.present.stream().mapToInt(Integer::intValue).toArray());
    }
    Map<Integer, List<Integer>> rulesByAtom = new HashMap<>();
    List<Integer> always = new ArrayList<>();
    for (int s = 0; s < slots.size(); s++) {
      Bucket.RuleSlot slot = slots.get(s);
      if (slot.always()) {
        always.add(s); // evaluated for every event: no atom needs to name it
        continue;
      }
      // Only atoms that the condition needs make the rule a candidate: a filter's atoms, under a
      // not, fire on many events but can only make a rule false.
      for (int atom : triggers.get(s)) {
        rulesByAtom.computeIfAbsent(atom, k -> new ArrayList<>()).add(s);
      }
    }
    int[][] byAtom = new int[n][];
    for (int atom = 0; atom < n; atom++) {
      byAtom[atom] =
          rulesByAtom.getOrDefault(atom, List.of()).stream().mapToInt(Integer::intValue).toArray();
    }
    return new BucketPlan(
        n,
        index,
        nulls.toArray(int[][]::new),
        refs.toArray(Bucket.RefCheck[]::new),
        slots.toArray(Bucket.RuleSlot[]::new),
        always.stream().mapToInt(Integer::intValue).toArray(),
        byAtom,
        atomField,
        atomKeywords,
        raw.build(rawTables),
        faults);
  }

  /** The tests of one capture slot of a bucket, gathered before its index is made. */
  private static final class SlotTests {
    final List<Needle.Literal> literals = new ArrayList<>();
    final List<Integer> literalIds = new ArrayList<>();
    final List<Bucket.PatternCheck> plain = new ArrayList<>();
    final List<Bucket.PatternCheck> prefiltered = new ArrayList<>();
    final List<Integer> present = new ArrayList<>();

    static SlotTests at(SlotTests[] tests, int slot) {
      SlotTests t = tests[slot];
      if (t == null) {
        t = new SlotTests();
        tests[slot] = t;
      }
      return t;
    }
  }
}
