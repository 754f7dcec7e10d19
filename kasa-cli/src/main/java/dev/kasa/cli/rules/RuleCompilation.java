package dev.kasa.cli.rules;

import dev.kasa.sigma.program.SigmaProgram;
import dev.kasa.sigma.rule.RuleSet;
import java.util.Set;

/** Compiles a loaded rule set with the default log-source map and the user's files. */
final class RuleCompilation {
  private RuleCompilation() {}

  static SigmaProgram compile(RuleSet set, SigmaOptions options) {
    return SigmaProgram.compile(
        set,
        SigmaOptions.logSourceMap(options.logsourcesFile()),
        SigmaOptions.placeholders(options.placeholdersFile()),
        info -> Set.of());
  }
}
