package dev.kasa.sigma.rule;

import dev.kasa.ErrorCode;
import dev.kasa.Location;
import dev.kasa.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves correlation references ({@code rules} and {@code aliases}) by id or name across all
 * loaded documents; rejects correlations that name nothing loaded or that refer back to themselves
 * ({@link CorrelationCycles}).
 */
final class References {
  private References() {}

  /** The keys a document can be referred to by: its id and its name. */
  static List<String> keys(SigmaDocument d) {
    List<String> keys = new ArrayList<>(2);
    if (d.info().id() != null) {
      keys.add(d.info().id());
    }
    if (d.info().name() != null) {
      keys.add(d.info().name());
    }
    return keys;
  }

  /** The correlations of {@code documents} that resolve; the others are reported. */
  static List<SigmaCorrelation> valid(List<SigmaDocument> documents, List<Problem> problems) {
    Map<String, SigmaDocument> byKey = new HashMap<>();
    List<SigmaCorrelation> all = new ArrayList<>();
    for (SigmaDocument d : documents) {
      if (d instanceof SigmaRule || d instanceof SigmaCorrelation) {
        keys(d).forEach(k -> byKey.putIfAbsent(k, d));
      }
      if (d instanceof SigmaCorrelation c) {
        all.add(c);
      }
    }
    Set<SigmaCorrelation> valid = new LinkedHashSet<>(all);
    Set<String> rejected = new HashSet<>();
    for (SigmaCorrelation c : CorrelationCycles.members(all)) {
      problems.add(CorrelationCycles.problem(c));
      valid.remove(c);
      rejected.addAll(keys(c));
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (SigmaCorrelation c : List.copyOf(valid)) {
        List<String> bad = new ArrayList<>();
        Set<String> refs = new LinkedHashSet<>(c.rules());
        c.aliases().values().forEach(m -> refs.addAll(m.keySet()));
        for (String ref : refs) {
          SigmaDocument target = byKey.get(ref);
          if (target == null || target instanceof SigmaCorrelation t && !valid.contains(t)) {
            bad.add(ref);
          }
        }
        if (!bad.isEmpty()) {
          for (String ref : bad) {
            problems.add(
                problem(
                    c,
                    ErrorCode.UNKNOWN_RULE_REFERENCE,
                    rejected.contains(ref)
                        ? "refers to '" + ref + "', a correlation that was rejected"
                        : "refers to '" + ref + "', which names no loaded rule or correlation"));
          }
          valid.remove(c);
          rejected.addAll(keys(c));
          changed = true;
        }
      }
    }
    return List.copyOf(valid);
  }

  private static Problem problem(SigmaCorrelation c, ErrorCode code, String message) {
    return new Problem(code, Location.inRule(c.info().position(), c.info().label()), message);
  }
}
