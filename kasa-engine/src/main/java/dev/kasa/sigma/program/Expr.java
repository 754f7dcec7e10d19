package dev.kasa.sigma.program;

import java.util.List;

/**
 * A rule's condition compiled over atom ids: what {@link Bucket} evaluates against the bit set of
 * atoms an event satisfied.
 */
sealed interface Expr permits Expr.And, Expr.Or, Expr.Not, Expr.Leaf, Expr.Const {
  record And(List<Expr> operands) implements Expr {
    public And {
      operands = List.copyOf(operands);
    }
  }

  record Or(List<Expr> operands) implements Expr {
    public Or {
      operands = List.copyOf(operands);
    }
  }

  record Not(Expr operand) implements Expr {}

  /** Atom {@code atom} of the bucket; {@code field} is the event field it tests, for reports. */
  record Leaf(int atom) implements Expr {}

  record Const(boolean value) implements Expr {}

  /** Evaluates {@code e} over the atom bits {@code bits}. */
  static boolean eval(Expr e, long[] bits) {
    return switch (e) {
      case And a -> {
        for (Expr o : a.operands()) {
          if (!eval(o, bits)) {
            yield false;
          }
        }
        yield true;
      }
      case Or o -> {
        for (Expr x : o.operands()) {
          if (eval(x, bits)) {
            yield true;
          }
        }
        yield false;
      }
      case Not n -> !eval(n.operand(), bits);
      case Leaf l -> (bits[l.atom() >>> 6] & (1L << l.atom())) != 0;
      case Const c -> c.value();
    };
  }

  /** Adds every atom id in {@code e} to {@code into}. */
  static void atoms(Expr e, java.util.Set<Integer> into) {
    switch (e) {
      case And a -> a.operands().forEach(o -> atoms(o, into));
      case Or o -> o.operands().forEach(x -> atoms(x, into));
      case Not n -> atoms(n.operand(), into);
      case Leaf l -> into.add(l.atom());
      case Const c -> {}
    }
  }

  /** Adds the atom ids of {@code e} that are not under a {@code not}: those that can show why. */
  /**
   * The atoms that occur under an even number of {@code not}s. A condition that is false with no
   * atom set can become true only when one of these is set (it only grows with them, and only
   * shrinks with the others), so they alone need to make a rule a candidate.
   */
  static void triggerAtoms(Expr e, boolean positive, java.util.Set<Integer> into) {
    switch (e) {
      case And a -> a.operands().forEach(o -> triggerAtoms(o, positive, into));
      case Or o -> o.operands().forEach(x -> triggerAtoms(x, positive, into));
      case Not n -> triggerAtoms(n.operand(), !positive, into);
      case Leaf l -> {
        if (positive) {
          into.add(l.atom());
        }
      }
      case Const c -> {}
    }
  }

  static void positiveAtoms(Expr e, java.util.Set<Integer> into) {
    switch (e) {
      case And a -> a.operands().forEach(o -> positiveAtoms(o, into));
      case Or o -> o.operands().forEach(x -> positiveAtoms(x, into));
      case Not n -> {}
      case Leaf l -> into.add(l.atom());
      case Const c -> {}
    }
  }
}
