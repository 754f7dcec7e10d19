package dev.kasa.sigma.program;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * Which atoms make a rule a candidate: those under an even number of nots, or the cheapest set one
 * of which every way the condition holds needs.
 */
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

  @Test
  void anAndNeedsOnlyItsCheapestOperand() {
    // EventID (atom 0, set by every event of the class) and Image (1) and not filter (2)
    Expr e = new Expr.And(List.of(leaf(0), leaf(1), new Expr.Not(leaf(2))));
    Expr.Need need = Expr.needed(e, atom -> atom == 0 ? 1000 : 1);
    assertThat(need.atoms()).containsExactly(1);
    // selection1 or selection2: one of each branch's
    Expr or = new Expr.Or(List.of(e, new Expr.And(List.of(leaf(0), leaf(3)))));
    assertThat(Expr.needed(or, atom -> atom == 0 ? 1000 : 1).atoms())
        .containsExactlyInAnyOrder(1, 3);
    assertThat(Expr.needed(new Expr.Not(leaf(1)), atom -> 1)).isNull();
  }

  /**
   * On random conditions over six atoms and random costs, every assignment of atoms that makes a
   * condition true (when it is false with none) sets one of the atoms it needs.
   */
  @Property(tries = 2000)
  void aTrueConditionSetsANeededAtom(@ForAll long seed) {
    java.util.Random random = new java.util.Random(seed);
    Expr e = randomExpr(random, 4);
    int[] costs = random.ints(6, 0, 50).toArray();
    Expr.Need need = Expr.needed(e, atom -> costs[atom]);
    if (need == null || Expr.eval(e, new long[1])) {
      return;
    }
    for (long bits = 0; bits < 64; bits++) {
      if (Expr.eval(e, new long[] {bits})) {
        long set = bits;
        assertThat(need.atoms())
            .as("%s with %s", e, Long.toBinaryString(bits))
            .anyMatch(a -> (set & (1L << a)) != 0);
      }
    }
  }

  private static Expr randomExpr(java.util.Random random, int depth) {
    int pick = depth == 0 ? 0 : random.nextInt(5);
    return switch (pick) {
      case 1 -> new Expr.And(List.of(randomExpr(random, depth - 1), randomExpr(random, depth - 1)));
      case 2 -> new Expr.Or(List.of(randomExpr(random, depth - 1), randomExpr(random, depth - 1)));
      case 3 -> new Expr.Not(randomExpr(random, depth - 1));
      case 4 -> new Expr.Const(random.nextBoolean());
      default -> leaf(random.nextInt(6));
    };
  }
}
