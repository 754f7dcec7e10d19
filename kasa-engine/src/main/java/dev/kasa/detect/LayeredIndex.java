package dev.kasa.detect;

import dev.kasa.intel.Indicator;
import dev.kasa.intel.IntelDiff;
import dev.kasa.intel.IntelVersion;
import dev.kasa.intel.PortConstraint;
import dev.kasa.observable.ObservableType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * A big index built once (the bulk) with the changes made since in front of it: a small index of
 * the versions added or replaced since (the delta), and the ids whose entries in the bulk no longer
 * count (replaced or removed). Applying a diff ({@link #with}) builds only a new delta, so it takes
 * time in the size of the delta, not of the bulk; when the delta has grown past a threshold, {@link
 * #merged} rebuilds one index from both, to be put in front of later changes ({@link #of}).
 * Immutable and thread-safe.
 *
 * <p>Entry numbers: the bulk's entries are {@code [0, bulk.size())}, the delta's follow them.
 */
public final class LayeredIndex extends IndicatorMatcher {
  private final IndicatorIndex bulk;
  private final IdSet hidden;
  private final IndicatorIndex bulkLayer;
  private final Map<String, IntelVersion> delta;
  private final IndicatorIndex deltaIndex;
  private final IndicatorIndex deltaLayer;
  private final int deltaEntries;

  // Counted on first use (a scan of the bulk's ids); benign race: every thread computes the same.
  private int size = -1;

  private LayeredIndex(IndicatorIndex bulk, IdSet hidden, Map<String, IntelVersion> delta) {
    this.bulk = bulk;
    this.hidden = hidden;
    this.bulkLayer = hidden.isEmpty() ? bulk : bulk.view(0, hidden);
    this.delta = delta;
    if (delta.isEmpty()) {
      deltaIndex = null;
      deltaLayer = null;
      deltaEntries = 0;
    } else {
      IndicatorIndex.Builder b = IndicatorIndex.builder();
      int n = 0;
      for (IntelVersion v : delta.values()) {
        for (Indicator i : v.observables()) {
          b.add(i);
          n++;
        }
      }
      deltaIndex = b.build();
      deltaLayer = deltaIndex.view(bulk.size(), null);
      deltaEntries = n;
    }
  }

  /** The bulk alone, with nothing in front of it. */
  public static LayeredIndex of(IndicatorIndex bulk) {
    return new LayeredIndex(Objects.requireNonNull(bulk, "bulk"), IdSet.EMPTY, Map.of());
  }

  /**
   * This matcher with {@code diff} applied: the removed and replaced ids no longer match through
   * the bulk or the delta, and the added and replaced versions are in the delta. This one is left
   * as it is.
   */
  public LayeredIndex with(IntelDiff diff) {
    if (diff.isEmpty()) {
      return this;
    }
    Map<String, IntelVersion> next = new LinkedHashMap<>(delta);
    List<String> gone = new ArrayList<>(diff.replaced().size() + diff.removed().size());
    for (String id : diff.removed()) {
      next.remove(id);
      gone.add(id);
    }
    for (IntelVersion v : diff.replaced()) {
      next.remove(v.id());
      gone.add(v.id());
      next.put(v.id(), v);
    }
    for (IntelVersion v : diff.added()) {
      next.remove(v.id());
      next.put(v.id(), v);
    }
    return new LayeredIndex(bulk, hidden.with(gone), next);
  }

  /** The index this one was built on. */
  public IndicatorIndex bulk() {
    return bulk;
  }

  /** How many versions the delta holds (applied since the bulk was built). */
  public int deltaVersions() {
    return delta.size();
  }

  /** How many entries the delta holds. */
  public int deltaEntries() {
    return deltaEntries;
  }

  /** How many ids no longer match through the bulk. */
  public int hiddenIds() {
    return hidden.size();
  }

  /**
   * Whether the layers in front of the bulk have grown past {@code threshold} (delta entries and
   * hidden ids together), so that a {@link #merged} index is worth building.
   */
  public boolean needsMerge(int threshold) {
    return deltaEntries + hidden.size() > threshold;
  }

  /**
   * One index holding what this matcher matches: the bulk's entries that still count and the
   * delta's. Takes time in the size of the bulk; meant to run in the background while this matcher
   * goes on matching.
   */
  public IndicatorIndex merged() {
    IndicatorIndex.Builder b = IndicatorIndex.builder();
    for (int e = 0; e < bulk.size(); e++) {
      if (hidden.isEmpty() || !hidden.contains(bulk.ids[2 * e], bulk.ids[2 * e + 1])) {
        b.add(bulk.indicator(e));
      }
    }
    for (IntelVersion v : delta.values()) {
      v.observables().forEach(b::add);
    }
    return b.build();
  }

  @Override
  public int size() {
    int s = size;
    if (s < 0) {
      int visible = 0;
      for (int e = 0; e < bulk.size(); e++) {
        if (hidden.isEmpty() || !hidden.contains(bulk.ids[2 * e], bulk.ids[2 * e + 1])) {
          visible++;
        }
      }
      s = size = visible + (deltaIndex == null ? 0 : deltaIndex.size());
    }
    return s;
  }

  @Override
  public void match(ObservableType type, String rawValue, long timeMillis, IntConsumer entries) {
    bulkLayer.match(type, rawValue, timeMillis, entries, deltaLayer, null);
  }

  @Override
  void match(
      ObservableType type,
      String rawValue,
      long timeMillis,
      IntConsumer entries,
      long[] v6Scratch) {
    bulkLayer.match(type, rawValue, timeMillis, entries, deltaLayer, v6Scratch);
  }

  @Override
  void matchIpv4(long address, long timeMillis, IntConsumer entries) {
    bulkLayer.matchIpv4(address, timeMillis, entries, deltaLayer);
  }

  @Override
  void matchNormalized(
      ObservableType type, String normalized, long timeMillis, IntConsumer entries) {
    bulkLayer.matchNormalized(type, normalized, timeMillis, entries, deltaLayer, null);
  }

  @Override
  void matchNormalized(
      ObservableType type,
      String normalized,
      long timeMillis,
      IntConsumer entries,
      long[] v6Scratch) {
    bulkLayer.matchNormalized(type, normalized, timeMillis, entries, deltaLayer, v6Scratch);
  }

  @Override
  public Indicator indicator(int entry) {
    int b = bulk.size();
    return entry < b ? bulk.indicator(entry) : deltaIndex().indicator(entry - b);
  }

  @Override
  long idHigh(int entry) {
    int b = bulk.size();
    return entry < b ? bulk.idHigh(entry) : deltaIndex().idHigh(entry - b);
  }

  @Override
  long idLow(int entry) {
    int b = bulk.size();
    return entry < b ? bulk.idLow(entry) : deltaIndex().idLow(entry - b);
  }

  @Override
  PortConstraint port(int entry) {
    int b = bulk.size();
    return entry < b ? bulk.port(entry) : deltaIndex().port(entry - b);
  }

  private IndicatorIndex deltaIndex() {
    if (deltaIndex == null) {
      throw new IndexOutOfBoundsException("no delta entries: the delta is empty");
    }
    return deltaIndex;
  }
}
