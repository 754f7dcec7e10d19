package dev.kasa.sigma.program;

import dev.kasa.sigma.match.FieldPredicate;
import dev.kasa.sigma.rule.FieldTest;
import dev.kasa.sigma.rule.SigmaRule;
import java.util.List;

/**
 * A rule whose field tests all compiled: its condition over test indexes ({@link Expr.Leaf#atom()}
 * is an index into {@code tests} here), with the filters that name it already joined in.
 */
record CompiledRule(SigmaRule rule, List<String> techniques, Expr condition, List<Test> tests) {
  CompiledRule {
    techniques = List.copyOf(techniques);
    tests = List.copyOf(tests);
  }

  /** One compiled field test: the Sigma field (null for keywords) and what it requires. */
  record Test(String field, FieldPredicate predicate, FieldTest source) {}
}
