package dev.kasa.sigma.rule;

import dev.kasa.Problem;
import java.util.List;

/**
 * Every good document of a set of rule texts (files, store rows, shared STIX indicators), and every
 * problem found on the way. Immutable.
 *
 * @param rules detection rules in load order (files sorted, documents in file order)
 * @param correlations correlations whose references all resolve, without cycles
 * @param filters filter documents (their rule references are not checked: filters are shared)
 * @param problems every problem, in load order, then the cross-document ones
 * @param files how many texts (files, store rows…) were read or tried
 * @param unresolvedFilterReferences filter {@code rules} entries naming no loaded rule
 */
public record RuleSet(
    List<SigmaRule> rules,
    List<SigmaCorrelation> correlations,
    List<SigmaFilter> filters,
    List<Problem> problems,
    int files,
    int unresolvedFilterReferences) {
  public RuleSet {
    rules = List.copyOf(rules);
    correlations = List.copyOf(correlations);
    filters = List.copyOf(filters);
    problems = List.copyOf(problems);
    if (files < 0 || unresolvedFilterReferences < 0) {
      throw new IllegalArgumentException(
          "negative count: files " + files + ", references " + unresolvedFilterReferences);
    }
  }

  /**
   * The rule set of {@code texts}, in order: each text is parsed (several documents each, a bad
   * document never losing the others), then what spans documents is checked as for files: duplicate
   * ids (the first is kept), correlation references and cycles, filter references. Problems name
   * each text by its {@link NamedText#name()}. Never throws for any text.
   */
  public static RuleSet fromTexts(List<NamedText> texts) {
    var assembly = new RuleSetAssembly();
    for (NamedText t : texts) {
      assembly.add(t);
    }
    return assembly.build();
  }
}
