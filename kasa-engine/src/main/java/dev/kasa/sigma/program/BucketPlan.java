package dev.kasa.sigma.program;

import dev.kasa.sigma.match.LiteralAutomaton;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A compiled {@link Bucket} but for its literal automata: what {@link BucketCompiler} produces, so
 * that a program can build each distinct automaton once (and on several threads) before it turns
 * its plans into buckets. Built and used on the compiling thread.
 */
final class BucketPlan {
  private final int atomCount;
  private final Field[] index;
  private final int[][] nulls;
  private final Bucket.RefCheck[] refs;
  private final Bucket.RuleSlot[] rules;
  private final int[] always;
  private final int[][] rulesByAtom;
  private final String[] atomField;
  private final String[][] atomKeywords;
  private final RawKeywordScan rawKeywords;
  private final Faults faults;

  /** One field's index before its automaton is built (see {@link Bucket.FieldIndex}). */
  record Field(
      FieldLiterals literals,
      Bucket.PatternCheck[] plain,
      Bucket.PatternCheck[] prefiltered,
      int[] presentAtoms) {}

  BucketPlan(
      int atomCount,
      Field[] index,
      int[][] nulls,
      Bucket.RefCheck[] refs,
      Bucket.RuleSlot[] rules,
      int[] always,
      int[][] rulesByAtom,
      String[] atomField,
      String[][] atomKeywords,
      RawKeywordScan rawKeywords,
      Faults faults) {
    this.atomKeywords = atomKeywords;
    this.atomCount = atomCount;
    this.index = index;
    this.nulls = nulls;
    this.refs = refs;
    this.rules = rules;
    this.always = always;
    this.rulesByAtom = rulesByAtom;
    this.atomField = atomField;
    this.rawKeywords = rawKeywords;
    this.faults = faults;
  }

  /** The literal sets whose automata this bucket needs, one per indexed field. */
  List<FieldLiterals> literals() {
    return Arrays.stream(index).filter(Objects::nonNull).map(Field::literals).toList();
  }

  /**
   * The bucket, its automata taken from {@code automata}.
   *
   * @throws IllegalStateException when an automaton this plan needs is missing
   */
  Bucket build(Map<FieldLiterals, LiteralAutomaton> automata) {
    Bucket.FieldIndex[] fields = new Bucket.FieldIndex[index.length];
    for (int i = 0; i < index.length; i++) {
      Field f = index[i];
      if (f == null) {
        continue;
      }
      LiteralAutomaton automaton = automata.get(f.literals());
      if (automaton == null) {
        throw new IllegalStateException("no automaton built for field slot " + i);
      }
      fields[i] = new Bucket.FieldIndex(automaton, f.plain(), f.prefiltered(), f.presentAtoms());
    }
    return new Bucket(
        atomCount,
        fields,
        nulls,
        refs,
        rules,
        always,
        rulesByAtom,
        atomField,
        atomKeywords,
        rawKeywords,
        faults);
  }
}
