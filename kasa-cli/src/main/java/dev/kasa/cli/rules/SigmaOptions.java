package dev.kasa.cli.rules;

import dev.kasa.cli.option.OptionFile;
import dev.kasa.sigma.logsource.LogSourceMap;
import dev.kasa.sigma.logsource.PlaceholderConfig;
import dev.kasa.sigma.match.Placeholders;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options every command that compiles Sigma rules takes (a picocli mixin), and what they
 * resolve to: the default log-source map extended by the user's file, the placeholder values.
 */
public final class SigmaOptions {
  @Option(
      names = "--logsources",
      paramLabel = "FILE",
      description = "Log-source mappings that extend the defaults (docs/sigma-logsources.md).")
  Path logsources;

  @Option(
      names = "--placeholders",
      paramLabel = "FILE",
      description = "Values of the %%name%% placeholders that Sigma's expand modifier replaces.")
  Path placeholders;

  /** The log-source map file given, or null. */
  public Path logsourcesFile() {
    return logsources;
  }

  /** The placeholder values file given, or null. */
  public Path placeholdersFile() {
    return placeholders;
  }

  /**
   * The default map, extended by {@code file} when not null.
   *
   * @throws dev.kasa.KasaException USAGE when the file is missing or malformed
   */
  public static LogSourceMap logSourceMap(Path file) {
    LogSourceMap map = LogSourceMap.defaults();
    return file == null
        ? map
        : map.extendedBy(OptionFile.load("--logsources", file, LogSourceMap::load));
  }

  /**
   * The values in {@code file}, or none when null.
   *
   * @throws dev.kasa.KasaException USAGE when the file is missing or malformed
   */
  public static Placeholders placeholders(Path file) {
    return file == null
        ? Placeholders.NONE
        : OptionFile.load("--placeholders", file, PlaceholderConfig::load);
  }
}
