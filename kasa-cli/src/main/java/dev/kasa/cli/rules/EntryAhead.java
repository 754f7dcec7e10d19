package dev.kasa.cli.rules;

import dev.kasa.detect.RuleCompilation;
import dev.kasa.sigma.match.Placeholders;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;

/**
 * The compiled-rules cache entry that the last run over the same paths and options used ({@link
 * CompiledRulesCache#note}), read and compiled on threads of its own while the run reads and hashes
 * the rule files for their real key: the two halves of a cached run's work on both cores at once.
 * Only a guess until {@link #take}: what it compiled is used only when the entry's key is the key
 * of the rules now on disk, and a bad entry is reported only then, so a changed rule is never
 * served from the entry of the rules before. When the guess was wrong, the work done ahead is
 * thrown away (it stops before compiling when the real key is known by then).
 */
final class EntryAhead {
  /** What reading the guessed entry gave, and the rules compiled from it (null when not). */
  record Outcome(CompiledRulesCache.Attempt attempt, RuleCompilation compiled) {
    Outcome {
      Objects.requireNonNull(attempt, "attempt");
    }
  }

  private final String guess;
  private final CompletableFuture<String> actual = new CompletableFuture<>();
  private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();

  private EntryAhead(String guess) {
    this.guess = Objects.requireNonNull(guess, "guess");
  }

  /**
   * Starts reading the entry under {@code guess} from {@code cache} and compiling it with {@code
   * compile} (given the entry and an executor of its own), on a virtual thread.
   */
  static EntryAhead start(
      CompiledRulesCache cache,
      String guess,
      Placeholders placeholders,
      BiFunction<CompiledRulesCache.Entry, Executor, RuleCompilation> compile) {
    EntryAhead ahead = new EntryAhead(guess);
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                ahead.outcome.complete(ahead.run(cache, placeholders, compile));
              } catch (Throwable t) {
                ahead.outcome.completeExceptionally(t);
              }
            });
    return ahead;
  }

  private Outcome run(
      CompiledRulesCache cache,
      Placeholders placeholders,
      BiFunction<CompiledRulesCache.Entry, Executor, RuleCompilation> compile) {
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      CompiledRulesCache.Attempt attempt = cache.attempt(guess, placeholders, pool);
      String known = actual.getNow(null);
      if (attempt.entry() == null || (known != null && !known.equals(guess))) {
        return new Outcome(attempt, null);
      }
      try {
        return new Outcome(attempt, compile.apply(attempt.entry(), pool));
      } catch (RuntimeException e) {
        // Compiled again on the caller's path, which then fails the way a run without this would.
        return new Outcome(attempt, null);
      }
    }
  }

  /**
   * What was read (and compiled) ahead when {@code key}, the rules' real key (null when there is
   * none), is the guessed one (waits for it); null at once otherwise.
   */
  Outcome take(String key) {
    actual.complete(key);
    if (!guess.equals(key)) {
      return null;
    }
    try {
      return outcome.join();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
