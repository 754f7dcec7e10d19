package dev.kasa.sigma.program;

import dev.kasa.sigma.match.LiteralAutomaton;
import dev.kasa.sigma.match.Needle;
import java.util.Comparator;
import java.util.List;

/**
 * The literals one bucket tests on one field, each with the id the automaton reports for it. Equal
 * values build equal automata, so a program builds each distinct one once and its buckets share it
 * (event classes with the same rules on a field are common: Sysmon 1 and Security 4688 hold every
 * process-creation rule). A value class (equality by content) whose hash is computed once: these
 * hold thousands of literals and are looked up in maps several times per compile.
 */
final class FieldLiterals {
  /** A total order consistent with {@link #equals}: by size, then literal by literal, then ids. */
  static final Comparator<FieldLiterals> ORDER =
      (a, b) -> {
        int c = Integer.compare(a.literals.size(), b.literals.size());
        for (int k = 0; c == 0 && k < a.literals.size(); k++) {
          c = compare(a.literals.get(k), b.literals.get(k));
          if (c == 0) {
            c = Integer.compare(a.ids.get(k), b.ids.get(k));
          }
        }
        return c;
      };

  private final List<Needle.Literal> literals;
  private final List<Integer> ids;
  private final int hash;

  FieldLiterals(List<Needle.Literal> literals, List<Integer> ids) {
    this.literals = List.copyOf(literals);
    this.ids = List.copyOf(ids);
    if (literals.size() != ids.size()) {
      throw new IllegalArgumentException(
          "literals and ids differ in number: " + literals.size() + " and " + ids.size());
    }
    this.hash = 31 * this.literals.hashCode() + this.ids.hashCode();
  }

  List<Needle.Literal> literals() {
    return literals;
  }

  List<Integer> ids() {
    return ids;
  }

  /**
   * The automaton of these literals.
   *
   * @throws IllegalArgumentException when they are too long in total for one automaton
   */
  LiteralAutomaton build() {
    LiteralAutomaton.Builder b = LiteralAutomaton.builder();
    for (int k = 0; k < literals.size(); k++) {
      b.add(literals.get(k), ids.get(k));
    }
    return b.build();
  }

  private static int compare(Needle.Literal a, Needle.Literal b) {
    int c = a.kind().compareTo(b.kind());
    if (c == 0) {
      c = a.text().compareTo(b.text());
    }
    return c != 0 ? c : Boolean.compare(a.cased(), b.cased());
  }

  @Override
  public boolean equals(Object o) {
    return o == this
        || (o instanceof FieldLiterals f
            && f.hash == hash
            && f.literals.equals(literals)
            && f.ids.equals(ids));
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "FieldLiterals[" + literals.size() + " literals]";
  }
}
