package dev.kasa.cli.rules;

import dev.kasa.Problem;
import dev.kasa.sigma.correlation.CorrelationEngine;
import dev.kasa.sigma.logsource.LogSourceMap;
import dev.kasa.sigma.match.Placeholders;
import dev.kasa.sigma.program.SigmaProgram;
import dev.kasa.sigma.rule.RuleInfo;
import dev.kasa.sigma.rule.RuleSet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A loaded rule set compiled the one way every command compiles it ({@code scan}, {@code rules
 * check}, {@code rules test}): detection rules into one program, correlations into an engine with
 * the default limits, so that a rule or correlation {@code rules check} passes is one {@code scan}
 * runs. Immutable.
 *
 * @param set the loaded rules, with their loading problems
 * @param program the compiled detection rules
 * @param correlations the correlations that can run; the others are in its problems
 */
public record RuleCompilation(RuleSet set, SigmaProgram program, CorrelationEngine correlations) {
  public RuleCompilation {
    Objects.requireNonNull(set, "set");
    Objects.requireNonNull(program, "program");
    Objects.requireNonNull(correlations, "correlations");
  }

  /** Compiles {@code set} with {@code map} and {@code placeholders}. */
  public static RuleCompilation of(RuleSet set, LogSourceMap map, Placeholders placeholders) {
    CorrelationEngine correlations =
        CorrelationEngine.create(set.correlations(), CorrelationEngine.Limits.defaults());
    SigmaProgram program =
        SigmaProgram.compile(set, map, placeholders, info -> contextFields(correlations, info));
    return new RuleCompilation(set, program, correlations);
  }

  /** The option files, read before any rule so that a bad one stops the command early. */
  record Options(LogSourceMap map, Placeholders placeholders) {
    static Options of(SigmaOptions options) {
      return new Options(
          SigmaOptions.logSourceMap(options.logsourcesFile()),
          SigmaOptions.placeholders(options.placeholdersFile()));
    }
  }

  /** Compiles {@code set} with the option files the user gave. */
  static RuleCompilation of(RuleSet set, Options options) {
    return of(set, options.map(), options.placeholders());
  }

  /** Every problem: of loading, of compiling rules, of correlations that cannot run. */
  public List<Problem> problems() {
    List<Problem> all = new ArrayList<>(set.problems());
    all.addAll(program.problems());
    all.addAll(correlations.problems());
    return List.copyOf(all);
  }

  /** The fields the correlations referring to {@code info} group or aggregate its matches by. */
  private static Set<String> contextFields(CorrelationEngine correlations, RuleInfo info) {
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
