package dev.kasa.cli;

import dev.kasa.intel.IntelProblem;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Counts intel problems by kind and keeps the first few of each for the summary. Not thread-safe:
 * the intel load runs on one thread.
 */
final class IntelProblems {
  static final int LISTED_PER_KIND = 10;

  private final Map<IntelProblem.Kind, Long> counts = new EnumMap<>(IntelProblem.Kind.class);
  private final Map<IntelProblem.Kind, List<IntelProblem>> first =
      new EnumMap<>(IntelProblem.Kind.class);

  void add(IntelProblem problem) {
    counts.merge(problem.kind(), 1L, Long::sum);
    List<IntelProblem> kept = first.computeIfAbsent(problem.kind(), k -> new ArrayList<>());
    if (kept.size() < LISTED_PER_KIND) {
      kept.add(problem);
    }
  }

  long count(IntelProblem.Kind kind) {
    return counts.getOrDefault(kind, 0L);
  }

  List<IntelProblem> listed(IntelProblem.Kind kind) {
    return first.getOrDefault(kind, List.of());
  }
}
