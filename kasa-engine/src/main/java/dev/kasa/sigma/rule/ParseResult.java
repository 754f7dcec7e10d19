package dev.kasa.sigma.rule;

import dev.kasa.Problem;
import java.util.List;

/**
 * What {@link SigmaParser#parse} read from one file: the good documents in file order, and the
 * problems of the bad ones (which are left out). Immutable.
 */
public record ParseResult(List<SigmaDocument> documents, List<Problem> problems) {
  public ParseResult {
    documents = List.copyOf(documents);
    problems = List.copyOf(problems);
  }
}
