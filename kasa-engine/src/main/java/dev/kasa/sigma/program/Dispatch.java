package dev.kasa.sigma.program;

import dev.kasa.event.DecodedRecord;
import dev.kasa.sigma.match.CaseFold;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
  private record Node(Map<String, Object> named, Object other) {}

  /**
   * @param compiled buckets already compiled for the same rules as they apply here (shared across
   *     the sources of one program); new ones are added
   */
  Dispatch(List<Entry> entries, Map<String, Integer> captureIds, Buckets compiled) {
    this.entries = List.copyOf(entries);
    Set<String> fields = new LinkedHashSet<>();
    for (Entry e : entries) {
      fields.addAll(e.conditions().keySet());
    }
    keyFields = fields.toArray(String[]::new);
    keyIds = new int[keyFields.length];
    for (int k = 0; k < keyFields.length; k++) {
      keyIds[k] = captureIds.get(keyFields[k]);
    }
    BitSet all = new BitSet();
    all.set(0, this.entries.size());
    int[] count = new int[1];
    Object tree = build(0, all, compiled, count);
    this.root = tree instanceof Node n ? n : null;
    this.leaf = tree instanceof Bucket b ? b : null;
    this.classes = count[0];
  }

  /** The entries of the rules of this source. */
  List<Entry> entries() {
    return entries;
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
   * {@link Bucket} past the last field.
   */
  private Object build(int k, BitSet live, Buckets compiled, int[] count) {
    if (k == keyFields.length) {
      count[0]++;
      return compiled.bucket(entries, live);
    }
    BitSet unconditioned = new BitSet();
    Set<String> named = new TreeSet<>();
    for (int e = live.nextSetBit(0); e >= 0; e = live.nextSetBit(e + 1)) {
      List<String> condition = entries.get(e).conditions().get(keyFields[k]);
      if (condition == null) {
        unconditioned.set(e);
      } else {
        named.addAll(condition);
      }
    }
    Map<String, Object> branches = new HashMap<>();
    for (String value : named) {
      BitSet accepting = (BitSet) unconditioned.clone();
      for (int e = live.nextSetBit(0); e >= 0; e = live.nextSetBit(e + 1)) {
        List<String> condition = entries.get(e).conditions().get(keyFields[k]);
        if (condition != null && condition.contains(value)) {
          accepting.set(e);
        }
      }
      branches.put(value, build(k + 1, accepting, compiled, count));
    }
    return new Node(Map.copyOf(branches), build(k + 1, unconditioned, compiled, count));
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
   * correlation context) and by whether the source is JSON: equal keys share one compiled bucket.
   * Used while the program compiles, on one thread.
   */
  static final class Buckets {
    private final Map<String, Integer> captureIds;
    private final boolean jsonSource;
    private final Faults faults;
    private final Map<List<Object>, Bucket> byRules;

    Buckets(
        Map<String, Integer> captureIds,
        boolean jsonSource,
        Faults faults,
        Map<List<Object>, Bucket> shared) {
      this.captureIds = captureIds;
      this.jsonSource = jsonSource;
      this.faults = faults;
      this.byRules = shared;
    }

    Bucket bucket(List<Entry> entries, BitSet rules) {
      List<Entry> applicable = new ArrayList<>();
      List<Object> key = new ArrayList<>();
      key.add(jsonSource);
      for (int e = rules.nextSetBit(0); e >= 0; e = rules.nextSetBit(e + 1)) {
        Entry entry = entries.get(e);
        applicable.add(entry);
        key.add(List.of(entry.ruleIndex(), entry.eventFields(), entry.context()));
      }
      return byRules.computeIfAbsent(
          List.copyOf(key),
          k -> new BucketCompiler(captureIds, jsonSource, faults).compile(applicable));
    }

    /** Distinct buckets compiled (for statistics). */
    int count() {
      return byRules.size();
    }
  }
}
