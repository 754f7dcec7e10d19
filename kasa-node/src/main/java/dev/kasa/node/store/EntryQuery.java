package dev.kasa.node.store;

import java.util.List;
import java.util.Objects;

/**
 * Which entries of a collection to read, in date-added order.
 *
 * @param after only entries added strictly after this (microseconds since the epoch); {@link
 *     Long#MIN_VALUE} for all
 * @param limit at most this many entries (at least 1)
 * @param ids only these STIX ids; empty for any
 * @param types only these STIX types; empty for any
 * @param versions which versions of each id
 * @param specVersions only these spec versions; empty for any
 */
public record EntryQuery(
    long after,
    int limit,
    List<String> ids,
    List<String> types,
    VersionSelector versions,
    List<String> specVersions) {
  public EntryQuery {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1 but was " + limit);
    }
    ids = List.copyOf(ids);
    types = List.copyOf(types);
    Objects.requireNonNull(versions, "versions");
    specVersions = List.copyOf(specVersions);
  }

  /**
   * Which versions of an object: any of the newest, the oldest, every version, or those with the
   * given version keys.
   */
  public record VersionSelector(boolean last, boolean first, boolean all, List<String> keys) {
    public static final VersionSelector LAST = new VersionSelector(true, false, false, List.of());
    public static final VersionSelector ALL = new VersionSelector(false, false, true, List.of());

    public VersionSelector {
      keys = List.copyOf(keys);
      if (all && (last || first || !keys.isEmpty())) {
        throw new IllegalArgumentException("'all' versions cannot be combined with others");
      }
      if (!all && !last && !first && keys.isEmpty()) {
        throw new IllegalArgumentException("a version selector selects something");
      }
    }
  }
}
