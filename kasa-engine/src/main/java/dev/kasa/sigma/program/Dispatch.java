package dev.kasa.sigma.program;

import dev.kasa.event.DecodedRecord;
import dev.kasa.sigma.match.CaseFold;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The rules of one event source, split into event classes by the values of the fields that
 * log-source variants condition on ({@code Channel}, {@code EventID}, {@code event_type}…): a
 * decision tree that tests one such field per level and tells apart only the values that the rules
 * still in play name (every other value, and a missing field, takes the branch of the rules without
 * a condition on that field). So the classes are finite and few, and every class's {@link Bucket}
 * is compiled when the dispatch is built (classes with the same rules share one, also across
 * sources): no compilation, and no compile error, can happen while events are matched. Immutable
 * and thread-safe.
 */
final class Dispatch {
  private final List<Entry> entries;
  private final String[] keyFields;
  private final int[] keyIds;

  /** The tree's root, or null when no field is tested and {@link #leaf} is the only bucket. */
  private final Node root;

  private final Bucket leaf;
  private final int classes;

  /** One level of the tree: a field's named values, and the branch for every other value. */
  record Node(Map<String, Object> named, Object other) {}

  private Dispatch(
      List<Entry> entries, String[] keyFields, int[] keyIds, Object tree, int classes) {
    this.entries = entries;
    this.keyFields = keyFields;
    this.keyIds = keyIds;
    this.root = tree instanceof Node n ? n : null;
    this.leaf = tree instanceof Bucket b ? b : null;
    this.classes = classes;
  }

  /**
   * A dispatch read back by {@link ProgramCodec}: its tree of {@link Node}s and {@link Bucket}s as
   * written. It keeps no entries (only compiling reads them): {@link #entries()} is empty.
   */
  static Dispatch read(String[] keyFields, int[] keyIds, Object tree, int classes) {
    return new Dispatch(List.of(), keyFields, keyIds, tree, classes);
  }

  /** The fields the tree tests, one per level. */
  String[] keyFields() {
    return keyFields;
  }

  /** The capture ids of {@link #keyFields()}. */
  int[] keyIds() {
    return keyIds;
  }

  /** The tree's root: a {@link Node}, or the one {@link Bucket}. */
  Object tree() {
    return root != null ? root : leaf;
  }

  /**
   * The decision tree of {@code entries}, its leaves still buckets to compile ({@link
   * Buckets.Pending}).
   *
   * @param compiled bucket plans already made for the same rules as they apply here (shared across
   *     the sources of one program); new ones are added
   */
  static Plan plan(List<Entry> entries, Map<String, Integer> captureIds, Buckets compiled) {
    List<Entry> copy = List.copyOf(entries);
    Set<String> fields = new LinkedHashSet<>();
    for (Entry e : copy) {
      fields.addAll(e.conditions().keySet());
    }
    String[] keyFields = fields.toArray(String[]::new);
    int[] keyIds = new int[keyFields.length];
    for (int k = 0; k < keyFields.length; k++) {
      keyIds[k] = captureIds.get(keyFields[k]);
    }
    BitSet all = new BitSet();
    all.set(0, copy.size());
    int[] count = new int[1];
    Object tree = build(copy, keyFields, 0, all, compiled, count);
    return new Plan(copy, keyFields, keyIds, tree, count[0]);
  }

  /** A dispatch whose buckets are still plans; {@link #resolve} makes the dispatch. */
  static final class Plan {
    private final List<Entry> entries;
    private final String[] keyFields;
    private final int[] keyIds;
    private final Object tree;
    private final int classes;

    private Plan(List<Entry> entries, String[] keyFields, int[] keyIds, Object tree, int classes) {
      this.entries = entries;
      this.keyFields = keyFields;
      this.keyIds = keyIds;
      this.tree = tree;
      this.classes = classes;
    }

    /** The dispatch, each bucket to compile replaced by {@code buckets.apply(pending)}. */
    Dispatch resolve(Function<Buckets.Pending, Bucket> buckets) {
      return new Dispatch(entries, keyFields, keyIds, map(tree, buckets), classes);
    }

    private static Object map(Object at, Function<Buckets.Pending, Bucket> buckets) {
      if (at instanceof Node node) {
        Map<String, Object> named = new HashMap<>();
        node.named().forEach((value, sub) -> named.put(value, map(sub, buckets)));
        return new Node(Map.copyOf(named), map(node.other(), buckets));
      }
      return buckets.apply((Buckets.Pending) at);
    }
  }

