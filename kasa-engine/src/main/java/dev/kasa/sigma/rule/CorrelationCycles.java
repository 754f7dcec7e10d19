package dev.kasa.sigma.rule;

import dev.kasa.ErrorCode;
import dev.kasa.Location;
import dev.kasa.Problem;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one check for reference cycles among correlations, run when a rule set is loaded and when a
 * correlation engine is built: a correlation refers to every correlation whose id or name one of
 * its {@code rules} is (as the engine feeds it their hits); one that reaches itself through such
 * references is a member of a cycle and cannot run. Stateless.
 */
public final class CorrelationCycles {
  private CorrelationCycles() {}

  /** The members of reference cycles among {@code correlations}, in their given order. */
  public static List<SigmaCorrelation> members(List<SigmaCorrelation> correlations) {
    Map<String, List<Integer>> byKey = new HashMap<>();
    for (int i = 0; i < correlations.size(); i++) {
      for (String key : References.keys(correlations.get(i))) {
        List<Integer> named = byKey.computeIfAbsent(key, k -> new ArrayList<>());
        if (!named.contains(i)) {
          named.add(i);
        }
      }
    }
    List<SigmaCorrelation> members = new ArrayList<>();
    for (int i = 0; i < correlations.size(); i++) {
      if (reachesItself(i, correlations, byKey)) {
        members.add(correlations.get(i));
      }
    }
    return members;
  }

  /** What is reported for {@code member}, a member of a cycle. */
  public static Problem problem(SigmaCorrelation member) {
    return new Problem(
        ErrorCode.CORRELATION_CYCLE,
        Location.inRule(member.info().position(), member.info().label()),
        "correlation refers to itself through its rules");
  }

  private static boolean reachesItself(
      int start, List<SigmaCorrelation> correlations, Map<String, List<Integer>> byKey) {
    Deque<Integer> todo = new ArrayDeque<>(List.of(start));
    boolean[] seen = new boolean[correlations.size()];
    while (!todo.isEmpty()) {
      for (String ref : correlations.get(todo.pop()).rules()) {
        for (int next : byKey.getOrDefault(ref, List.of())) {
          if (next == start) {
            return true;
          }
          if (!seen[next]) {
            seen[next] = true;
            todo.push(next);
          }
        }
      }
    }
    return false;
  }
}
