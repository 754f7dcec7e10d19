package dev.kasa.regex;

/**
 * The number of instructions RE2J's compiler emits for a tree, computed without compiling it. RE2J
 * expands counted repetitions before compiling ({@code x{n,m}} becomes n copies of x and m-n nested
 * optional copies), so a short expression can ask for billions of instructions: {@code
 * ((((a{100}){100}){100}){100})} is 133 chars and 10^8 instructions. Counts follow RE2J 1.8's
 * simplifier and compiler: one instruction per literal code point, class, {@code .} or assertion,
 * one per alternative joined, two per capture, one per {@code * + ?} (two for a {@code *} of what
 * can match the empty string), plus the program's fail and match instructions. RE2J's parser may
 * merge alternatives ({@code a|b} into {@code [ab]}), so the count is an upper bound that is exact
 * without alternation. Saturates at {@link #SATURATED}. Stateless.
 */
public final class ProgramSize {
  private ProgramSize() {}

  /** The count given for a program of this size or more (no overflow however deep the repeats). */
  public static final long SATURATED = 1L << 50;

  /** The instructions of the compiled program of {@code root}, at most {@link #SATURATED}. */
  public static long instructions(RegexNode root) {
    return add(of(root), 2);
  }

  private static long of(RegexNode node) {
    return switch (node) {
      case RegexNode.Literal l -> 1;
      case RegexNode.CharClass c -> 1;
      case RegexNode.AnyChar a -> 1;
      case RegexNode.Assertion a -> 1;
      case RegexNode.Empty e -> 1;
      case RegexNode.Capture c -> add(of(c.body()), 2);
      case RegexNode.Concat c -> {
        long sum = 0;
        for (RegexNode part : c.parts()) {
          sum = add(sum, of(part));
        }
        yield sum;
      }
      case RegexNode.Alternation a -> {
        long sum = a.branches().size() - 1;
        for (RegexNode branch : a.branches()) {
          sum = add(sum, of(branch));
        }
        yield sum;
      }
      case RegexNode.Repeat r -> repeat(of(r.body()), nullable(r.body()), r.min(), r.max());
    };
  }

  /** Whether the node matches the empty string (RE2J compiles x* of such an x as (x+)?). */
  private static boolean nullable(RegexNode node) {
    return switch (node) {
      case RegexNode.Literal l -> false;
      case RegexNode.CharClass c -> false;
      case RegexNode.AnyChar a -> false;
      case RegexNode.Assertion a -> true;
      case RegexNode.Empty e -> true;
      case RegexNode.Capture c -> nullable(c.body());
      case RegexNode.Concat c -> c.parts().stream().allMatch(ProgramSize::nullable);
      case RegexNode.Alternation a -> a.branches().stream().anyMatch(ProgramSize::nullable);
      case RegexNode.Repeat r -> r.min() == 0 || nullable(r.body());
    };
  }

  /** As RE2J's simplifier expands {@code x{min,max}} and its compiler compiles the result. */
  private static long repeat(long x, boolean nullable, int min, int max) {
    if (max == RegexNode.Repeat.UNBOUNDED) {
      // x+ is x plus one instruction, x* too unless x matches the empty string ((x+)?: two);
      // x{n,} is n-1 copies of x, then x+.
      if (min == 0) {
        return add(x, nullable ? 2 : 1);
      }
      return min == 1 ? add(x, 1) : add(times(x, min), 1);
    }
    if (max == 0) {
      return 1; // x{0} is the empty string
    }
    // x{n,m}: n copies of x, then m-n nested copies of x? (x plus one instruction each).
    return add(times(x, min), times(add(x, 1), max - min));
  }

  private static long add(long a, long b) {
    return Math.min(SATURATED, a + b);
  }

  private static long times(long a, long n) {
    return n != 0 && a > SATURATED / n ? SATURATED : Math.min(SATURATED, a * n);
  }
}
