package dev.kasa.sigma.program;

import dev.kasa.sigma.match.LiteralAutomaton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Builds the literal automata of a program's buckets: each distinct {@link FieldLiterals} once, the
 * largest first, as tasks on the caller's executor. The result is the same whatever the executor;
 * the compiling thread waits for every task.
 */
final class Automata {
  private Automata() {}

  /**
   * The automaton of every literal set {@code plans} need: taken from {@code built} when there,
   * else built.
   *
   * @throws IllegalArgumentException when a set is too long for one automaton (as {@link
   *     LiteralAutomaton.Builder#build} does)
   */
  static Map<FieldLiterals, LiteralAutomaton> build(
      Iterable<BucketPlan> plans, Executor executor, CompiledLiterals built) {
    Set<FieldLiterals> distinct = new LinkedHashSet<>();
    Map<FieldLiterals, LiteralAutomaton> out = new HashMap<>();
    for (BucketPlan plan : plans) {
      for (FieldLiterals f : plan.literals()) {
        LiteralAutomaton known = built.get(f);
        if (known != null) {
          out.put(f, known);
        } else {
          distinct.add(f);
        }
      }
    }
    List<FieldLiterals> order = new ArrayList<>(distinct);
    // Largest first, so that on several threads the last task to start is a small one.
    order.sort(Comparator.comparingInt((FieldLiterals f) -> f.literals().size()).reversed());
    List<CompletableFuture<LiteralAutomaton>> tasks = new ArrayList<>(order.size());
    for (FieldLiterals f : order) {
      tasks.add(CompletableFuture.supplyAsync(f::build, executor));
    }
    for (int i = 0; i < order.size(); i++) {
      out.put(order.get(i), join(tasks.get(i)));
    }
    return out;
  }

  /** What {@code task} gave, its exception rethrown as it was thrown. */
  static <T> T join(CompletableFuture<T> task) {
    try {
      return task.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }
}