  /** The entries of the rules of this source. */
  List<Entry> entries() {
    return entries;
  }

  /**
   * The bucket for {@code r}'s event class, through {@code last}: when the values the tree tests
   * are those of the last record (consecutive events of a log mostly share them), or of one of the
   * recent paths {@code last} keeps (events of one log alternate a few event ids), the same path is
   * taken, so its bucket is returned without folding a value or looking one up in the tree.
   */
  Bucket bucketFor(DecodedRecord r, Last last) {
    if (root == null) {
      return leaf;
    }
    if (last.dispatch != this) {
      last.reset(this, keyIds.length);
    }
    String[] values = last.values;
    for (int k = 0; k < keyIds.length; k++) {
      values[k] = firstValue(r, keyIds[k]);
    }
    if (last.bucket != null && Arrays.equals(values, last.lastValues)) {
      return last.bucket;
    }
    int hash = Arrays.hashCode(values);
    int slot = (hash ^ (hash >>> 16)) & (Last.PATHS - 1);
    String[] known = last.paths[slot];
    if (known == null || last.hashes[slot] != hash || !Arrays.equals(values, known)) {
      known = values.clone();
      last.paths[slot] = known;
      last.hashes[slot] = hash;
      last.buckets[slot] = walk(values);
    }
    last.lastValues = known;
    last.bucket = last.buckets[slot];
    return last.bucket;
  }

  /** The bucket the tree gives for the values of its fields, one per level. */
  private Bucket walk(String[] values) {
    Object at = root;
    for (int k = 0; at instanceof Node node; k++) {
      String value = values[k];
      Object next = value == null ? null : node.named().get(CaseFold.fold(value));
      at = next != null ? next : node.other();
    }
    return (Bucket) at;
  }

  /**
   * The paths recent records took through one dispatch's tree: the values tested at each level, and
   * the bucket reached, for the last record and in a small table by the values' hash. Per
   * evaluator's scratch (one thread at a time), never shared.
   */
  static final class Last {
    /** Paths kept: the event classes of one log are few. */
    static final int PATHS = 64;

    private Dispatch dispatch;
    private String[] values = new String[0];
    private String[] lastValues;
    private Bucket bucket;
    private String[][] paths = new String[PATHS][];
    private final int[] hashes = new int[PATHS];
    private final Bucket[] buckets = new Bucket[PATHS];

    /** Forgets every path: they were of another dispatch. */
    private void reset(Dispatch d, int levels) {
      dispatch = d;
      values = new String[levels];
      lastValues = null;
      bucket = null;
      paths = new String[PATHS][];
      Arrays.fill(buckets, null);
    }
  }

  /** The bucket for {@code r}'s event class. */
  Bucket bucketFor(DecodedRecord r) {
    if (root == null) {
      return leaf;
    }
    Object at = root;
    for (int k = 0; at instanceof Node node; k++) {
      String value = firstValue(r, keyIds[k]);
      Object next = value == null ? null : node.named().get(CaseFold.fold(value));
      at = next != null ? next : node.other();
    }
    return (Bucket) at;
  }

  private static String firstValue(DecodedRecord r, int id) {
    int n = r.capturedCount();
    for (int i = 0; i < n; i++) {
      if (r.capturedId(i) == id && r.capturedValue(i) != null) {
        return r.capturedValue(i);
      }
    }
    return null;
  }

  /**
   * The subtree for field {@code k} onwards over the entries in {@code live}: a {@link Node}, or a
   * {@link Buckets.Pending} past the last field.
   */
  private static Object build(
      List<Entry> entries, String[] keyFields, int k, BitSet live, Buckets compiled, int[] count) {
    if (k == keyFields.length) {
      count[0]++;
      return compiled.bucket(entries, live);
    }
    // One pass over the live entries: those without a condition on the field go everywhere, the
    // others into the branch of each value they name (sorted: the tree does not depend on hashing).
    BitSet unconditioned = new BitSet();
    Map<String, BitSet> naming = new TreeMap<>();
    for (int e = live.nextSetBit(0); e >= 0; e = live.nextSetBit(e + 1)) {
      List<String> condition = entries.get(e).conditions().get(keyFields[k]);
      if (condition == null) {
        unconditioned.set(e);
      } else {
        for (String value : condition) {
          naming.computeIfAbsent(value, v -> new BitSet()).set(e);
        }
      }
    }
    Map<String, Object> branches = new HashMap<>();
    for (Map.Entry<String, BitSet> named : naming.entrySet()) {
      BitSet accepting = (BitSet) unconditioned.clone();
      accepting.or(named.getValue());
      branches.put(named.getKey(), build(entries, keyFields, k + 1, accepting, compiled, count));
    }
    return new Node(
        Map.copyOf(branches), build(entries, keyFields, k + 1, unconditioned, compiled, count));
  }

