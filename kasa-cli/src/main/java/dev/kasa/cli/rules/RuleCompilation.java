package dev.kasa.cli.rules;

import dev.kasa.sigma.logsource.LogSourceMap;
import dev.kasa.sigma.match.Placeholders;
import dev.kasa.sigma.program.SigmaProgram;
import dev.kasa.sigma.rule.RuleSet;
import java.util.Set;

/** Compiles a loaded rule set with the default log-source map and the user's files. */
final class RuleCompilation {
  private RuleCompilation() {}

  /** The option files, read before any rule so that a bad one stops the command early. */
  record Options(LogSourceMap map, Placeholders placeholders) {
    static Options of(SigmaOptions options) {
      return new Options(
          SigmaOptions.logSourceMap(options.logsourcesFile()),
          SigmaOptions.placeholders(options.placeholdersFile()));
    }
  }

  static SigmaProgram compile(RuleSet set, Options options) {
    return SigmaProgram.compile(set, options.map(), options.placeholders(), info -> Set.of());
  }
}
