package dev.kasa.detect;

import dev.kasa.Problem;
import dev.kasa.event.DecoderConfig;
import dev.kasa.sigma.correlation.CorrelationEngine;
import dev.kasa.sigma.correlation.Correlations;
import dev.kasa.sigma.logsource.LogSourceMap;
import dev.kasa.sigma.match.Placeholders;
import dev.kasa.sigma.program.CompiledLiterals;
import dev.kasa.sigma.program.SigmaProgram;
import dev.kasa.sigma.rule.RuleInfo;
import dev.kasa.sigma.rule.RuleSet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * A loaded rule set compiled the one way everything compiles it ({@code kasa scan}, {@code rules
 * check}, {@code rules test}, the node): detection rules into one program with every bucket
 * compiled, correlations compiled with their limits, and the decoders' capture derived from both;
 * so a rule or correlation {@code rules check} passes is one a sweep runs. Immutable and
 * thread-safe; compiled once per rule set and shared by the snapshots built from it.
 */
public final class RuleCompilation {
  private final RuleSet set;
  private final SigmaProgram program;
  private final Correlations correlations;
  private final DecoderConfig decoderConfig;

  private RuleCompilation(RuleSet set, SigmaProgram program, Correlations correlations) {
    this.set = Objects.requireNonNull(set, "set");
    this.program = Objects.requireNonNull(program, "program");
    this.correlations = Objects.requireNonNull(correlations, "correlations");
    this.decoderConfig = DecoderConfig.of(program.capture());
  }

  /** No rule at all. */
  public static RuleCompilation none() {
    return NoRules.NONE;
  }

  /**
   * Holds {@link #none()}, made on its first call: made when this class is loaded it parsed the
   * built-in log-source map (YAML) and compiled an empty program in every run, a run that reads its
   * program from the compiled-rules cache too.
   */
  private static final class NoRules {
    static final RuleCompilation NONE =
        of(
            new RuleSet(List.of(), List.of(), List.of(), List.of(), 0, 0),
            LogSourceMap.defaults(),
            Placeholders.NONE);
  }

  /** Compiles {@code set} with {@code map}, {@code placeholders} and the default limits. */
  public static RuleCompilation of(RuleSet set, LogSourceMap map, Placeholders placeholders) {
    return of(set, map, placeholders, CorrelationEngine.Limits.defaults());
  }

  /** Compiles {@code set}; its correlations run under {@code limits}. */
  public static RuleCompilation of(
      RuleSet set, LogSourceMap map, Placeholders placeholders, CorrelationEngine.Limits limits) {
    return of(set, map, placeholders, limits, Runnable::run);
  }

  /**
   * Compiles {@code set}; its correlations run under {@code limits}; the program's literal automata
   * are built on {@code executor} (the caller's threads: the result is the same on any executor).
   * Returns once everything is compiled.
   */
  public static RuleCompilation of(
      RuleSet set,
      LogSourceMap map,
      Placeholders placeholders,
      CorrelationEngine.Limits limits,
      Executor executor) {
    return of(set, map, placeholders, limits, executor, CompiledLiterals.NONE);
  }

  /**
   * Compiles {@code set} as {@link #of(RuleSet, LogSourceMap, Placeholders,
   * CorrelationEngine.Limits, Executor)} does, taking the literal automata {@code built} holds
   * instead of building them again (a compiled-rules cache; the result is the same).
   */
  public static RuleCompilation of(
      RuleSet set,
      LogSourceMap map,
      Placeholders placeholders,
      CorrelationEngine.Limits limits,
      Executor executor,
      CompiledLiterals built) {
    Correlations correlations = Correlations.compile(set.correlations(), limits);
    SigmaProgram program =
        SigmaProgram.compile(
            set, map, placeholders, info -> contextFields(correlations, info), executor, built);
    return new RuleCompilation(set, program, correlations);
  }

  /**
   * The compilation of {@code set} whose program was compiled before and kept ({@link
   * dev.kasa.sigma.program.ProgramCodec}, the compiled-rules cache): {@code program} must be the
   * one {@link #of(RuleSet, LogSourceMap, Placeholders, CorrelationEngine.Limits, Executor)} made
   * of the same rule set, maps, placeholders and {@code limits}. The correlations are compiled
   * here.
   */
  public static RuleCompilation read(
      RuleSet set, SigmaProgram program, CorrelationEngine.Limits limits) {
    return new RuleCompilation(set, program, Correlations.compile(set.correlations(), limits));
  }

  /** The loaded rules, with their loading problems. */
  public RuleSet set() {
    return set;
  }

  /** The compiled detection rules. */
  public SigmaProgram program() {
    return program;
  }

  /** The correlations that can run; the others are in their problems. */
  public Correlations correlations() {
    return correlations;
  }

  /** Every problem: of loading, of compiling rules, of correlations that cannot run. */
  public List<Problem> problems() {
    List<Problem> all = new ArrayList<>(set.problems());
    all.addAll(program.problems());
    all.addAll(correlations.problems());
    return List.copyOf(all);
  }

  /**
   * True when a match of {@code rule} (a detection rule or a correlation) is reported on its own,
   * not only fed to the correlations that refer to it with {@code generate: false}.
   */
  public boolean reportsStandalone(RuleInfo rule) {
    return reportsStandalone(correlations, rule);
  }

  static boolean reportsStandalone(Correlations correlations, RuleInfo rule) {
    boolean byId = rule.id() != null && correlations.suppressesStandalone(rule.id());
    boolean byName = rule.name() != null && correlations.suppressesStandalone(rule.name());
    return !(byId || byName);
  }

  /** The decoders' configuration compiled from the program's capture; snapshots renew it. */
  DecoderConfig decoderConfig() {
    return decoderConfig;
  }

  /** The fields the correlations referring to {@code info} group or aggregate its matches by. */
  private static Set<String> contextFields(Correlations correlations, RuleInfo info) {
    Set<String> fields = new LinkedHashSet<>();
    if (info.id() != null) {
      fields.addAll(correlations.fieldsNeeded(info.id()));
    }
    if (info.name() != null) {
      fields.addAll(correlations.fieldsNeeded(info.name()));
    }
    return fields;
  }
}
