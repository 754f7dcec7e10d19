package dev.kasa.sigma.program;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rules disabled at run time because one of their tests threw: the scan goes on without them. The
 * one piece of mutable state a {@link SigmaProgram} shares between threads. Thread-safe.
 */
final class Faults {
  private final Map<Integer, String> disabled = new ConcurrentHashMap<>();

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
}
