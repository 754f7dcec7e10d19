package dev.kasa.sigma.program;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Which atoms make a rule a candidate: those under an even number of nots. */
class TriggerAtomsTest {
  private static Set<Integer> triggers(Expr e) {
    Set<Integer> out = new TreeSet<>();
    Expr.triggerAtoms(e, true, out);
    return out;
  }

  private static Expr leaf(int atom) {
    return new Expr.Leaf(atom);
  }

  @Test
  void aFiltersAtomsAreNoTriggers() {
    // selection and not filter
    Expr e = new Expr.And(List.of(leaf(0), new Expr.Not(new Expr.Or(List.of(leaf(1), leaf(2))))));
    assertThat(triggers(e)).containsExactly(0);
  }

  @Test
  void aDoubleNegationTriggers() {
    // c and not not b: true only with both set.
    Expr e = new Expr.And(List.of(leaf(3), new Expr.Not(new Expr.Not(leaf(4)))));
    assertThat(triggers(e)).containsExactly(3, 4);
    assertThat(triggers(new Expr.Not(new Expr.And(List.of(leaf(5), new Expr.Not(leaf(6)))))))
        .containsExactly(6);
  }

  @Test
  void anAtomUsedBothWaysTriggers() {
    Expr e = new Expr.Or(List.of(leaf(7), new Expr.Not(leaf(7))));
    assertThat(triggers(e)).containsExactly(7);
  }
}
