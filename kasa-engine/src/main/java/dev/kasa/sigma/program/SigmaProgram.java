package dev.kasa.sigma.program;

import dev.kasa.Problem;
import dev.kasa.event.DecoderConfig;
import dev.kasa.event.EventInput;
import dev.kasa.event.FieldCapture;
import dev.kasa.sigma.logsource.LogSourceMap;
import dev.kasa.sigma.logsource.SourceVariant;
import dev.kasa.sigma.match.CaseFold;
import dev.kasa.sigma.match.FieldPredicate;
import dev.kasa.sigma.match.LiteralAutomaton;
import dev.kasa.sigma.match.Needle;
import dev.kasa.sigma.match.Placeholders;
import dev.kasa.sigma.rule.LogSource;
import dev.kasa.sigma.rule.RuleInfo;
import dev.kasa.sigma.rule.RuleSet;
import dev.kasa.sigma.rule.SigmaRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * A whole Sigma rule set compiled for matching: rules grouped per event source and event class,
 * every literal of a field in one automaton, conditions evaluated over the set of satisfied atoms.
 * Immutable and thread-safe; each worker thread takes its own {@link SigmaEvaluator}.
 */
public final class SigmaProgram {
  /**
   * The most work one regex test may do on one value: its compiled instructions × the value's
   * length in chars (about a second on RE2J at its slowest rate, some 10 ns per instruction and
   * char). A test above it is not run and counts as not matching; the rule is named in {@link
   * #stopped()}. Deterministic: the same rules and data stop the same tests on every machine.
   */
  public static final long REGEX_BUDGET = 100_000_000L;

  /** The source that rules without a known log-source mapping apply to: generic JSON lines. */
  public static final String UNMAPPED_SOURCE = "ndjson";

  private final List<CompiledRule> rules;
  private final List<Problem> problems;
  private final List<SetAsideRule> setAside;
  private final List<RuleInfo> unmapped;
  private final Map<String, Dispatch> bySource;
  private final FieldCapture capture;
  private final Faults faults;
  private final CompiledLiterals literals;
  private final IdleScratches scratches = new IdleScratches();

  /** The parts of a program; {@link #compile} and {@link ProgramCodec} make them. */
  SigmaProgram(
      List<CompiledRule> rules,
      List<Problem> problems,
      List<SetAsideRule> setAside,
      List<RuleInfo> unmapped,
      Map<String, Dispatch> bySource,
      FieldCapture capture,
      Faults faults,
      CompiledLiterals literals) {
    this.faults = faults;
    this.literals = literals;
    this.rules = rules;
    this.problems = problems;
    this.setAside = setAside;
    this.unmapped = unmapped;
    this.bySource = bySource;
    this.capture = capture;
  }

  /**
   * Compiles {@code set}. Rules whose tests do not compile are left out and reported in {@link
   * #problems()}; rules whose only trouble is {@code expand} placeholders without values in {@code
   * placeholders} are left out too, in {@link #setAside()}. Nothing is thrown for a bad rule.
   *
   * @param contextFields per rule, the Sigma fields a match must carry (for correlations)
   */
  public static SigmaProgram compile(
      RuleSet set,
      LogSourceMap sources,
      Placeholders placeholders,
      Function<RuleInfo, Set<String>> contextFields) {
    return compile(set, sources, placeholders, contextFields, Runnable::run);
  }

  /**
   * Compiles {@code set} as {@link #compile(RuleSet, LogSourceMap, Placeholders, Function)} does,
   * compiling its rules, its buckets and their literal automata on {@code executor} (the caller's
   * threads; the result does not depend on them). Returns once everything is compiled.
   *
   * @param contextFields per rule, the Sigma fields a match must carry (for correlations)
   */
  public static SigmaProgram compile(
      RuleSet set,
      LogSourceMap sources,
      Placeholders placeholders,
      Function<RuleInfo, Set<String>> contextFields,
      Executor executor) {
    return compile(set, sources, placeholders, contextFields, executor, CompiledLiterals.NONE);
  }

