package dev.kasa.sigma.program;

import dev.kasa.event.DecodedRecord;
import dev.kasa.sigma.match.CaseFold;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rules of one event source, split into event classes by the values of the fields that
 * log-source variants condition on ({@code Channel}, {@code EventID}, {@code event_type}…). An
 * event's class is computed from those values; its {@link Bucket} is compiled on first use and
 * cached. Values no variant names collapse into one "other" value, so the number of buckets stays
 * bounded whatever the input holds. Thread-safe.
 */
final class Dispatch {
  private static final String OTHER = "\u0002";
  private static final String ABSENT = "\u0003";
  private final List<Entry> entries;
  private final Map<String, Integer> captureIds;
  private final String[] keyFields;
  private final int[] keyIds;
  private final List<Set<String>> known = new ArrayList<>();
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final Faults faults;

  private final boolean jsonSource;

  Dispatch(
      List<Entry> entries, Map<String, Integer> captureIds, boolean jsonSource, Faults faults) {
    this.jsonSource = jsonSource;
    this.faults = faults;
    this.entries = List.copyOf(entries);
    this.captureIds = captureIds;
    Map<String, Set<String>> fields = new LinkedHashMap<>();
    for (Entry e : entries) {
      e.conditions().forEach((f, v) -> fields.computeIfAbsent(f, k -> new HashSet<>()).addAll(v));
    }
    keyFields = fields.keySet().toArray(String[]::new);
    keyIds = new int[keyFields.length];
    for (int k = 0; k < keyFields.length; k++) {
      keyIds[k] = captureIds.get(keyFields[k]);
      known.add(Set.copyOf(fields.get(keyFields[k])));
    }
  }

  /** The entries of the rules of this source. */
  List<Entry> entries() {
    return entries;
  }

  /** The bucket for {@code r}'s event class. */
  Bucket bucketFor(DecodedRecord r) {
    if (keyIds.length == 0) {
      return buckets.computeIfAbsent("", this::compile);
    }
    String[] values = new String[keyIds.length];
    int n = r.capturedCount();
    for (int i = 0; i < n; i++) {
      int id = r.capturedId(i);
      for (int k = 0; k < keyIds.length; k++) {
        if (keyIds[k] == id && values[k] == null && r.capturedValue(i) != null) {
          values[k] = r.capturedValue(i);
        }
      }
    }
    StringBuilder key = new StringBuilder(32);
    for (int k = 0; k < keyIds.length; k++) {
      String v = values[k] == null ? ABSENT : CaseFold.fold(values[k]);
      key.append(known.get(k).contains(v) ? v : values[k] == null ? ABSENT : OTHER)
          .append('\u0001');
    }
    return buckets.computeIfAbsent(key.toString(), this::compile);
  }

  private Bucket compile(String key) {
    String[] values = key.isEmpty() ? new String[0] : key.split("\u0001", -1);
    List<Entry> applicable = new ArrayList<>();
    for (Entry e : entries) {
      boolean ok = true;
      for (var c : e.conditions().entrySet()) {
        int k = indexOf(c.getKey());
        if (!c.getValue().contains(values[k])) {
          ok = false;
          break;
        }
      }
      if (ok) {
        applicable.add(e);
      }
    }
    return new BucketCompiler(captureIds, jsonSource, faults).compile(applicable);
  }

  private int indexOf(String field) {
    for (int k = 0; k < keyFields.length; k++) {
      if (keyFields[k].equals(field)) {
        return k;
      }
    }
    throw new IllegalStateException("not a dispatch field: " + field);
  }

  /** Buckets compiled so far (for statistics). */
  int bucketCount() {
    return buckets.size();
  }
}
