package dev.kasa.node.detect;

import dev.kasa.ErrorCode;
import dev.kasa.Problem;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the detector has done, for tests and operators: indicators held, the generation published
 * last, the current rule set's problems (each naming its rule), intelligence problems by code, and
 * failures. Written by the detector's writer, read by anyone.
 */
public final class DetectorStatus {
  private long indicators;
  private long generation;
  private long startMillis;
  private int rules;
  private List<String> ruleProblems = List.of();
  private final Map<ErrorCode, Long> intelProblems = new EnumMap<>(ErrorCode.class);
  private long failures;

  synchronized void loaded(long indicators, long millis) {
    this.indicators = indicators;
    this.startMillis = millis;
    this.generation = 1;
  }

  synchronized void published(long indicators, long generation) {
    this.indicators = indicators;
    this.generation = generation;
  }

  synchronized void rules(int count, List<Problem> problems) {
    this.rules = count;
    this.ruleProblems = problems.stream().map(Problem::text).toList();
  }

  synchronized void intelProblem(Problem p) {
    intelProblems.merge(p.code(), 1L, Long::sum);
  }

  synchronized void failure() {
    failures++;
  }

  /** Indicators with a current version. */
  public synchronized long indicators() {
    return indicators;
  }

  /** The generation of the snapshot published last. */
  public synchronized long generation() {
    return generation;
  }

  /** How long building the detector at start took, in milliseconds. */
  public synchronized long startMillis() {
    return startMillis;
  }

  /** Detection rules in the current rule set. */
  public synchronized int rules() {
    return rules;
  }

  /** The current rule set's problems, each naming its rule (file or STIX id, line, rule id). */
  public synchronized List<String> ruleProblems() {
    return ruleProblems;
  }

  /** Problems met reading stored indicators (pending patterns, invalid objects), by code. */
  public synchronized Map<ErrorCode, Long> intelProblems() {
    return Map.copyOf(intelProblems);
  }

  /** Updates that failed (the detector went on). */
  public synchronized long failures() {
    return failures;
  }
}
