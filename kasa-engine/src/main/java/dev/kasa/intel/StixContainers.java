package dev.kasa.intel;

import dev.kasa.stix.StixGrouping;
import dev.kasa.stix.StixObject;
import dev.kasa.stix.StixReport;
import dev.kasa.stix.StixTimestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reports and groupings of a whole load, and which indicators their {@code object_refs} name,
 * in whatever bundle and order they come. Of several versions of one report or grouping only the
 * newest counts; revoked ones count for nothing. Not thread-safe; one per load.
 */
final class StixContainers {
  /** The reports and groupings that contain one indicator, by name. */
  record Containing(List<String> reports, List<String> groupings) {
    static final Containing NONE = new Containing(List.of(), List.of());
  }

  private record Container(boolean report, Instant modified, String label, List<String> refs) {}

  private final Map<String, Container> containers = new LinkedHashMap<>();
  private Map<String, Containing> byIndicator;
  private IndicatorIdMap<Containing> byUuid;

  /** Takes note of a report or grouping; other objects are ignored. */
  void accept(StixObject o) {
    switch (o) {
      case StixReport r -> container(o, true, r.name(), r.objectRefs());
      case StixGrouping g -> container(o, false, g.name(), g.objectRefs());
      default -> {}
    }
  }

  private void container(StixObject o, boolean report, String name, List<String> refs) {
    StixTimestamp m = o.common().modified();
    Instant modified = m == null ? Instant.EPOCH : m.instant();
    Container before = containers.get(o.id());
    if (before != null && !modified.isAfter(before.modified())) {
      return;
    }
    List<String> indicators = new ArrayList<>();
    if (!o.common().isRevoked() && refs != null) {
      for (String ref : refs) {
        if (ref.startsWith("indicator--")) {
          indicators.add(ref);
        }
      }
    }
    String label = name == null || name.isBlank() ? o.id() : name;
    containers.put(o.id(), new Container(report, modified, label, indicators));
    byIndicator = null;
    byUuid = null;
  }

  /**
   * The reports and groupings that contain indicator {@code id}; equal answers are one instance.
   */
  Containing of(String id) {
    if (containers.isEmpty()) {
      return Containing.NONE;
    }
    if (byIndicator == null) {
      byIndicator = invert();
    }
    return byIndicator.getOrDefault(id, Containing.NONE);
  }

  /**
   * The reports and groupings that contain the indicator whose id has the uuid {@code hi}, {@code
   * lo} ({@link IndicatorIdMap#high}, {@link IndicatorIdMap#low}): the same as {@link #of(String)}
   * of that id, without making the id string. Once {@link #prepare} has been called after the last
   * {@link #accept}, this only reads, and so may be called from several threads at once.
   */
  Containing of(long hi, long lo) {
    if (byUuid == null) {
      prepare();
    }
    Containing c = byUuid.get(hi, lo);
    return c == null ? Containing.NONE : c;
  }

  /** Inverts the containers read so far, for lookups by uuid. */
  void prepare() {
    var map = new IndicatorIdMap<Containing>();
    if (!containers.isEmpty()) {
      if (byIndicator == null) {
        byIndicator = invert();
      }
      byIndicator.forEach(map::put);
    }
    byUuid = map;
  }

  private Map<String, Containing> invert() {
    Map<String, List<String>> reports = new HashMap<>();
    Map<String, List<String>> groupings = new HashMap<>();
    for (Container c : containers.values()) {
      for (String ref : c.refs()) {
        List<String> names =
            (c.report() ? reports : groupings).computeIfAbsent(ref, k -> new ArrayList<>(1));
        if (!names.contains(c.label())) {
          names.add(c.label());
        }
      }
    }
    Map<Containing, Containing> interned = new HashMap<>();
    Map<String, Containing> out = new HashMap<>();
    for (String id : union(reports.keySet(), groupings.keySet())) {
      var c =
          new Containing(
              List.copyOf(reports.getOrDefault(id, List.of())),
              List.copyOf(groupings.getOrDefault(id, List.of())));
      out.put(id, interned.computeIfAbsent(c, x -> x));
    }
    return out;
  }

  private static List<String> union(Iterable<String> a, Iterable<String> b) {
    List<String> all = new ArrayList<>();
    a.forEach(all::add);
    b.forEach(all::add);
    return all;
  }
}
