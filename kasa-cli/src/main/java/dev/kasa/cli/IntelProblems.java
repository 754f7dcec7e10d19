package dev.kasa.cli;

import dev.kasa.ErrorCode;
import dev.kasa.Problem;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Counts intel problems by code and keeps the first few of each for the summary. Not thread-safe:
 * the intel load runs on one thread.
 */
final class IntelProblems {
  static final int LISTED_PER_CODE = 10;

  private final Map<ErrorCode, Long> counts = new EnumMap<>(ErrorCode.class);
  private final Map<ErrorCode, List<Problem>> first = new EnumMap<>(ErrorCode.class);
  private final ProblemLog log;

  IntelProblems() {
    this(ProblemLog.NONE);
  }

  /** Counts problems and writes every one of them to {@code log}. */
  IntelProblems(ProblemLog log) {
    this.log = log;
  }

  void add(Problem problem) {
    log.write(problem.code().label(), problem.text());
    counts.merge(problem.code(), 1L, Long::sum);
    List<Problem> kept = first.computeIfAbsent(problem.code(), k -> new ArrayList<>());
    if (kept.size() < LISTED_PER_CODE) {
      kept.add(problem);
    }
  }

  long count(ErrorCode code) {
    return counts.getOrDefault(code, 0L);
  }

  List<Problem> listed(ErrorCode code) {
    return first.getOrDefault(code, List.of());
  }

  /** The codes counted, in the order of {@link ErrorCode}. */
  List<ErrorCode> codes() {
    return List.copyOf(counts.keySet());
  }
}
