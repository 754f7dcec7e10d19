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

  /**
   * Atoms one of which is set whenever {@code e} holds, chosen cheap by {@code cost} (of an atom:
   * how often it is set), or null when no such set is known (under a {@code not}, a constant true).
   * An {@code and} needs only one operand: the cheapest operand's set; an {@code or} needs one of
   * its operands' sets. A rule need be a candidate only when one of these atoms is set, so an atom
   * every event of the class sets ({@code EventID: 4624} in a 4624 bucket) makes no rule a
   * candidate when a rarer one of the same {@code and} can stand in for it.
   */
  static Need needed(Expr e, java.util.function.IntUnaryOperator cost) {
    return switch (e) {
      case And a -> {
        Need best = null;
        for (Expr o : a.operands()) {
          Need n = needed(o, cost);
          if (n != null && (best == null || n.cost() < best.cost())) {
            best = n;
          }
        }
        yield best;
      }
      case Or o -> {
        java.util.TreeSet<Integer> atoms = new java.util.TreeSet<>();
        long total = 0;
        for (Expr x : o.operands()) {
          Need n = needed(x, cost);
          if (n == null) {
            yield null;
          }
          atoms.addAll(n.atoms());
          total += n.cost();
        }
        yield new Need(java.util.Set.copyOf(atoms), total);
      }
      case Not n -> null;
      case Leaf l -> new Need(java.util.Set.of(l.atom()), cost.applyAsInt(l.atom()));
      case Const c -> c.value() ? null : new Need(java.util.Set.of(), 0);
    };
  }

  /** What {@link #needed} gives: atoms, and the sum of their costs. */
  record Need(java.util.Set<Integer> atoms, long cost) {
    public Need {
      atoms = java.util.Set.copyOf(atoms);
      if (cost < 0) {
        throw new IllegalArgumentException("negative cost " + cost);
      }
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
