package dev.kasa.detect;

import dev.kasa.intel.Attribution;
import dev.kasa.intel.Indicator;
import dev.kasa.intel.Origin;
import dev.kasa.intel.PortConstraint;
import dev.kasa.intel.Provenance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What indicators share with many others — attribution, origin, provenance, and the rare port
 * constraint — interned as one {@link Context} per distinct combination, so that an index holds one
 * {@code int} per entry for all four (a port costs no column: it is held once per distinct
 * context). Importers share equal values as one instance, so the lookups go by identity first and
 * compare values only for an instance not seen before. Not thread-safe; lives with an intake.
 */
final class IndicatorContexts {
  /** The shared part of an indicator. */
  record Context(
      Attribution attribution, Origin origin, Provenance provenance, PortConstraint port) {
    static Context of(Indicator i) {
      return new Context(i.attribution(), i.origin(), i.provenance(), i.port());
    }
  }

  private record Key(int attribution, int origin, int provenance, PortConstraint port) {}

  private final Parts<Attribution> attributions = new Parts<>();
  private final Parts<Origin> origins = new Parts<>();
  private final Parts<Provenance> provenances = new Parts<>();
  private final Map<Key, Integer> ids = new HashMap<>();
  private final List<Context> contexts = new ArrayList<>();
  private Attribution lastAttribution;
  private Origin lastOrigin;
  private Provenance lastProvenance;
  private PortConstraint lastPort;
  private int lastId = -1;

  private static final int RECENT_BITS = 10;
  private static final int RECENT = 1 << RECENT_BITS;
  private final Attribution[] recentAttribution = new Attribution[RECENT];
  private final Origin[] recentOrigin = new Origin[RECENT];
  private final Provenance[] recentProvenance = new Provenance[RECENT];
  private final int[] recentId = new int[RECENT]; // id + 1; 0: empty

  /** The number of the context of {@code i}, new or already known. */
  int idOf(Indicator i) {
    return idOf(i.attribution(), i.origin(), i.provenance(), i.port());
  }

  /** The number of context {@code c} (of another table), new or already known. */
  int idOf(Context c) {
    return idOf(c.attribution(), c.origin(), c.provenance(), c.port());
  }

  /** The number of the context of these parts, new or already known. */
  int idOf(Attribution a, Origin o, Provenance p, PortConstraint port) {
    if (a == lastAttribution && o == lastOrigin && p == lastProvenance && port == lastPort) {
      return lastId;
    }
    // A load alternates among a few contexts (one provenance per indicator name, a few
    // attributions): a small cache by identity saves the three maps and the key's hash for most.
    // Its slots are many more than the contexts of a load (the benchmark's bundle has 148), and
    // the identities are mixed, so that they seldom share one: with 64 slots and their low bits
    // added, about one version in 30 missed and paid for the maps.
    int slot = -1;
    if (port == null) {
      int h =
          (System.identityHashCode(a) * 0x9E3779B9 + System.identityHashCode(p)) * 0x9E3779B9
              + System.identityHashCode(o);
      slot = (h * 0x9E3779B9) >>> (32 - RECENT_BITS);
      if (recentAttribution[slot] == a
          && recentOrigin[slot] == o
          && recentProvenance[slot] == p
          && recentId[slot] > 0) {
        int id = recentId[slot] - 1;
        lastAttribution = a;
        lastOrigin = o;
        lastProvenance = p;
        lastPort = null;
        lastId = id;
        return id;
      }
    }
    var key = new Key(attributions.idOf(a), origins.idOf(o), provenances.idOf(p), port);
    Integer id = ids.get(key);
    if (id == null) {
      id = contexts.size();
      contexts.add(
          new Context(
              attributions.value(key.attribution()),
              origins.value(key.origin()),
              provenances.value(key.provenance()),
              port));
      ids.put(key, id);
    }
    lastAttribution = a;
    lastOrigin = o;
    lastProvenance = p;
    lastPort = port;
    lastId = id;
    if (slot >= 0) {
      recentAttribution[slot] = a;
      recentOrigin[slot] = o;
      recentProvenance[slot] = p;
      recentId[slot] = id + 1;
    }
    return id;
  }

  int size() {
    return contexts.size();
  }

  Context context(int id) {
    return contexts.get(id);
  }

  Context[] toArray() {
    return contexts.toArray(Context[]::new);
  }

  /** Distinct values of one part, numbered; by identity first, then by value. */
  private static final class Parts<T> {
    private final Map<T, Integer> byIdentity = new IdentityHashMap<>();
    private final Map<T, Integer> byValue = new HashMap<>();
    private final List<T> values = new ArrayList<>();

    int idOf(T v) {
      Integer id = byIdentity.get(v);
      if (id == null) {
        id = byValue.get(v);
        if (id == null) {
          id = values.size();
          values.add(v);
          byValue.put(v, id);
        }
        byIdentity.put(v, id);
      }
      return id;
    }

    T value(int id) {
      return values.get(id);
    }
  }
}
