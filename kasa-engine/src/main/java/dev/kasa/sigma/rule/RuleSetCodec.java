package dev.kasa.sigma.rule;

import dev.kasa.ErrorCode;
import dev.kasa.Location;
import dev.kasa.Location.FilePosition;
import dev.kasa.Problem;
import dev.kasa.sigma.binary.BinaryIn;
import dev.kasa.sigma.binary.BinaryOut;
import dev.kasa.sigma.binary.MalformedBinaryException;
import dev.kasa.sigma.rule.SigmaCorrelation.CorrelationType;
import dev.kasa.sigma.rule.SigmaCorrelation.Threshold;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link RuleSet} in Kasa's binary form ({@link BinaryOut}), so that a rule set read before can
 * be had again without parsing YAML. {@link #read} gives a rule set equal to the one written.
 * Stateless.
 */
public final class RuleSetCodec {
  private RuleSetCodec() {}

  /**
   * Writes {@code set}.
   *
   * @throws IllegalArgumentException when a problem has a location rule sets never have (an event)
   */
  public static void write(RuleSet set, BinaryOut out) throws IOException {
    out.varint(set.files());
    out.varint(set.unresolvedFilterReferences());
    out.varint(set.rules().size());
    for (SigmaRule r : set.rules()) {
      info(r.info(), out);
      logsource(r.logsource(), out);
      detection(r.detection(), out);
    }
    out.varint(set.correlations().size());
    for (SigmaCorrelation c : set.correlations()) {
      correlation(c, out);
    }
    out.varint(set.filters().size());
    for (SigmaFilter f : set.filters()) {
      info(f.info(), out);
      logsource(f.logsource(), out);
      strings(f.rules(), out);
      detection(f.detection(), out);
    }
    out.varint(set.problems().size());
    for (Problem p : set.problems()) {
      problem(p, out);
    }
  }

  /** Reads a rule set {@link #write} wrote. */
  public static RuleSet read(BinaryIn in) throws MalformedBinaryException {
    int files = in.varint();
    int unresolved = in.varint();
    int n = in.count(4);
    List<SigmaRule> rules = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      rules.add(new SigmaRule(info(in), logsource(in), detection(in)));
    }
    n = in.count(8);
    List<SigmaCorrelation> correlations = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      correlations.add(correlation(in));
    }
    n = in.count(4);
    List<SigmaFilter> filters = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      filters.add(new SigmaFilter(info(in), logsource(in), strings(in), detection(in)));
    }
    n = in.count(3);
    List<Problem> problems = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      problems.add(problem(in));
    }
    return checked(() -> new RuleSet(rules, correlations, filters, problems, files, unresolved));
  }

  /** A problem in the binary form (also used for the problems of compiled programs). */
  public static void problem(Problem p, BinaryOut out) throws IOException {
    out.constant(p.code());
    location(p.where(), out);
    out.string(p.message());
  }

  /** Reads a problem {@link #problem(Problem, BinaryOut)} wrote. */
  public static Problem problem(BinaryIn in) throws MalformedBinaryException {
    ErrorCode code = in.constant(ErrorCode.class);
    Location where = location(in);
    String message = in.text();
    return new Problem(code, where, message);
  }

  /** Information of a document in the binary form. */
  public static void info(RuleInfo i, BinaryOut out) throws IOException {
    out.string(i.id());
    out.string(i.name());
    out.string(i.title());
    out.string(i.status());
    out.string(i.level());
    strings(i.tags(), out);
    position(i.position(), out);
    out.string(i.description());
    out.string(i.text());
  }

  /** Reads information {@link #info(RuleInfo, BinaryOut)} wrote. */
  public static RuleInfo info(BinaryIn in) throws MalformedBinaryException {
    String id = in.string();
    String name = in.string();
    String title = in.text();
    String status = in.string();
    String level = in.string();
    List<String> tags = strings(in);
    FilePosition position = position(in);
    String description = in.string();
    String text = in.string();
    return new RuleInfo(id, name, title, status, level, tags, position, description, text);
  }

  private static void location(Location where, BinaryOut out) throws IOException {
    switch (where) {
      case Location.Nowhere n -> out.varint(0);
      case FilePosition f -> {
        out.varint(1);
        position(f, out);
      }
      case Location.RuleLocation r -> {
        out.varint(2);
        position(r.position(), out);
        out.string(r.rule());
      }
      case Location.JsonLocation j -> {
        out.varint(3);
        out.string(j.file());
        out.string(j.jsonPath());
      }
      case Location.StixLocation s -> {
        out.varint(4);
        out.string(s.file());
        out.string(s.stixId());
        out.string(s.jsonPath());
      }
      case Location.EventLocation e ->
          throw new IllegalArgumentException("a rule set problem located at an event: " + e);
    }
  }

  private static Location location(BinaryIn in) throws MalformedBinaryException {
    int kind = in.varint();
    return switch (kind) {
      case 0 -> Location.NOWHERE;
      case 1 -> position(in);
      case 2 -> {
        FilePosition p = position(in);
        String rule = in.text();
        yield new Location.RuleLocation(p, rule);
      }
      case 3 -> {
        String file = in.text();
        yield new Location.JsonLocation(file, in.text());
      }
      case 4 -> {
        String file = in.string();
        String id = in.string();
        String path = in.string();
        yield checked(() -> new Location.StixLocation(file, id, path));
      }
      default -> throw new MalformedBinaryException("bad location kind " + kind);
    };
  }

  private static void position(FilePosition p, BinaryOut out) throws IOException {
    out.string(p.file());
    out.int64(p.line());
    out.varint(p.column());
  }

  private static FilePosition position(BinaryIn in) throws MalformedBinaryException {
    String file = in.text();
    long line = in.int64();
    int column = in.varint();
    return checked(() -> new FilePosition(file, line, column));
  }

  private static void logsource(LogSource s, BinaryOut out) throws IOException {
    out.string(s.category());
    out.string(s.product());
    out.string(s.service());
  }

  private static LogSource logsource(BinaryIn in) throws MalformedBinaryException {
    return new LogSource(in.string(), in.string(), in.string());
  }

  private static void detection(Detection d, BinaryOut out) throws IOException {
    out.varint(d.searches().size());
    for (Map.Entry<String, Search> e : d.searches().entrySet()) {
      out.string(e.getKey());
      switch (e.getValue()) {
        case Search.FieldGroups g -> {
          out.varint(0);
          out.varint(g.alternatives().size());
          for (Search.FieldGroup group : g.alternatives()) {
            out.varint(group.tests().size());
            for (FieldTest t : group.tests()) {
              test(t, out);
            }
          }
          position(g.position(), out);
        }
        case Search.Keywords k -> {
          out.varint(1);
          test(k.test(), out);
          position(k.position(), out);
        }
      }
    }
    condition(d.condition(), out);
  }

  private static Detection detection(BinaryIn in) throws MalformedBinaryException {
    int n = in.count(2);
    Map<String, Search> searches = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String name = in.text();
      int kind = in.varint();
      Search search;
      if (kind == 0) {
        int groups = in.count(1);
        List<Search.FieldGroup> alternatives = new ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
          int tests = in.count(4);
          List<FieldTest> group = new ArrayList<>(tests);
          for (int t = 0; t < tests; t++) {
            group.add(test(in));
          }
          alternatives.add(new Search.FieldGroup(group));
        }
        search = new Search.FieldGroups(alternatives, position(in));
      } else if (kind == 1) {
        FieldTest test = test(in);
        FilePosition at = position(in);
        search = checked(() -> new Search.Keywords(test, at));
      } else {
        throw new MalformedBinaryException("bad search kind " + kind);
      }
      searches.put(name, search);
    }
    return new Detection(searches, condition(in));
  }

  /** A field test, as a rule's detection holds it (for the compiled program's own codec). */
  public static void fieldTest(FieldTest t, BinaryOut out) throws IOException {
    test(t, out);
  }

  /** A field test {@link #fieldTest(FieldTest, BinaryOut)} wrote. */
  public static FieldTest fieldTest(BinaryIn in) throws MalformedBinaryException {
    try {
      return test(in);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new MalformedBinaryException("bad field test: " + e.getMessage());
    }
  }

  private static void test(FieldTest t, BinaryOut out) throws IOException {
    out.string(t.field());
    out.varint(t.modifiers().size());
    for (Modifier m : t.modifiers()) {
      out.constant(m);
    }
    out.varint(t.values().size());
    for (SigmaValue v : t.values()) {
      value(v, out);
    }
    position(t.position(), out);
  }

  private static FieldTest test(BinaryIn in) throws MalformedBinaryException {
    String field = in.string();
    int n = in.count(1);
    List<Modifier> modifiers = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      modifiers.add(in.constant(Modifier.class));
    }
    n = in.count(1);
    List<SigmaValue> values = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      values.add(value(in));
    }
    return new FieldTest(field, modifiers, values, position(in));
  }

  private static void value(SigmaValue v, BinaryOut out) throws IOException {
    switch (v) {
      case SigmaValue.Text t -> {
        out.varint(0);
        out.string(t.raw());
        out.varint(t.parts().size());
        for (SigmaValue.Part p : t.parts()) {
          switch (p) {
            case SigmaValue.Part.Literal l -> {
              out.varint(0);
              out.string(l.text());
            }
            case SigmaValue.Part.AnyRun r -> out.varint(1);
            case SigmaValue.Part.AnyChar c -> out.varint(2);
          }
        }
      }
      case SigmaValue.Number n -> {
        out.varint(1);
        out.string(n.text());
        out.float64(n.value());
      }
      case SigmaValue.Bool b -> out.varint(b.value() ? 3 : 2);
      case SigmaValue.Null n -> out.varint(4);
    }
  }

  private static final SigmaValue.Part ANY_RUN = new SigmaValue.Part.AnyRun();
  private static final SigmaValue.Part ANY_CHAR = new SigmaValue.Part.AnyChar();

  private static SigmaValue value(BinaryIn in) throws MalformedBinaryException {
    int kind = in.varint();
    return switch (kind) {
      case 0 -> {
        String raw = in.text();
        int n = in.count(1);
        List<SigmaValue.Part> parts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          int p = in.varint();
          parts.add(
              switch (p) {
                case 0 -> new SigmaValue.Part.Literal(in.text());
                case 1 -> ANY_RUN;
                case 2 -> ANY_CHAR;
                default -> throw new MalformedBinaryException("bad value part " + p);
              });
        }
        yield new SigmaValue.Text(raw, parts);
      }
      case 1 -> {
        String text = in.text();
        yield new SigmaValue.Number(text, in.float64());
      }
      case 2 -> new SigmaValue.Bool(false);
      case 3 -> new SigmaValue.Bool(true);
      case 4 -> new SigmaValue.Null();
      default -> throw new MalformedBinaryException("bad value kind " + kind);
    };
  }

  private static void condition(Condition c, BinaryOut out) throws IOException {
    switch (c) {
      case Condition.And a -> {
        out.varint(0);
        conditions(a.operands(), out);
      }
      case Condition.Or o -> {
        out.varint(1);
        conditions(o.operands(), out);
      }
      case Condition.Not n -> {
        out.varint(2);
        condition(n.operand(), out);
      }
      case Condition.Ref r -> {
        out.varint(3);
        out.string(r.name());
      }
      case Condition.OneOf o -> {
        out.varint(4);
        out.string(o.pattern());
        strings(o.names(), out);
      }
      case Condition.AllOf a -> {
        out.varint(5);
        out.string(a.pattern());
        strings(a.names(), out);
      }
    }
  }

  private static void conditions(List<Condition> cs, BinaryOut out) throws IOException {
    out.varint(cs.size());
    for (Condition c : cs) {
      condition(c, out);
    }
  }

  /** Conditions nest no deeper than the parser allows; a corrupt form could claim more. */
  private static final int MAX_CONDITION_DEPTH = 1_000;

  private static Condition condition(BinaryIn in) throws MalformedBinaryException {
    return condition(in, 0);
  }

  private static Condition condition(BinaryIn in, int depth) throws MalformedBinaryException {
    if (depth > MAX_CONDITION_DEPTH) {
      throw new MalformedBinaryException("condition deeper than " + MAX_CONDITION_DEPTH);
    }
    int kind = in.varint();
    return switch (kind) {
      case 0 -> new Condition.And(conditions(in, depth));
      case 1 -> new Condition.Or(conditions(in, depth));
      case 2 -> new Condition.Not(condition(in, depth + 1));
      case 3 -> new Condition.Ref(in.text());
      case 4 -> {
        String pattern = in.text();
        yield new Condition.OneOf(pattern, strings(in));
      }
      case 5 -> {
        String pattern = in.text();
        yield new Condition.AllOf(pattern, strings(in));
      }
      default -> throw new MalformedBinaryException("bad condition kind " + kind);
    };
  }

  private static List<Condition> conditions(BinaryIn in, int depth)
      throws MalformedBinaryException {
    int n = in.count(1);
    List<Condition> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(condition(in, depth + 1));
    }
    return out;
  }

  private static void correlation(SigmaCorrelation c, BinaryOut out) throws IOException {
    info(c.info(), out);
    out.constant(c.type());
    strings(c.rules(), out);
    strings(c.groupBy(), out);
    out.int64(c.timespan().getSeconds());
    out.varint(c.timespan().getNano());
    // Sorted: a correlation's maps iterate in an order that differs from JVM to JVM, and the same
    // rules must give the same bytes.
    out.varint(c.aliases().size());
    for (Map.Entry<String, Map<String, String>> alias : new TreeMap<>(c.aliases()).entrySet()) {
      out.string(alias.getKey());
      out.varint(alias.getValue().size());
      for (Map.Entry<String, String> e : new TreeMap<>(alias.getValue()).entrySet()) {
        out.string(e.getKey());
        out.string(e.getValue());
      }
    }
    out.string(c.field());
    Threshold t = c.condition();
    for (Double bound : new Double[] {t.gt(), t.gte(), t.lt(), t.lte(), t.eq(), t.neq()}) {
      bound(bound, out);
    }
    bound(t.percentile(), out);
    out.bool(c.generate());
  }

  private static SigmaCorrelation correlation(BinaryIn in) throws MalformedBinaryException {
    RuleInfo info = info(in);
    CorrelationType type = in.constant(CorrelationType.class);
    List<String> rules = strings(in);
    List<String> groupBy = strings(in);
    long seconds = in.int64();
    int nanos = in.varint();
    Duration timespan = checked(() -> Duration.ofSeconds(seconds, nanos));
    int n = in.count(2);
    Map<String, Map<String, String>> aliases = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String alias = in.text();
      int m = in.count(2);
      Map<String, String> byRule = new LinkedHashMap<>();
      for (int k = 0; k < m; k++) {
        String rule = in.text();
        byRule.put(rule, in.text());
      }
      aliases.put(alias, byRule);
    }
    String field = in.string();
    Threshold t =
        new Threshold(bound(in), bound(in), bound(in), bound(in), bound(in), bound(in), bound(in));
    boolean generate = in.bool();
    return new SigmaCorrelation(info, type, rules, groupBy, timespan, aliases, field, t, generate);
  }

  private static void bound(Double d, BinaryOut out) throws IOException {
    out.bool(d != null);
    if (d != null) {
      out.float64(d);
    }
  }

  private static Double bound(BinaryIn in) throws MalformedBinaryException {
    return in.bool() ? in.float64() : null;
  }

  private static void strings(List<String> list, BinaryOut out) throws IOException {
    out.varint(list.size());
    for (String s : list) {
      out.string(s);
    }
  }

  private static List<String> strings(BinaryIn in) throws MalformedBinaryException {
    int n = in.count(1);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(in.text());
    }
    return out;
  }

  /** What a record's checks reject in a read value is a malformed form, not a bug. */
  private static <T> T checked(ValueMaker<T> make) throws MalformedBinaryException {
    try {
      return make.make();
    } catch (IllegalArgumentException | NullPointerException | ArithmeticException e) {
      throw new MalformedBinaryException("bad value: " + e.getMessage());
    }
  }

  @FunctionalInterface
  private interface ValueMaker<T> {
    T make();
  }
}