  /**
   * Compiles {@code set} as {@link #compile(RuleSet, LogSourceMap, Placeholders, Function,
   * Executor)} does, taking from {@code built} every literal automaton it holds for exactly the
   * literals a bucket needs (the program is the same as without them).
   */
  public static SigmaProgram compile(
      RuleSet set,
      LogSourceMap sources,
      Placeholders placeholders,
      Function<RuleInfo, Set<String>> contextFields,
      Executor executor,
      CompiledLiterals built) {
    // Rules compile independently: in chunks on the executor, joined in load order.
    List<SigmaRule> all = set.rules();
    int chunk = Math.max(64, all.size() / 16);
    List<CompletableFuture<RuleCompiler.Compiled>> chunks = new ArrayList<>();
    for (int from = 0; from < all.size(); from += chunk) {
      List<SigmaRule> part = all.subList(from, Math.min(all.size(), from + chunk));
      chunks.add(
          CompletableFuture.supplyAsync(
              () -> new RuleCompiler(placeholders).compileAll(part, set.filters()), executor));
    }
    List<CompiledRule> rules = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    List<SetAsideRule> setAside = new ArrayList<>();
    for (CompletableFuture<RuleCompiler.Compiled> c : chunks) {
      RuleCompiler.Compiled done = Automata.join(c);
      rules.addAll(done.rules());
      problems.addAll(done.problems());
      setAside.addAll(done.setAside());
    }
    Map<String, List<Entry>> bySource = new LinkedHashMap<>();
    List<RuleInfo> unmapped = new ArrayList<>();
    Set<String> fields = new LinkedHashSet<>();
    // Many rules share a log source: select its variants once per compilation.
    Map<LogSource, List<SourceVariant>> variantsOf = new HashMap<>();
    for (int i = 0; i < rules.size(); i++) {
      CompiledRule rule = rules.get(i);
      Set<String> sigmaFields = new LinkedHashSet<>();
      for (CompiledRule.Test t : rule.tests()) {
        if (t.field() != null) {
          sigmaFields.add(t.field());
        }
        referencedFields(t.predicate(), sigmaFields);
      }
      Set<String> context = contextFields.apply(rule.rule().info());
      sigmaFields.addAll(context);
      List<SourceVariant> variants =
          variantsOf.computeIfAbsent(rule.rule().logsource(), sources::variants);
      if (variants.isEmpty()) {
        unmapped.add(rule.rule().info());
        Map<String, String> identity = new LinkedHashMap<>();
        sigmaFields.forEach(f -> identity.put(f, f));
        add(bySource, UNMAPPED_SOURCE, new Entry(i, rule, identity, Map.of(), context), fields);
        continue;
      }
      for (SourceVariant v : variants) {
        for (String source : v.sources()) {
          Map<String, String> eventFields = new LinkedHashMap<>();
          for (String f : sigmaFields) {
            eventFields.put(f, sources.eventField(source, v.fields().getOrDefault(f, f)));
          }
          Map<String, List<String>> conditions = new LinkedHashMap<>();
          v.conditions()
              .forEach(
                  (f, values) ->
                      conditions.put(
                          sources.eventField(source, f),
                          values.stream().map(CaseFold::fold).toList()));
          Set<String> dispatch = new LinkedHashSet<>(conditions.keySet());
          dispatch.add(sources.eventField(source, "EventID"));
          narrow(rule, conditions, eventFields, dispatch);
          add(bySource, source, new Entry(i, rule, eventFields, conditions, context), fields);
        }
      }
    }
    Set<String> allSources = new LinkedHashSet<>();
    bySource.forEach(
        (source, entries) -> {
          if (needsEveryValue(entries, RawKeywords.json(source))) {
            allSources.add(source);
          }
        });
    Map<String, Integer> captureIds = new LinkedHashMap<>();
    for (String f : fields) {
      captureIds.put(f, captureIds.size());
    }
    Faults faults = new Faults();
    Dispatch.Buckets plans = new Dispatch.Buckets(captureIds, faults);
    Map<String, Dispatch.Plan> planned = new LinkedHashMap<>();
    bySource.forEach(
        (source, entries) ->
            planned.put(
                source,
                Dispatch.plan(entries, captureIds, plans.forSource(RawKeywords.json(source)))));
    Map<Dispatch.Buckets.Pending, BucketPlan> compiled = plans.compile(executor);
    Map<FieldLiterals, LiteralAutomaton> automata =
        Automata.build(compiled.values(), executor, built);
    Map<Dispatch.Buckets.Pending, Bucket> buckets = new IdentityHashMap<>();
    compiled.forEach((pending, plan) -> buckets.put(pending, plan.build(automata)));
    Map<String, Dispatch> dispatch = new LinkedHashMap<>();
    planned.forEach((source, plan) -> dispatch.put(source, plan.resolve(buckets::get)));
    return new SigmaProgram(
        List.copyOf(rules),
        List.copyOf(problems),
        List.copyOf(setAside),
        List.copyOf(unmapped),
        Map.copyOf(dispatch),
        new FieldCapture(
            List.copyOf(captureIds.keySet()), !allSources.isEmpty(), Set.copyOf(allSources)),
        faults,
        new CompiledLiterals(automata));
  }

  /**
   * Adds to {@code conditions} what the rule's own condition requires of the source's dispatch
   * fields (e.g. {@code EventID}), so the rule joins only the event classes it can match.
   */
  private static void narrow(
      CompiledRule rule,
      Map<String, List<String>> conditions,
      Map<String, String> eventFields,
      Set<String> dispatchFields) {
    for (String field : dispatchFields) {
      Set<String> required = RequiredValues.of(rule, field, f -> eventFields.getOrDefault(f, f));
      if (required == null) {
        continue;
      }
      List<String> present = conditions.get(field);
      if (present != null) {
        required.retainAll(present);
      }
      conditions.put(field, RequiredValues.sorted(required));
    }
  }

  private static void add(
      Map<String, List<Entry>> bySource, String source, Entry e, Set<String> fields) {
    bySource.computeIfAbsent(source, k -> new ArrayList<>()).add(e);
    fields.addAll(e.eventFields().values());
    fields.addAll(e.conditions().keySet());
  }

