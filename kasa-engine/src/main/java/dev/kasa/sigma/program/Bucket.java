package dev.kasa.sigma.program;

import dev.kasa.event.DecodedRecord;
import dev.kasa.sigma.match.CaseFold;
import dev.kasa.sigma.match.LiteralAutomaton;
import dev.kasa.sigma.match.LiteralKind;
import dev.kasa.sigma.match.ValueMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every rule that applies to one event class, compiled together: one {@link FieldIndex} per
 * captured field (an automaton over all literals any rule tests on it, plus the patterns), the
 * rules' conditions over shared atom ids, and which rules each atom can make true. Immutable and
 * thread-safe; per-event state lives in {@link Scratch}.
 */
final class Bucket {
  final int atomCount;
  private final FieldIndex[] index;
  private final int[][] nulls;
  private final RefCheck[] refs;
  final RuleSlot[] rules;
  private final int[] always;
  private final int[][] rulesByAtom;
  private final String[] atomField;
  private final String[][] atomKeywords;
  private final Faults faults;
  private final RawKeywordScan rawKeywords;

  Bucket(
      int atomCount,
      FieldIndex[] index,
      int[][] nulls,
      RefCheck[] refs,
      RuleSlot[] rules,
      int[] always,
      int[][] rulesByAtom,
      String[] atomField,
      String[][] atomKeywords,
      RawKeywordScan rawKeywords,
      Faults faults) {
    this.atomKeywords = atomKeywords;
    this.rawKeywords = rawKeywords;
    this.faults = faults;
    this.atomCount = atomCount;
    this.index = index;
    this.nulls = nulls;
    this.refs = refs;
    this.rules = rules;
    this.always = always;
    this.rulesByAtom = rulesByAtom;
    this.atomField = atomField;
  }

  /** One field's index: literal automaton (ids ≥ atomCount prefilter pattern id-atomCount). */
  record FieldIndex(
      LiteralAutomaton automaton,
      PatternCheck[] plain,
      PatternCheck[] prefiltered,
      int[] presentAtoms) {}

  record PatternCheck(int atom, ValueMatcher matcher) {}

  record RefCheck(int atom, int field, int other, LiteralKind kind, boolean cased) {}

  /**
   * @param shownAtoms the atoms not under a {@code not}, whose values a match reports
   * @param always true when the condition can hold with no atom satisfied
   * @param context Sigma field → capture id, for the fields correlations need
   */
  record RuleSlot(
      int ruleIndex,
      CompiledRule rule,
      Expr condition,
      int[] atoms,
      int[] shownAtoms,
      Map<String, Integer> context,
      boolean always) {}

  /** The literal automaton of each indexed field (for tests: buckets share equal ones). */
  List<LiteralAutomaton> automata() {
    List<LiteralAutomaton> out = new ArrayList<>();
    for (FieldIndex f : index) {
      if (f != null) {
        out.add(f.automaton());
      }
    }
    return out;
  }

  /**
   * True when some rule of the bucket searches keywords in every value of an event (not only in its
   * raw text): its records must have every field captured ({@code DecodedRecord.everyValue()}).
   */
  boolean searchesEveryValue() {
    return index[index.length - 1] != null;
  }

  String atomField(int atom) {
    return atomField[atom];
  }

  /** The literal keywords of keyword atom {@code atom} (folded unless cased), or null. */
  String[] atomKeywords(int atom) {
    return atomKeywords[atom];
  }

