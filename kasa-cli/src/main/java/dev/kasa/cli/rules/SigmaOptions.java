package dev.kasa.cli.rules;

import dev.kasa.cli.option.OptionFile;
import dev.kasa.detect.RuleCompilation;
import dev.kasa.sigma.correlation.CorrelationEngine;
import dev.kasa.sigma.logsource.LogSourceMap;
import dev.kasa.sigma.logsource.PlaceholderConfig;
import dev.kasa.sigma.match.Placeholders;
import dev.kasa.sigma.rule.RuleLoader;
import dev.kasa.sigma.rule.RuleSet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

  /**
   * The option files read, before any rule is: a bad one is a usage error that stops the command
   * early. Compiles rule sets the one way every command compiles them ({@link RuleCompilation}).
   *
   * @param logSources the log-source map, parsed once {@code startMap} runs
   * @param startMap starts parsing the built-in log-source map (on a thread of its own; again is
   *     nothing): a run that reads its program from the compiled-rules cache never needs it
   * @param optionsDigest the option files' content, for the compiled-rules cache's key
   * @param cache where compiled rule sets are kept between runs
   */
  public record Resolved(
      CompletableFuture<LogSourceMap> logSources,
      Runnable startMap,
      Placeholders placeholders,
      String optionsDigest,
      CompiledRulesCache cache) {
    /** Checks that every part is there. */
    public Resolved {
      Objects.requireNonNull(logSources, "logSources");
      Objects.requireNonNull(startMap, "startMap");
      Objects.requireNonNull(placeholders, "placeholders");
      Objects.requireNonNull(cache, "cache");
    }

    /** The log-source map: the built-in one, extended by the user's (waits for its parse). */
    public LogSourceMap map() {
      startMap.run();
      try {
        return logSources.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw e;
      }
    }

    /** Compiles {@code set}, its literal automata on every core (virtual threads, then gone). */
    public RuleCompilation compile(RuleSet set) {
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        return RuleCompilation.of(
            set, map(), placeholders, CorrelationEngine.Limits.defaults(), pool);
      }
    }

    /**
     * Loads the rules under {@code paths} ({@link RuleLoader}) and compiles them, parsing files and
     * building automata on every core. A rule set compiled before from the same texts and option
     * files is taken from the {@link CompiledRulesCache} (no YAML parsed, no automaton built), and
     * one compiled here is kept there; what is compiled is the same either way. The entry the last
     * run over the same paths used is read while the rule files are read and hashed ({@link
     * EntryAhead}), and used only when its key is theirs; the built-in log-source map is parsed
     * only when the rules are compiled here (beside reading the files when no entry is expected). A
     * cache entry that cannot be used is a line on {@code err}.
     */
    public RuleCompilation load(List<Path> paths, PrintWriter err) {
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        boolean caching = cache.directory() != null;
        String locator = caching ? cache.locator(paths, optionsDigest) : null;
        CompiledRulesCache.Note note = caching ? cache.note(locator) : null;
        String guess = note == null ? null : note.key();
        EntryAhead ahead =
            guess == null ? null : EntryAhead.start(cache, guess, placeholders, this::fromEntry);
        if (ahead == null) {
          startMap.run();
        }
        // Without a cache the files are only read: no stat, no digest.
        RuleFiles files =
            caching
                ? RuleFiles.read(paths, note == null ? HashedFiles.NONE : note.files(), pool)
                : null;
        String key = caching ? files.key(cache, optionsDigest) : null;
        EntryAhead.Outcome early = ahead == null ? null : ahead.take(key);
        if (early != null && early.compiled() != null) {
          cache.used(key);
          if (files.rehashed()) {
            cache.remember(locator, key, files.hashed());
          }
          return early.compiled();
        }
        // Every rule file read now, those taken by their digest too, and the key made again of
        // what was read: an entry is only ever read or written under the key of its texts.
        List<RuleLoader.Source> sources =
            caching ? files.sources(pool) : RuleLoader.read(paths, pool);
        String read = caching ? files.key(cache, optionsDigest) : null;
        if (read != null && !read.equals(key)) {
          early = null;
          key = read;
        }
        CompiledRulesCache.Attempt attempt =
            early != null
                ? early.attempt()
                : key == null ? null : cache.attempt(key, placeholders, pool);
        if (attempt != null) {
          cache.report(attempt, err);
        }
        if (attempt != null && attempt.entry() != null) {
          RuleCompilation compiled = fromEntry(attempt.entry(), pool);
          cache.used(key);
          cache.remember(locator, key, files.hashed());
          return compiled;
        }
        startMap.run();
        RuleSet set = RuleLoader.assemble(sources, List.of(), pool);
        RuleCompilation compiled =
            RuleCompilation.of(set, map(), placeholders, CorrelationEngine.Limits.defaults(), pool);
        if (key != null) {
          cache.write(key, new CompiledRulesCache.Entry(set, compiled.program()), err);
          cache.remember(locator, key, files.hashed());
        }
        return compiled;
      }
    }

    /** The compilation of {@code entry}: its program as read, its correlations compiled. */
    private RuleCompilation fromEntry(CompiledRulesCache.Entry entry, Executor executor) {
      return RuleCompilation.read(
          entry.set(), entry.program(), CorrelationEngine.Limits.defaults());
    }
  }

  /** Reads the option files given to this command. */
  public Resolved resolve() {
    return resolve(logsources, placeholders);
  }

  /**
   * Reads {@code logsources} and {@code placeholders} (either may be null).
   *
   * @throws dev.kasa.KasaException USAGE when a file is missing or malformed
   */
  public static Resolved resolve(Path logsources, Path placeholders) {
    return resolve(logsources, placeholders, CompiledRulesCache.fromEnvironment(System.getenv()));
  }

  /** Reads {@code logsources} and {@code placeholders} (either may be null), with {@code cache}. */
  static Resolved resolve(Path logsources, Path placeholders, CompiledRulesCache cache) {
    // The built-in map (YAML, about a tenth of a cached run's Java time, and it cannot fail) is
    // parsed on a thread of its own once a compile is to come (a program read from the cache needs
    // none); the user's files are read here, so that a bad one stops the command before any rule
    // is read.
    CompletableFuture<Void> start = new CompletableFuture<>();
    CompletableFuture<LogSourceMap> defaults =
        start.thenApplyAsync(v -> LogSourceMap.defaults(), r -> Thread.ofVirtual().start(r));
    LogSourceMap user =
        logsources == null ? null : OptionFile.load("--logsources", logsources, LogSourceMap::load);
    Placeholders values = placeholders(placeholders);
    return new Resolved(
        user == null ? defaults : defaults.thenApply(map -> map.extendedBy(user)),
        () -> start.complete(null),
        values,
        CompiledRulesCache.optionsDigest(logsources, placeholders),
        cache);
  }

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
