package dev.kasa.sigma.program;

import dev.kasa.sigma.match.LiteralAutomaton;
import dev.kasa.sigma.match.Needle;
import java.util.List;

/**
 * The literals one bucket tests on one field, each with the id the automaton reports for it. Equal
 * values build equal automata, so a program builds each distinct one once and its buckets share it
 * (event classes with the same rules on a field are common: Sysmon 1 and Security 4688 hold every
 * process-creation rule).
 */
record FieldLiterals(List<Needle.Literal> literals, List<Integer> ids) {
  FieldLiterals {
    literals = List.copyOf(literals);
    ids = List.copyOf(ids);
    if (literals.size() != ids.size()) {
      throw new IllegalArgumentException(
          "literals and ids differ in number: " + literals.size() + " and " + ids.size());
    }
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
}
