package dev.kasa.sigma.rule;

import dev.kasa.ErrorCode;
import dev.kasa.Location;
import dev.kasa.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Gathers the documents of named texts, in order, then makes them a {@link RuleSet} with the checks
 * that need every document: duplicate ids (the first is kept), correlation references and cycles,
 * filter references. Whatever the texts come from (files, a store, STIX indicators) goes through
 * here. Not thread-safe; one per rule set.
 */
final class RuleSetAssembly {
  private final List<SigmaDocument> documents = new ArrayList<>();
  private final List<Problem> problems = new ArrayList<>();
  private final Executor executor;

  /** What each text or problem gave, in the order they came: parses may run on other threads. */
  private final List<CompletableFuture<ParseResult>> steps = new ArrayList<>();

  private int texts;

  /** An assembly that parses on the calling thread. */
  RuleSetAssembly() {
    this(Runnable::run);
  }

  /**
   * An assembly that parses texts as tasks on {@code executor}; the result does not depend on it.
   */
  RuleSetAssembly(Executor executor) {
    this.executor = executor;
  }

  /** Parses one text (one or several documents) and keeps its documents and problems. */
  void add(NamedText text) {
    texts++;
    steps.add(
        CompletableFuture.supplyAsync(() -> SigmaParser.parse(text.text(), text.name()), executor));
  }

  /** A text that was meant to be added but could not be read; it counts as tried. */
  void unreadable(Problem problem) {
    texts++;
    problem(problem);
  }

  /** A problem of the input that is no text (a path that does not exist, a directory). */
  void problem(Problem problem) {
    steps.add(CompletableFuture.completedFuture(new ParseResult(List.of(), List.of(problem))));
  }

  RuleSet build() {
    for (CompletableFuture<ParseResult> step : steps) {
      ParseResult parsed = join(step);
      documents.addAll(parsed.documents());
      problems.addAll(parsed.problems());
    }
    steps.clear();
    List<SigmaDocument> kept = new ArrayList<>();
    Map<String, SigmaDocument> byId = new HashMap<>();
    for (SigmaDocument d : documents) {
      String id = d.info().id();
      SigmaDocument first = id == null ? null : byId.putIfAbsent(id, d);
      if (first != null) {
        problems.add(
            new Problem(
                ErrorCode.DUPLICATE_ID,
                Location.inRule(d.info().position(), d.info().label()),
                "id " + id + " is already used at " + first.info().position()));
      } else {
        kept.add(d);
      }
    }
    List<SigmaCorrelation> correlations = References.valid(kept, problems);
    List<SigmaRule> rules = new ArrayList<>();
    List<SigmaFilter> filters = new ArrayList<>();
    for (SigmaDocument d : kept) {
      switch (d) {
        case SigmaRule r -> rules.add(r);
        case SigmaFilter f -> filters.add(f);
        case SigmaCorrelation c -> {}
      }
    }
    Set<String> ruleKeys = new HashSet<>();
    for (SigmaRule r : rules) {
      References.keys(r).forEach(ruleKeys::add);
    }
    int unresolved = 0;
    for (SigmaFilter f : filters) {
      unresolved += (int) f.rules().stream().filter(ref -> !ruleKeys.contains(ref)).count();
    }
    return new RuleSet(rules, correlations, filters, problems, texts, unresolved);
  }

  private static ParseResult join(CompletableFuture<ParseResult> step) {
    try {
      return step.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }
}