  /**
   * True when some keyword test of these entries cannot be searched for in the raw record text, so
   * every value of the source's events must be decoded for it.
   */
  private static boolean needsEveryValue(List<Entry> entries, boolean json) {
    for (Entry e : entries) {
      for (CompiledRule.Test t : e.rule().tests()) {
        if (t.field() == null && !rawSearchable(t.predicate(), json)) {
          return true;
        }
      }
    }
    return false;
  }

  /** True when every needle of a keyword test can be searched for in the raw record text. */
  private static boolean rawSearchable(FieldPredicate p, boolean json) {
    return switch (p) {
      case FieldPredicate.AnyOf a ->
          a.needles().stream()
              .allMatch(
                  n -> n instanceof Needle.Literal lit && RawKeywords.rawForm(lit, json) != null);
      case FieldPredicate.AllOf a -> a.parts().stream().allMatch(x -> rawSearchable(x, json));
      case FieldPredicate.Not n -> rawSearchable(n.operand(), json);
      case FieldPredicate.Exists e -> true;
      case FieldPredicate.FieldRef r -> true;
    };
  }

  private static void referencedFields(FieldPredicate p, Set<String> into) {
    switch (p) {
      case FieldPredicate.AnyOf a -> {}
      case FieldPredicate.Exists e -> {}
      case FieldPredicate.FieldRef r -> into.add(r.other());
      case FieldPredicate.AllOf a -> a.parts().forEach(x -> referencedFields(x, into));
      case FieldPredicate.Not n -> referencedFields(n.operand(), into);
    }
  }

  /**
   * The fields decoders must capture for this program ({@link DecoderConfig#of}). Evaluators refuse
   * configurations that capture anything else.
   */
  public FieldCapture capture() {
    return capture;
  }

  /** The literal automata of this program, for a later compile of the same rules. */
  public CompiledLiterals literals() {
    return literals;
  }

  /** Rules compiled, in load order. */
  public List<RuleInfo> rules() {
    return rules.stream().map(r -> r.rule().info()).toList();
  }

  /** Why rules were rejected: every problem of every rejected rule. */
  public List<Problem> problems() {
    return problems;
  }

  /**
   * Valid rules left out until their {@code expand} placeholders are given values (a warning, not a
   * problem), in load order.
   */
  public List<SetAsideRule> setAside() {
    return setAside;
  }

  /** Compiled rules whose log source has no mapping; they apply to {@value #UNMAPPED_SOURCE}. */
  public List<RuleInfo> unmapped() {
    return unmapped;
  }

  /**
   * Rules disabled during matching because a test threw (rule → what threw). The scan goes on
   * without them. Thread-safe snapshot.
   */
  public Map<RuleInfo, String> disabled() {
    Map<RuleInfo, String> out = new LinkedHashMap<>();
    faults.snapshot().forEach((i, why) -> out.put(rules.get(i).rule().info(), why));
    return out;
  }

  /**
   * Rules whose regex tests the cost budget ({@link #REGEX_BUDGET}) stopped on some values, in load
   * order: the first value stopped and how many. Thread-safe snapshot.
   */
  public List<BudgetStop> stopped() {
    List<BudgetStop> out = new ArrayList<>();
    new TreeMap<>(faults.stopped())
        .forEach(
            (i, st) ->
                out.add(
                    new BudgetStop(
                        rules.get(i).rule().info(),
                        st.test(),
                        st.input(),
                        st.line(),
                        st.field(),
                        st.chars(),
                        st.instructions(),
                        st.count())));
    return out;
  }

  /** The compiled rules, in load order (for {@link ProgramCodec}). */
  List<CompiledRule> compiledRules() {
    return rules;
  }

  /** Every source's dispatch (for {@link ProgramCodec}). */
  Map<String, Dispatch> dispatches() {
    return bySource;
  }

  /** The dispatch of {@code source}'s events, or null when no rule applies to it. */
  Dispatch dispatch(String source) {
    return bySource.get(source);
  }

  /** The rules of {@code source} as they apply to it (empty when none does). */
  List<Entry> entries(String source) {
    Dispatch d = bySource.get(source);
    return d == null ? List.of() : d.entries();
  }

  /** Event sources some rule applies to. */
  public Set<String> sources() {
    return bySource.keySet();
  }

  /**
   * A new evaluator for events of {@code input} decoded with {@code config} (one per worker thread
   * and input; not thread-safe). When no rule applies to the input's source, the evaluator matches
   * nothing. Its scratch state (what it remembers of values seen) is one an evaluator of this
   * program gave back ({@link SigmaEvaluator#release()}), when there is one.
   *
   * @throws IllegalArgumentException if {@code config} does not capture what this program reads
   */
  public SigmaEvaluator evaluator(DecoderConfig config, EventInput input) {
    return new SigmaEvaluator(
        bySource.get(input.fieldMapSource()), input.name(), config, capture, scratches);
  }
}
