package dev.kasa.sigma.program;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.Location;
import dev.kasa.Problem;
import dev.kasa.sigma.match.FieldPredicate;
import dev.kasa.sigma.match.FieldPredicates;
import dev.kasa.sigma.match.Placeholders;
import dev.kasa.sigma.rule.Condition;
import dev.kasa.sigma.rule.FieldTest;
import dev.kasa.sigma.rule.Modifier;
import dev.kasa.sigma.rule.Search;
import dev.kasa.sigma.rule.SigmaFilter;
import dev.kasa.sigma.rule.SigmaRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * First compiler pass: joins filters to the rules they name, compiles every field test's values and
 * modifiers, and turns the condition into an {@link Expr} over test indexes. A rule with any test
 * that does not compile is rejected whole, with every problem it has; a rule whose only trouble is
 * {@code expand} placeholders without values is set aside, not rejected.
 */
final class RuleCompiler {
  private final Placeholders placeholders;
  private final List<Problem> problems = new ArrayList<>();
  private final List<SetAsideRule> setAside = new ArrayList<>();

  /** The current rule's placeholders without values. */
  private final List<Problem> waiting = new ArrayList<>();

  RuleCompiler(Placeholders placeholders) {
    this.placeholders = placeholders;
  }

  List<Problem> problems() {
    return problems;
  }

  List<SetAsideRule> setAside() {
    return setAside;
  }

  /** What compiling some rules gave: the rules compiled, the problems, the rules set aside. */
  record Compiled(List<CompiledRule> rules, List<Problem> problems, List<SetAsideRule> setAside) {}

  /** Compiles {@code rules} with this (new) compiler; all it found, in load order. */
  Compiled compileAll(List<SigmaRule> rules, List<SigmaFilter> filters) {
    List<CompiledRule> compiled = compile(rules, filters);
    return new Compiled(compiled, problems, setAside);
  }

  List<CompiledRule> compile(List<SigmaRule> rules, List<SigmaFilter> filters) {
    Map<String, List<SigmaFilter>> byRef = new HashMap<>();
    for (SigmaFilter f : filters) {
      for (String ref : f.rules()) {
        byRef.computeIfAbsent(ref, k -> new ArrayList<>()).add(f);
      }
    }
    List<CompiledRule> out = new ArrayList<>();
    for (SigmaRule rule : rules) {
      List<SigmaFilter> applied = new ArrayList<>();
      for (String key : new String[] {rule.info().id(), rule.info().name()}) {
        if (key != null) {
          for (SigmaFilter f : byRef.getOrDefault(key, List.of())) {
            if (!applied.contains(f)) {
              applied.add(f);
            }
          }
        }
      }
      CompiledRule c = compile(rule, applied);
      if (c != null) {
        out.add(c);
      }
    }
    return out;
  }

  private CompiledRule compile(SigmaRule rule, List<SigmaFilter> filters) {
    List<CompiledRule.Test> tests = new ArrayList<>();
    int before = problems.size();
    Map<String, Expr> searches = searches(rule, rule.detection().searches(), "", tests);
    Expr condition = condition(rule.detection().condition(), searches, "");
    for (int k = 0; k < filters.size(); k++) {
      SigmaFilter f = filters.get(k);
      String prefix = "filter" + k + ":";
      Map<String, Expr> fs = searches(rule, f.detection().searches(), prefix, tests);
      condition =
          new Expr.And(List.of(condition, condition(f.detection().condition(), fs, prefix)));
    }
    if (problems.size() > before) {
      problems.addAll(waiting);
      waiting.clear();
      return null;
    }
    if (!waiting.isEmpty()) {
      setAside.add(new SetAsideRule(rule.info(), waiting));
      waiting.clear();
      return null;
    }
    return new CompiledRule(rule, SigmaTags.techniques(rule.info().tags()), condition, tests);
  }

  private Map<String, Expr> searches(
      SigmaRule rule, Map<String, Search> in, String prefix, List<CompiledRule.Test> tests) {
    Map<String, Expr> out = new LinkedHashMap<>();
    for (var e : in.entrySet()) {
      Expr expr =
          switch (e.getValue()) {
            case Search.FieldGroups g -> {
              List<Expr> alternatives = new ArrayList<>();
              for (Search.FieldGroup group : g.alternatives()) {
                List<Expr> all = new ArrayList<>();
                for (FieldTest t : group.tests()) {
                  all.add(test(rule, t, tests));
                }
                alternatives.add(all.size() == 1 ? all.get(0) : new Expr.And(all));
              }
              yield alternatives.size() == 1 ? alternatives.get(0) : new Expr.Or(alternatives);
            }
            case Search.Keywords k -> test(rule, k.test(), tests);
          };
      out.put(prefix + e.getKey(), expr);
    }
    return out;
  }

  private Expr test(SigmaRule rule, FieldTest written, List<CompiledRule.Test> tests) {
    FieldTest t = written.field() == null ? asFullTextSearch(written) : written;
    try {
      FieldPredicate p = FieldPredicates.compile(t, placeholders);
      tests.add(new CompiledRule.Test(t.field(), p, t));
      return new Expr.Leaf(tests.size() - 1);
    } catch (KasaException e) {
      Problem p = e.problem().at(Location.inRule(t.position(), rule.info().label()));
      (p.code() == ErrorCode.UNKNOWN_PLACEHOLDER ? waiting : problems).add(p);
      return new Expr.Const(false);
    } catch (RuntimeException e) {
      // A bug in a value compiler must cost one rule, not the rule set.
      problems.add(
          new Problem(
              ErrorCode.INTERNAL,
              Location.inRule(t.position(), rule.info().label()),
              "compiling '" + t.field() + "' failed: " + e));
      return new Expr.Const(false);
    }
  }

  /**
   * A keyword is searched for inside values (full-text search, as every Sigma backend does), so a
   * keyword without a placement modifier is a {@code contains}.
   */
  private static FieldTest asFullTextSearch(FieldTest t) {
    for (Modifier m : t.modifiers()) {
      switch (m) {
        case CONTAINS, STARTSWITH, ENDSWITH, RE, CIDR, EXISTS, FIELDREF, LT, LTE, GT, GTE -> {
          return t;
        }
        default -> {}
      }
    }
    List<Modifier> mods = new ArrayList<>(t.modifiers());
    mods.add(Modifier.CONTAINS);
    return new FieldTest(null, mods, t.values(), t.position());
  }

  private static Expr condition(Condition c, Map<String, Expr> searches, String prefix) {
    return switch (c) {
      case Condition.And a ->
          new Expr.And(a.operands().stream().map(o -> condition(o, searches, prefix)).toList());
      case Condition.Or o ->
          new Expr.Or(o.operands().stream().map(x -> condition(x, searches, prefix)).toList());
      case Condition.Not n -> new Expr.Not(condition(n.operand(), searches, prefix));
      case Condition.Ref r -> ref(searches, prefix + r.name());
      case Condition.OneOf o ->
          new Expr.Or(o.names().stream().map(n -> ref(searches, prefix + n)).toList());
      case Condition.AllOf a ->
          new Expr.And(a.names().stream().map(n -> ref(searches, prefix + n)).toList());
    };
  }

  private static Expr ref(Map<String, Expr> searches, String name) {
    Expr e = searches.get(name);
    // The parser resolves every reference; an unknown one here would be a parser bug.
    if (e == null) {
      throw new IllegalStateException("condition names unknown search " + name);
    }
    return e;
  }
}
