package dev.kasa.sigma.correlation;

import dev.kasa.ErrorCode;
import dev.kasa.Location;
import dev.kasa.Problem;
import dev.kasa.sigma.rule.CorrelationCycles;
import dev.kasa.sigma.rule.SigmaCorrelation;
import dev.kasa.sigma.rule.SigmaCorrelation.CorrelationType;
import dev.kasa.sigma.rule.SigmaCorrelation.Threshold;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What makes a correlation runnable, its effective condition, and the order to run them in. */
final class CorrelationChecks {
  private CorrelationChecks() {}

  /** Why {@code c} cannot run under {@code limits}, or null when it can. */
  static Problem problem(SigmaCorrelation c, CorrelationEngine.Limits limits) {
    if (c.rules().isEmpty()) {
      return report(c, ErrorCode.MISSING_RULES, "correlation refers to no rules");
    }
    if (c.timespan().isNegative() || c.timespan().isZero()) {
      return report(c, ErrorCode.BAD_TIMESPAN, "timespan " + c.timespan() + " is not positive");
    }
    if (aggregatesField(c.type()) && (c.field() == null || c.field().isEmpty())) {
      return report(c, ErrorCode.MISSING_FIELD, c.type() + " correlation has no condition field");
    }
    Threshold t = effectiveThreshold(c);
    if (t == null) {
      return report(
          c, ErrorCode.MISSING_CONDITION, c.type() + " correlation has no condition bound");
    }
    if (t.percentile() != null && !(t.percentile() >= 0 && t.percentile() <= 100)) {
      return report(
          c, ErrorCode.BAD_CONDITION, "percentile " + t.percentile() + " is not within 0-100");
    }
    if (c.type() == CorrelationType.EVENT_COUNT || c.type() == CorrelationType.VALUE_COUNT) {
      double needed = smallestCount(t);
      if (needed > limits.maxEventsPerGroup()) {
        return report(
            c,
            ErrorCode.LIMIT_EXCEEDED,
            "condition needs "
                + (long) needed
                + " events in a window but a group keeps at most "
                + limits.maxEventsPerGroup());
      }
    }
    return null;
  }

  /** True for the types whose condition applies to {@code field}'s values. */
  static boolean aggregatesField(CorrelationType type) {
    return switch (type) {
      case VALUE_COUNT, VALUE_SUM, VALUE_AVG, VALUE_PERCENTILE -> true;
      case EVENT_COUNT, TEMPORAL, TEMPORAL_ORDERED -> false;
    };
  }

  /**
   * The condition as run: the rule's, or for {@code temporal*} without bounds "every rule seen".
   * Null when a non-temporal condition has no bound at all.
   */
  static Threshold effectiveThreshold(SigmaCorrelation c) {
    Threshold t = c.condition();
    boolean empty =
        t.gt() == null
            && t.gte() == null
            && t.lt() == null
            && t.lte() == null
            && t.eq() == null
            && t.neq() == null;
    if (!empty) {
      return t;
    }
    return switch (c.type()) {
      case TEMPORAL, TEMPORAL_ORDERED ->
          new Threshold(null, (double) c.rules().size(), null, null, null, null, null);
      case EVENT_COUNT, VALUE_COUNT, VALUE_SUM, VALUE_AVG, VALUE_PERCENTILE -> null;
    };
  }

  /** The least whole count the lower bounds (gt, gte, eq) allow. */
  private static double smallestCount(Threshold t) {
    double least = 0;
    if (t.gt() != null) {
      least = Math.max(least, Math.floor(t.gt()) + 1);
    }
    if (t.gte() != null) {
      least = Math.max(least, Math.ceil(t.gte()));
    }
    if (t.eq() != null) {
      least = Math.max(least, Math.ceil(t.eq()));
    }
    return least;
  }

  /**
   * {@code correlations} ordered so that a correlation comes after those it refers to, which lets a
   * chained hit produced at {@link CorrelationEngine#finish} reach a window still open. Members of
   * reference cycles ({@link CorrelationCycles}) are reported into {@code problems} and left out.
   */
  static List<SigmaCorrelation> dependencyOrder(
      List<SigmaCorrelation> correlations, List<Problem> problems) {
    List<SigmaCorrelation> cyclic = CorrelationCycles.members(correlations);
    cyclic.forEach(c -> problems.add(CorrelationCycles.problem(c)));
    List<SigmaCorrelation> valid = new ArrayList<>(correlations);
    valid.removeAll(cyclic);
    Map<String, List<Integer>> byRef = new HashMap<>();
    for (int i = 0; i < valid.size(); i++) {
      var info = valid.get(i).info();
      if (info.id() != null) {
        byRef.computeIfAbsent(info.id(), k -> new ArrayList<>()).add(i);
      }
      if (info.name() != null && !info.name().equals(info.id())) {
        byRef.computeIfAbsent(info.name(), k -> new ArrayList<>()).add(i);
      }
    }
    int[] pending = new int[valid.size()];
    List<List<Integer>> dependents = new ArrayList<>();
    for (int i = 0; i < valid.size(); i++) {
      dependents.add(new ArrayList<>());
    }
    for (int i = 0; i < valid.size(); i++) {
      for (String ref : valid.get(i).rules()) {
        for (int dep : byRef.getOrDefault(ref, List.of())) {
          pending[i]++;
          dependents.get(dep).add(i);
        }
      }
    }
    List<Integer> ready = new ArrayList<>();
    for (int i = 0; i < valid.size(); i++) {
      if (pending[i] == 0) {
        ready.add(i);
      }
    }
    // Without cycle members the references form no cycle, so every correlation becomes ready.
    List<SigmaCorrelation> ordered = new ArrayList<>();
    for (int r = 0; r < ready.size(); r++) {
      int i = ready.get(r);
      ordered.add(valid.get(i));
      for (int next : dependents.get(i)) {
        if (--pending[next] == 0) {
          ready.add(next);
        }
      }
    }
    return ordered;
  }

  /** {@code raw} as a finite decimal number, or NaN when it is null or not one. */
  static double parseNumber(String raw) {
    if (raw == null) {
      return Double.NaN;
    }
    String s = raw.strip();
    if (s.isEmpty() || s.length() > 64) {
      return Double.NaN;
    }
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      boolean ok =
          (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == '+' || ch == 'e' || ch == 'E';
      if (!ok) {
        return Double.NaN;
      }
    }
    try {
      double d = Double.parseDouble(s);
      return Double.isFinite(d) ? d : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static Problem report(SigmaCorrelation c, ErrorCode code, String message) {
    return new Problem(code, Location.inRule(c.info().position(), c.info().label()), message);
  }
}