  /** Every bucket an event of this source can get, all compiled when the dispatch was built. */
  Set<Bucket> buckets() {
    Set<Bucket> out = Collections.newSetFromMap(new IdentityHashMap<>());
    collect(root != null ? root : leaf, out);
    return out;
  }

  private static void collect(Object at, Set<Bucket> out) {
    if (at instanceof Node node) {
      node.named().values().forEach(v -> collect(v, out));
      collect(node.other(), out);
    } else {
      out.add((Bucket) at);
    }
  }

  /** Event classes: leaves of the tree (for statistics). */
  int classCount() {
    return classes;
  }

  /**
   * The buckets of one program, keyed by the rules they hold as those apply (field renames,
   * correlation context) and by whether the source is JSON: equal keys share one bucket. Planned on
   * one thread ({@link #bucket}); then {@link #compile} compiles each distinct one once, on the
   * executor.
   */
  static final class Buckets {
    private final Map<String, Integer> captureIds;
    private final Faults faults;
    private final Map<List<Object>, Pending> byRules = new LinkedHashMap<>();
    // Shared by the compilers on every thread; a table depends only on its key, so a race at worst
    // computes one twice.
    private final Map<List<String>, RawKeywordScan.Tables> rawTables = new ConcurrentHashMap<>();
    private boolean jsonSource;

    /** A distinct bucket to compile: the entries it holds, and whether its source is JSON. */
    static final class Pending {
      private final List<Entry> entries;
      private final boolean json;

      private Pending(List<Entry> entries, boolean json) {
        this.entries = entries;
        this.json = json;
      }
    }

    Buckets(Map<String, Integer> captureIds, Faults faults) {
      this.captureIds = captureIds;
      this.faults = faults;
    }

    /** Whether the source whose dispatch is planned next is JSON (raw keywords need it). */
    Buckets forSource(boolean json) {
      this.jsonSource = json;
      return this;
    }

    Pending bucket(List<Entry> entries, BitSet rules) {
      List<Entry> applicable = new ArrayList<>();
      List<Object> key = new ArrayList<>();
      key.add(jsonSource);
      for (int e = rules.nextSetBit(0); e >= 0; e = rules.nextSetBit(e + 1)) {
        Entry entry = entries.get(e);
        applicable.add(entry);
        key.add(List.of(entry.ruleIndex(), entry.eventFields(), entry.context()));
      }
      boolean json = jsonSource;
      return byRules.computeIfAbsent(List.copyOf(key), k -> new Pending(applicable, json));
    }

    /**
     * Every distinct bucket planned, compiled: in chunks on {@code executor}, each bucket by its
     * own {@link BucketCompiler}, so the plans are the same whatever the executor. In the order
     * they were planned.
     */
    Map<Pending, BucketPlan> compile(Executor executor) {
      List<Pending> all = List.copyOf(byRules.values());
      int chunk = Math.max(8, all.size() / 32);
      List<CompletableFuture<List<BucketPlan>>> tasks = new ArrayList<>();
      for (int from = 0; from < all.size(); from += chunk) {
        List<Pending> part = all.subList(from, Math.min(all.size(), from + chunk));
        tasks.add(CompletableFuture.supplyAsync(() -> compileAll(part), executor));
      }
      Map<Pending, BucketPlan> out = new LinkedHashMap<>();
      int at = 0;
      for (CompletableFuture<List<BucketPlan>> task : tasks) {
        for (BucketPlan plan : Automata.join(task)) {
          out.put(all.get(at++), plan);
        }
      }
      return out;
    }

    private List<BucketPlan> compileAll(List<Pending> part) {
      List<BucketPlan> out = new ArrayList<>(part.size());
      for (Pending p : part) {
        out.add(new BucketCompiler(captureIds, p.json, faults, rawTables).compile(p.entries));
      }
      return out;
    }
  }
}