  /**
   * Evaluates every rule of the bucket against {@code r}; calls {@code out} for each rule that
   * matched, once per rule, in bucket order.
   */
  void evaluate(DecodedRecord r, Scratch s, MatchOut out) {
    s.begin(this, r);
    int n = r.capturedCount();
    int keywordSlot = index.length - 1;
    FieldIndex keywords = index[keywordSlot];
    for (int i = 0; i < n; i++) {
      int id = r.capturedId(i);
      // The value's text is made only where an index of this bucket reads it: the capture holds
      // the fields of every class's rules, and a class's bucket reads few of them.
      String value = null;
      if (id >= 0) {
        s.present(id);
        FieldIndex fi = index[id];
        if (fi != null) {
          for (int atom : fi.presentAtoms()) {
            s.set(atom, i);
          }
          if (!known(fi, id, r, i, s)) {
            value = r.capturedValue(i);
            if (value != null) {
              scan(fi, id, value, r, i, s);
            }
          }
        }
        if (r.capturedNonEmpty(i)) {
          s.nonEmpty(id);
        }
      }
      if (keywords != null && !known(keywords, keywordSlot, r, i, s)) {
        if (value == null) {
          value = r.capturedValue(i);
        }
        if (value != null) {
          scan(keywords, keywordSlot, value, r, i, s);
        }
      }
    }
    if (!rawKeywords.isEmpty()) {
      s.value = -1;
      rawKeywords.scan(r, s);
    }
    for (int[] nul : nulls) {
      if (nul[1] < 0 || !s.isNonEmpty(nul[1])) {
        s.set(nul[0], -1);
      }
    }
    for (RefCheck ref : refs) {
      if (ref.field() >= 0 && ref.other() >= 0 && related(r, ref)) {
        s.set(ref.atom(), -1);
      }
    }
    for (int slot : always) {
      s.candidate(slot);
    }
    for (int k = 0; k < s.touchedCount; k++) {
      for (int slot : rulesByAtom[s.touched[k]]) {
        s.candidate(slot);
      }
    }
    boolean anyFault = !faults.isEmpty();
    int matched = 0;
    for (int k = 0; k < s.candidateCount; k++) {
      int c = s.candidates[k];
      RuleSlot slot = rules[c];
      if (anyFault && faults.disabled(slot.ruleIndex())) {
        continue;
      }
      if (Expr.eval(slot.condition(), s.bits)) {
        // Matched candidates are compacted in place; reported in rule order below.
        s.candidates[matched++] = c;
      }
    }
    if (matched > 1) {
      java.util.Arrays.sort(s.candidates, 0, matched);
    }
    for (int k = 0; k < matched; k++) {
      out.matched(rules[s.candidates[k]], s);
    }
  }

  /**
   * Sets the atoms {@code value} (captured value {@code capture}) satisfies among those of field
   * index {@code field}. A value's atoms (but a very short or very long one's) are kept in the
   * thread's memo of the index, so that the next event with the same value sets them without
   * searching it again.
   */
  private void scan(
      FieldIndex fi, int field, String value, DecodedRecord r, int capture, Scratch s) {
    s.value = capture;
    byte[] b = r.capturedBytes(capture);
    if (b != null && r.capturedTo(capture) - r.capturedFrom(capture) <= ValueMemo.MAX_CHARS) {
      // Kept by its bytes, short values too: a repeat then costs neither a walk nor a String.
      int from = r.capturedFrom(capture);
      int to = r.capturedTo(capture);
      ValueMemo memo = s.memo(this, field, index.length);
      s.record();
      search(fi, value, r, capture, s);
      int[] found = s.recorded();
      if (found != null) {
        // The hash known() took of these bytes, which always looks a byte-held value up first.
        s.rememberBytes(memo, b, from, to, s.bytesHash, found);
      }
      return;
    }
    int n = value.length();
    if (n < ValueMemo.MIN_CHARS || n > ValueMemo.MAX_CHARS) {
      search(fi, value, r, capture, s);
      return;
    }
    ValueMemo memo = s.memo(this, field, index.length);
    int hash = value.hashCode();
    int[] known = memo.get(value, hash);
    if (known != null) {
      for (int atom : known) {
        s.set(atom, capture);
      }
      return;
    }
    s.record();
    search(fi, value, r, capture, s);
    int[] found = s.recorded();
    if (found != null) {
      s.remember(memo, value, hash, found);
    }
  }

  /**
   * Whether captured value {@code capture}, still as the bytes it was captured from, was seen
   * before by field index {@code field}: its atoms are then set from the memo, and its text is
   * never made. A value the memo does not hold is searched by {@link #scan}, which keeps it by its
   * bytes.
   */
  private boolean known(FieldIndex fi, int field, DecodedRecord r, int capture, Scratch s) {
    byte[] b = r.capturedBytes(capture);
    if (b == null) {
      return false;
    }
    int from = r.capturedFrom(capture);
    int to = r.capturedTo(capture);
    if (to - from > ValueMemo.MAX_CHARS) {
      return false;
    }
    ValueMemo memo = s.memo(this, field, index.length);
    int hash = ValueMemo.hash(b, from, to);
    s.bytesHash = hash;
    int[] found = memo.getBytes(b, from, to, hash);
    if (found == null) {
      return false;
    }
    s.value = capture;
    for (int atom : found) {
      s.set(atom, capture);
    }
    return true;
  }

