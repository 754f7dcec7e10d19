package dev.kasa.sigma.correlation;

import dev.kasa.Problem;
import dev.kasa.sigma.rule.SigmaCorrelation;
import dev.kasa.sigma.rule.SigmaCorrelation.Threshold;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A set of Sigma correlations compiled to run: the runnable ones in dependency order, which rule
 * each refers to, the fields their matches must carry, and the problems of those that cannot run.
 * Immutable and thread-safe; the windows and groups live in a {@link CorrelationState}, which can
 * move to a newer compiled set and keep the state of correlations whose content did not change.
 */
public final class Correlations {
  /** A correlation (by its index in {@link #runs}) that refers to a rule as its {@code rule}-th. */
  record Target(int run, int rule) {}

  private final List<CompiledCorrelation> runs;
  private final Map<String, List<Target>> byReference = new HashMap<>();
  private final Map<String, Set<String>> fieldsNeeded = new HashMap<>();
  private final List<Problem> problems;
  private final CorrelationEngine.Limits limits;

  private Correlations(
      List<CompiledCorrelation> runs, CorrelationEngine.Limits limits, List<Problem> problems) {
    this.runs = List.copyOf(runs);
    this.problems = List.copyOf(problems);
    this.limits = limits;
    for (int r = 0; r < this.runs.size(); r++) {
      SigmaCorrelation c = this.runs.get(r).correlation();
      List<String> rules = c.rules();
      for (int i = 0; i < rules.size(); i++) {
        List<Target> targets = byReference.computeIfAbsent(rules.get(i), k -> new ArrayList<>(1));
        int run = r;
        if (targets.stream().noneMatch(t -> t.run() == run)) {
          targets.add(new Target(r, i));
        }
        Set<String> fields = fieldsNeeded.computeIfAbsent(rules.get(i), k -> new LinkedHashSet<>());
        addNeededFields(c, rules.get(i), fields);
      }
    }
    byReference.replaceAll((k, v) -> List.copyOf(v));
    fieldsNeeded.replaceAll((k, v) -> Collections.unmodifiableSet(v));
  }

  /**
   * Compiles {@code correlations}. A correlation that cannot run (missing {@code field}, bad
   * timespan or percentile, a count threshold above {@code maxEventsPerGroup}, part of a reference
   * cycle) is left out and reported in {@link #problems()}; the others still run.
   */
  public static Correlations compile(
      List<SigmaCorrelation> correlations, CorrelationEngine.Limits limits) {
    Objects.requireNonNull(limits, "limits");
    List<Problem> problems = new ArrayList<>();
    List<SigmaCorrelation> valid = new ArrayList<>();
    Map<SigmaCorrelation, Threshold> thresholds = new HashMap<>();
    for (SigmaCorrelation c : correlations) {
      Objects.requireNonNull(c, "correlation");
      Problem problem = CorrelationChecks.problem(c, limits);
      if (problem != null) {
        problems.add(problem);
      } else {
        valid.add(c);
        thresholds.put(c, CorrelationChecks.effectiveThreshold(c));
      }
    }
    List<CompiledCorrelation> runs = new ArrayList<>();
    for (SigmaCorrelation c : CorrelationChecks.dependencyOrder(valid, problems)) {
      runs.add(CompiledCorrelation.of(c, thresholds.get(c)));
    }
    return new Correlations(runs, limits, problems);
  }

  /** No correlation. */
  public static Correlations none() {
    return compile(List.of(), CorrelationEngine.Limits.defaults());
  }

  /** The correlations left out, with the reason; empty when all run. */
  public List<Problem> problems() {
    return problems;
  }

  /** The correlations that run, in the order they run (a correlation after those it refers to). */
  public List<SigmaCorrelation> running() {
    return runs.stream().map(CompiledCorrelation::correlation).toList();
  }

  /** The memory bounds the state of these correlations runs under. */
  public CorrelationEngine.Limits limits() {
    return limits;
  }

  /**
   * The event fields fed matches of {@code ruleIdOrName} are asked for: its {@code group-by} fields
   * after alias resolution and the {@code field} of {@code value_*} correlations. Empty when no
   * correlation refers to it. When an alias has no entry for this exact string (the rule referred
   * to by id, the alias written with its name), every field of that alias is listed.
   */
  public Set<String> fieldsNeeded(String ruleIdOrName) {
    return fieldsNeeded.getOrDefault(ruleIdOrName, Set.of());
  }

  /** True when a running correlation refers to {@code ruleIdOrName} (a rule or correlation). */
  public boolean isReferenced(String ruleIdOrName) {
    return ruleIdOrName != null && byReference.containsKey(ruleIdOrName);
  }

  /**
   * True when running correlations refer to {@code ruleIdOrName} and all of them say {@code
   * generate: false}: the spec then reports the referred rule only through the correlation.
   */
  public boolean suppressesStandalone(String ruleIdOrName) {
    List<Target> targets = ruleIdOrName == null ? null : byReference.get(ruleIdOrName);
    return targets != null
        && targets.stream().noneMatch(t -> runs.get(t.run()).correlation().generate());
  }

  List<CompiledCorrelation> runs() {
    return runs;
  }

  /** The correlations referring to {@code ruleIdOrName}, or null. */
  List<Target> targets(String ruleIdOrName) {
    return byReference.get(ruleIdOrName);
  }

  private static void addNeededFields(SigmaCorrelation c, String ref, Set<String> out) {
    List<String> names = new ArrayList<>(c.groupBy());
    if (c.field() != null) {
      names.add(c.field());
    }
    for (String name : names) {
      Map<String, String> alias = c.aliases().get(name);
      if (alias == null) {
        out.add(name);
      } else if (alias.containsKey(ref)) {
        out.add(alias.get(ref));
      } else {
        out.add(name);
        out.addAll(alias.values());
      }
    }
  }
}
