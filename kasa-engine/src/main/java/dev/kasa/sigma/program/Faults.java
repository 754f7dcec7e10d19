package dev.kasa.sigma.program;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What went wrong with rules at run time, the scan going on without it: rules disabled because one
 * of their tests threw, and regex tests stopped by the cost budget (per rule: the first value
 * stopped and how many). Bounded by the number of rules. The one piece of mutable state a {@link
 * SigmaProgram} shares between threads. Thread-safe.
 */
final class Faults {
  private final Map<Integer, String> disabled = new ConcurrentHashMap<>();
  private final Map<Integer, Stopped> stopped = new ConcurrentHashMap<>();

  /** The first value stopped for a rule (which of several threads saw it first), and a count. */
  record Stopped(
      String test,
      String input,
      long line,
      String field,
      long chars,
      long instructions,
      AtomicLong values) {
    /** Values stopped so far. */
    long count() {
      return values.get();
    }
  }

  boolean isEmpty() {
    return disabled.isEmpty();
  }

  boolean disabled(int ruleIndex) {
    return disabled.containsKey(ruleIndex);
  }

  void disable(int ruleIndex, String reason) {
    disabled.putIfAbsent(ruleIndex, reason);
  }

  Map<Integer, String> snapshot() {
    return Map.copyOf(disabled);
  }

  void stop(
      int ruleIndex,
      String test,
      String input,
      long line,
      String field,
      long chars,
      long instructions) {
    stopped
        .computeIfAbsent(
            ruleIndex,
            k -> new Stopped(test, input, line, field, chars, instructions, new AtomicLong()))
        .values()
        .incrementAndGet();
  }

  Map<Integer, Stopped> stopped() {
    return Map.copyOf(stopped);
  }
}
