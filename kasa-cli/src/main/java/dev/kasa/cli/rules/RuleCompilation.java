package dev.kasa.cli.rules;

import dev.kasa.sigma.logsource.LogSourceMap;
import dev.kasa.sigma.logsource.PlaceholderConfig;
import dev.kasa.sigma.match.Placeholders;
import dev.kasa.sigma.program.SigmaProgram;
import dev.kasa.sigma.rule.RuleSet;
import java.nio.file.Path;
import java.util.Set;

/** Compiles a loaded rule set with the default log-source map and optional user files. */
final class RuleCompilation {
  private RuleCompilation() {}

  /**
   * @param logsources a map file extending the defaults, or null
   * @param placeholders placeholder values for {@code expand}, or null
   */
  static SigmaProgram compile(RuleSet set, Path logsources, Path placeholders) {
    LogSourceMap map = LogSourceMap.defaults();
    if (logsources != null) {
      map = map.extendedBy(LogSourceMap.load(logsources));
    }
    Placeholders values =
        placeholders == null ? Placeholders.NONE : PlaceholderConfig.load(placeholders);
    return SigmaProgram.compile(set, map, values, info -> Set.of());
  }
}
