package dev.kasa.sigma.program;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.Location.FilePosition;
import dev.kasa.event.EventFormat;
import dev.kasa.sigma.logsource.LogSourceMap;
import dev.kasa.sigma.match.FieldPredicate;
import dev.kasa.sigma.match.FieldPredicates;
import dev.kasa.sigma.match.Placeholders;
import dev.kasa.sigma.rule.Condition;
import dev.kasa.sigma.rule.Detection;
import dev.kasa.sigma.rule.FieldTest;
import dev.kasa.sigma.rule.LogSource;
import dev.kasa.sigma.rule.Modifier;
import dev.kasa.sigma.rule.RuleInfo;
import dev.kasa.sigma.rule.RuleSet;
import dev.kasa.sigma.rule.Search;
import dev.kasa.sigma.rule.SigmaRule;
import dev.kasa.sigma.rule.SigmaValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The cross-rule compiled program must match exactly what evaluating each rule on its own (the
 * reference evaluation of {@link FieldPredicates#test}) gives, for random rules and events.
 */
class ProgramOracleProperties {
  private static final String[] FIELDS = {"A", "B", "C"};
  private static final String[] WORDS = {"", "a", "b", "ab", "Ab", "ba", "xab", "abx", "aXb", "bb"};
  private static final List<List<Modifier>> MODIFIERS =
      List.of(
          List.of(),
          List.of(Modifier.CONTAINS),
          List.of(Modifier.STARTSWITH),
          List.of(Modifier.ENDSWITH),
          List.of(Modifier.CONTAINS, Modifier.ALL),
          List.of(Modifier.CONTAINS, Modifier.CASED),
          List.of(Modifier.NEQ),
          List.of(Modifier.RE));
  private static final String[] REGEXES = {
    "^a", "b$", "a.?b", "(a|x)b", "(?i)AB", "\\x61b", "[[:alpha:]]b", "\\pLb", "\\QaX\\E", "(?i:a)B"
  };
  private static final FilePosition AT = new FilePosition("gen.yml", 1, 1);

  @Property(tries = 150)
  void compiledProgramAgreesWithRuleByRuleEvaluation(@ForAll long seed) {
    Random r = new Random(seed);
    agrees(r, 8, () -> WORDS[r.nextInt(WORDS.length)]);
  }

  /**
   * Values long enough for a thread's memo to keep their atoms ({@link ValueMemo}), short and long,
   * drawn from a few, so that most repeat, in the same field or another, in the same event or a
   * later one: what a repeat sets must be what searching it again would.
   */
  @Property(tries = 150)
  void repeatedValuesAgreeWithRuleByRuleEvaluation(@ForAll long seed) {
    Random r = new Random(seed);
    List<String> pool = new ArrayList<>();
    for (int k = 0; k < 1 + r.nextInt(4); k++) {
      StringBuilder v = new StringBuilder();
      int chars = ValueMemo.MIN_CHARS + (r.nextBoolean() ? r.nextInt(8) : 56 + r.nextInt(40));
      while (v.length() < chars) {
        v.append(r.nextInt(3) == 0 ? "q" : WORDS[r.nextInt(WORDS.length)]);
      }
      pool.add(r.nextBoolean() ? v.toString() : WORDS[1 + r.nextInt(WORDS.length - 1)] + v);
    }
    agrees(
        r,
        24,
        () ->
            r.nextInt(5) == 0 ? WORDS[r.nextInt(WORDS.length)] : pool.get(r.nextInt(pool.size())));
  }

  /**
   * Values of every length from one char, drawn from a few near-twins (differing in one char, or
   * one longer), with a {@code /} or an {@code é} among their words written plainly or escaped
   * ({@code \\/}, {@code \\u00e9}), so that most repeat by their text, some by their bytes too: a
   * thread's memo keeps a captured value by the bytes it was written with, and what a repeat sets
   * must be what searching it again would (the same bytes are the same value; the same value in
   * other bytes is searched again). Only chars no keyword holds are escaped: keywords are searched
   * in the raw text, where producers do not escape printable ASCII.
   */
  @Property(tries = 150)
  void valuesRepeatedByTheirBytesAgreeWithRuleByRuleEvaluation(@ForAll long seed) {
    Random r = new Random(seed);
    List<String> pool = new ArrayList<>();
    for (int k = 0; k < 1 + r.nextInt(3); k++) {
      StringBuilder v = new StringBuilder();
      int chars = 1 + (r.nextInt(3) == 0 ? r.nextInt(20) : r.nextInt(7));
      while (v.length() < chars) {
        int pick = r.nextInt(8);
        v.append(pick == 0 ? "/" : pick == 1 ? "\u00e9" : WORDS[r.nextInt(WORDS.length)]);
      }
      String base = v.toString();
      pool.add(base);
      int at = r.nextInt(base.length());
      pool.add(
          base.substring(0, at) + (base.charAt(at) == 'a' ? 'b' : 'a') + base.substring(at + 1));
      pool.add(base + WORDS[1 + r.nextInt(WORDS.length - 1)]);
    }
    agrees(
        r,
        24,
        () -> pool.get(r.nextInt(pool.size())),
        text -> {
          StringBuilder json = new StringBuilder();
          for (char c : text.toCharArray()) {
            if (c == '/' && r.nextBoolean()) {
              json.append(r.nextBoolean() ? "\\/" : "\\u002f");
            } else if (c == '\u00e9' && r.nextBoolean()) {
              json.append(r.nextBoolean() ? "\\u00e9" : "\\u00E9");
            } else {
              json.append(c);
            }
          }
          return json.toString();
        });
  }

  private static void agrees(Random r, int eventCount, java.util.function.Supplier<String> value) {
    agrees(r, eventCount, value, text -> text);
  }

  /** As above, {@code written} giving the JSON string body that writes a value. */
  private static void agrees(
      Random r,
      int eventCount,
      java.util.function.Supplier<String> value,
      java.util.function.UnaryOperator<String> written) {
    List<SigmaRule> rules = new ArrayList<>();
    for (int i = 0; i < 1 + r.nextInt(6); i++) {
      rules.add(rule(r, "r" + i));
    }
    List<Map<String, String>> events = new ArrayList<>();
    StringBuilder json = new StringBuilder();
    for (int e = 0; e < eventCount; e++) {
      Map<String, String> ev = new LinkedHashMap<>();
      for (String f : FIELDS) {
        if (r.nextInt(4) > 0) {
          ev.put(f, value.get());
        }
      }
      ev.put("Z", "pad");
      events.add(ev);
      json.append('{');
      int k = 0;
      for (var en : ev.entrySet()) {
        json.append(k++ == 0 ? "" : ",").append('"').append(en.getKey()).append("\":\"");
        json.append(written.apply(en.getValue())).append('"');
      }
      json.append("}\n");
    }
    SigmaProgram program =
        SigmaProgram.compile(
            new RuleSet(rules, List.of(), List.of(), List.of(), 1, 0),
            LogSourceMap.defaults(),
            Placeholders.NONE,
            x -> Set.of());
    assertThat(program.problems()).isEmpty();
    Set<String> actual = new TreeSet<>();
    for (SigmaMatch m :
        ProgramHarness.run(program, json.toString(), EventFormat.NDJSON, "e.json")) {
      actual.add(m.line() + ":" + m.rule().id());
    }
    Set<String> expected = new TreeSet<>();
    for (int e = 0; e < events.size(); e++) {
      for (SigmaRule rule : rules) {
        if (eval(rule.detection().condition(), rule.detection(), events.get(e))) {
          expected.add((e + 1) + ":" + rule.info().id());
        }
      }
    }
    assertThat(actual).as("rules %s", rules).isEqualTo(expected);
  }

  static SigmaRule rule(Random r, String id) {
    Map<String, Search> searches = new LinkedHashMap<>();
    int n = 1 + r.nextInt(3);
    for (int s = 0; s < n; s++) {
      searches.put("s" + s, search(r));
    }
    Condition c = condition(r, n, 2);
    return new SigmaRule(
        new RuleInfo(id, null, "t " + id, null, "low", List.of(), AT),
        new LogSource(null, "kasatest", null),
        new Detection(searches, c));
  }

  private static Search search(Random r) {
    if (r.nextInt(8) == 0) {
      return new Search.Keywords(test(r, null), AT);
    }
    List<Search.FieldGroup> groups = new ArrayList<>();
    for (int g = 0; g < 1 + r.nextInt(2); g++) {
      List<FieldTest> tests = new ArrayList<>();
      List<String> used = new ArrayList<>();
      for (int t = 0; t < 1 + r.nextInt(2); t++) {
        String f = FIELDS[r.nextInt(FIELDS.length)];
        if (!used.contains(f)) {
          used.add(f);
          tests.add(test(r, f));
        }
      }
      groups.add(new Search.FieldGroup(tests));
    }
    return new Search.FieldGroups(groups, AT);
  }

  private static FieldTest test(Random r, String field) {
    if (field != null && r.nextInt(10) == 0) {
      return new FieldTest(
          field, List.of(Modifier.EXISTS), List.of(new SigmaValue.Bool(r.nextBoolean())), AT);
    }
    if (field != null && r.nextInt(12) == 0) {
      return new FieldTest(field, List.of(), List.of(new SigmaValue.Null()), AT);
    }
    List<Modifier> mods = MODIFIERS.get(r.nextInt(MODIFIERS.size()));
    List<SigmaValue> values = new ArrayList<>();
    int n = mods.contains(Modifier.ALL) ? 2 : 1 + r.nextInt(2);
    for (int i = 0; i < n; i++) {
      if (mods.contains(Modifier.RE)) {
        String re = REGEXES[r.nextInt(REGEXES.length)];
        values.add(new SigmaValue.Text(re, List.of(new SigmaValue.Part.Literal(re))));
      } else {
        values.add(text(r));
      }
    }
    return new FieldTest(field, mods, values, AT);
  }

  private static SigmaValue text(Random r) {
    String w = WORDS[1 + r.nextInt(WORDS.length - 1)];
    List<SigmaValue.Part> parts = new ArrayList<>();
    StringBuilder raw = new StringBuilder();
    int cut = r.nextInt(4) == 0 ? r.nextInt(w.length() + 1) : -1;
    if (cut >= 0) {
      if (cut > 0) {
        parts.add(new SigmaValue.Part.Literal(w.substring(0, cut)));
      }
      parts.add(r.nextBoolean() ? new SigmaValue.Part.AnyRun() : new SigmaValue.Part.AnyChar());
      if (cut < w.length()) {
        parts.add(new SigmaValue.Part.Literal(w.substring(cut)));
      }
      raw.append(w, 0, cut)
          .append(parts.get(cut > 0 ? 1 : 0) instanceof SigmaValue.Part.AnyRun ? '*' : '?')
          .append(w.substring(cut));
    } else {
      parts.add(new SigmaValue.Part.Literal(w));
      raw.append(w);
    }
    return new SigmaValue.Text(raw.toString(), parts);
  }

  private static Condition condition(Random r, int searches, int depth) {
    int pick = depth == 0 ? 0 : r.nextInt(6);
    return switch (pick) {
      case 1 ->
          new Condition.And(
              List.of(condition(r, searches, depth - 1), condition(r, searches, depth - 1)));
      case 2 ->
          new Condition.Or(
              List.of(condition(r, searches, depth - 1), condition(r, searches, depth - 1)));
      case 3 -> new Condition.Not(condition(r, searches, depth - 1));
      case 4 -> new Condition.OneOf("s*", names(searches));
      case 5 -> new Condition.AllOf("them", names(searches));
      default -> new Condition.Ref("s" + r.nextInt(searches));
    };
  }

  private static List<String> names(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add("s" + i);
    }
    return out;
  }

  // ---- the reference: one rule at a time, straight from the model ----

  private static boolean eval(Condition c, Detection d, Map<String, String> ev) {
    return switch (c) {
      case Condition.And a -> a.operands().stream().allMatch(o -> eval(o, d, ev));
      case Condition.Or o -> o.operands().stream().anyMatch(x -> eval(x, d, ev));
      case Condition.Not n -> !eval(n.operand(), d, ev);
      case Condition.Ref ref -> search(d.searches().get(ref.name()), ev);
      case Condition.OneOf o -> o.names().stream().anyMatch(x -> search(d.searches().get(x), ev));
      case Condition.AllOf a -> a.names().stream().allMatch(x -> search(d.searches().get(x), ev));
    };
  }

  private static boolean search(Search s, Map<String, String> ev) {
    return switch (s) {
      case Search.FieldGroups g ->
          g.alternatives().stream()
              .anyMatch(grp -> grp.tests().stream().allMatch(t -> fieldTest(t, ev)));
      case Search.Keywords k -> {
        FieldTest t = k.test();
        List<Modifier> mods = new ArrayList<>(t.modifiers());
        if (mods.stream()
            .noneMatch(
                m ->
                    m == Modifier.RE
                        || m == Modifier.CONTAINS
                        || m == Modifier.STARTSWITH
                        || m == Modifier.ENDSWITH)) {
          mods.add(Modifier.CONTAINS);
        }
        FieldPredicate p =
            FieldPredicates.compile(new FieldTest(null, mods, t.values(), AT), Placeholders.NONE);
        // Keywords compiled to plain literals are searched in the record's raw text, so field
        // names count for them too; every other keyword needle is tested on the values.
        yield keyword(p, List.copyOf(ev.values()), List.copyOf(ev.keySet()));
      }
    };
  }

  private static boolean keyword(FieldPredicate p, List<String> values, List<String> keys) {
    return switch (p) {
      case FieldPredicate.AnyOf a ->
          a.needles().stream()
              .anyMatch(
                  n -> {
                    boolean raw =
                        n instanceof dev.kasa.sigma.match.Needle.Literal lit
                            && RawKeywords.rawForm(lit, true) != null;
                    List<String> where = new ArrayList<>(values);
                    if (raw) {
                      where.addAll(keys);
                    }
                    return where.stream().anyMatch(v -> FieldPredicates.matches(n, v));
                  });
      case FieldPredicate.AllOf a -> a.parts().stream().allMatch(x -> keyword(x, values, keys));
      case FieldPredicate.Not n -> !keyword(n.operand(), values, keys);
      case FieldPredicate.Exists e -> false;
      case FieldPredicate.FieldRef r -> false;
    };
  }

  private static boolean fieldTest(FieldTest t, Map<String, String> ev) {
    FieldPredicate p = FieldPredicates.compile(t, Placeholders.NONE);
    return FieldPredicates.test(p, lookup(ev, t.field()), f -> lookup(ev, f));
  }

  private static List<String> lookup(Map<String, String> ev, String field) {
    String v = ev.get(field);
    return v == null ? List.of() : List.of(v);
  }
}
