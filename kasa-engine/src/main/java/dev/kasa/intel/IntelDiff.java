package dev.kasa.intel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What applying versions to a set of current indicators changed: indicators that were not there and
 * now are, indicators whose current version was superseded by a newer one (all observables of the
 * old version go, those of the new one come), and indicators that are gone (revoked or expired).
 * Each id appears at most once.
 *
 * @param added the new current version of each indicator that had none
 * @param replaced the new current version of each indicator whose previous version it superseded
 * @param removed the ids of indicators that had a current version and now have none
 */
public record IntelDiff(
    List<IntelVersion> added, List<IntelVersion> replaced, List<String> removed) {
  /** Nothing changed. */
  public static final IntelDiff EMPTY = new IntelDiff(List.of(), List.of(), List.of());

  public IntelDiff {
    added = List.copyOf(Objects.requireNonNull(added, "added"));
    replaced = List.copyOf(Objects.requireNonNull(replaced, "replaced"));
    removed = List.copyOf(Objects.requireNonNull(removed, "removed"));
  }

  public boolean isEmpty() {
    return added.isEmpty() && replaced.isEmpty() && removed.isEmpty();
  }

  /** How many indicators changed. */
  public int size() {
    return added.size() + replaced.size() + removed.size();
  }

  public List<String> addedIds() {
    return added.stream().map(IntelVersion::id).toList();
  }

  public List<String> replacedIds() {
    return replaced.stream().map(IntelVersion::id).toList();
  }

  /**
   * The diff of applying this one and then {@code next}: what a reader that saw neither would have
   * to change. An indicator added then removed is not in it; removed then added is replaced.
   */
  public IntelDiff then(IntelDiff next) {
    var b = new Builder();
    b.add(this);
    b.add(next);
    return b.build();
  }

  /** Composes diffs in the order given, keeping each indicator's net change. Not thread-safe. */
  public static final class Builder {
    private enum Change {
      ADDED,
      REPLACED,
      REMOVED
    }

    private record Net(Change change, IntelVersion version) {}

    private final Map<String, Net> net = new LinkedHashMap<>();

    /** An indicator that had no current version now has {@code v}. */
    public Builder added(IntelVersion v) {
      Net before = net.get(v.id());
      // Removed earlier in this diff: it was there before the diff, so it is replaced.
      net.put(
          v.id(),
          new Net(
              before != null && before.change == Change.REMOVED ? Change.REPLACED : Change.ADDED,
              v));
      return this;
    }

    /** An indicator's current version was superseded by {@code v}. */
    public Builder replaced(IntelVersion v) {
      Net before = net.get(v.id());
      net.put(
          v.id(),
          new Net(
              before != null && before.change == Change.ADDED ? Change.ADDED : Change.REPLACED, v));
      return this;
    }

    /** An indicator that had a current version has none now. */
    public Builder removed(String id) {
      Net before = net.get(id);
      if (before != null && before.change == Change.ADDED) {
        net.remove(id); // added and gone within this diff: a reader sees nothing
      } else {
        net.put(id, new Net(Change.REMOVED, null));
      }
      return this;
    }

    public Builder add(IntelDiff diff) {
      diff.removed.forEach(this::removed);
      diff.replaced.forEach(this::replaced);
      diff.added.forEach(this::added);
      return this;
    }

    public boolean isEmpty() {
      return net.isEmpty();
    }

    public IntelDiff build() {
      if (net.isEmpty()) {
        return EMPTY;
      }
      List<IntelVersion> added = new ArrayList<>();
      List<IntelVersion> replaced = new ArrayList<>();
      List<String> removed = new ArrayList<>();
      net.forEach(
          (id, n) -> {
            switch (n.change) {
              case ADDED -> added.add(n.version);
              case REPLACED -> replaced.add(n.version);
              case REMOVED -> removed.add(id);
            }
          });
      return new IntelDiff(added, replaced, removed);
    }
  }
}