  private void search(FieldIndex fi, String value, DecodedRecord r, int capture, Scratch s) {
    fi.automaton().scan(value, s, s.lines);
    for (PatternCheck p : fi.plain()) {
      if (s.isSet(p.atom())) {
        s.already(p.atom());
      } else if (test(p, value, r, capture, s)) {
        s.set(p.atom(), capture);
      }
    }
    if (s.flaggedCount > 0) {
      for (int k = 0; k < s.flaggedCount; k++) {
        PatternCheck p = fi.prefiltered()[s.flagged[k]];
        if (s.isSet(p.atom())) {
          s.already(p.atom());
        } else if (test(p, value, r, capture, s)) {
          s.set(p.atom(), capture);
        }
      }
      s.clearFlagged();
    }
  }

  /**
   * A test that would cost more than the budget is not run (it does not hold) and is recorded for
   * the rules using it; a test that throws disables them instead of ending the scan.
   */
  private boolean test(PatternCheck p, String value, DecodedRecord r, int capture, Scratch s) {
    long instructions = p.matcher().instructions();
    int chars = value.length();
    if (instructions != 0 && chars > 0 && instructions > SigmaProgram.REGEX_BUDGET / chars) {
      s.untested();
      for (int slot : usersOf(p.atom())) {
        faults.stop(
            rules[slot].ruleIndex(),
            p.matcher().describe(),
            s.input,
            r.line(),
            r.capturedName(capture),
            chars,
            instructions);
      }
      return false;
    }
    try {
      return p.matcher().test(value);
    } catch (RuntimeException e) {
      s.untested();
      for (int slot : usersOf(p.atom())) {
        faults.disable(
            rules[slot].ruleIndex(), p.matcher().describe() + " threw " + e.getClass().getName());
      }
      return false;
    }
  }

  /**
   * The rules whose condition uses {@code atom} anywhere (also under a {@code not}, where {@link
   * #rulesByAtom} does not name them); looked up only when a test faults.
   */
  private int[] usersOf(int atom) {
    return java.util.stream.IntStream.range(0, rules.length)
        .filter(slot -> java.util.Arrays.binarySearch(rules[slot].atoms(), atom) >= 0)
        .toArray();
  }

  private static boolean related(DecodedRecord r, RefCheck ref) {
    int n = r.capturedCount();
    for (int i = 0; i < n; i++) {
      if (r.capturedId(i) != ref.field() || r.capturedValue(i) == null) {
        continue;
      }
      String a = ref.cased() ? r.capturedValue(i) : CaseFold.fold(r.capturedValue(i));
      for (int j = 0; j < n; j++) {
        if (r.capturedId(j) != ref.other() || r.capturedValue(j) == null) {
          continue;
        }
        String b = ref.cased() ? r.capturedValue(j) : CaseFold.fold(r.capturedValue(j));
        boolean ok =
            switch (ref.kind()) {
              case EQUALS -> a.equals(b);
              case CONTAINS -> a.contains(b);
              case STARTS_WITH -> a.startsWith(b);
              case ENDS_WITH -> a.endsWith(b);
            };
        if (ok) {
          return true;
        }
      }
    }
    return false;
  }

  // What ProgramCodec writes of a bucket (the arrays themselves: never changed).

  FieldIndex[] index() {
    return index;
  }

  int[][] nulls() {
    return nulls;
  }

  RefCheck[] refs() {
    return refs;
  }

  int[] always() {
    return always;
  }

  int[][] rulesByAtom() {
    return rulesByAtom;
  }

  String[] atomFields() {
    return atomField;
  }

  String[][] atomKeywordLists() {
    return atomKeywords;
  }

  RawKeywordScan rawKeywords() {
    return rawKeywords;
  }

  /** Receives the rules a record matched. */
  interface MatchOut {
    void matched(RuleSlot slot, Scratch scratch);
  }
}
