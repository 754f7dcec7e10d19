package dev.kasa.event;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The resolved field map of one source: which dotted field paths hold which {@link Role}, which
 * pairs of fields compose a URL ({@code host+uri}), and whether the generic rules (every string
 * that is exactly an IP address, field names that say host/url/hash/email) apply to unmapped
 * fields. Immutable and thread-safe. Obtain one from {@link FieldMaps#forSource(String)}.
 */
public final class FieldMap {
  private final Map<String, Role> roles;
  private final List<String> urlPairs;
  private final boolean generic;
  private final PathTable<Slot> table;
  private final int pairCount;
  private final ContextMap context;

  /** This map without observables (see {@link #timesOnly()}); itself when it has none. */
  private final FieldMap timesOnly;

  FieldMap(Map<String, Role> roles, List<String> urlPairs, boolean generic) {
    this(roles, urlPairs, generic, ContextMap.NONE);
  }

  FieldMap(Map<String, Role> roles, List<String> urlPairs, boolean generic, ContextMap context) {
    this.context = context;
    this.roles = Collections.unmodifiableMap(new LinkedHashMap<>(roles));
    this.urlPairs = List.copyOf(urlPairs);
    this.generic = generic;
    Map<String, Slot> slots = new LinkedHashMap<>();
    int rank = 0;
    for (var e : this.roles.entrySet()) {
      slots.put(
          e.getKey(), Slot.of(e.getKey(), e.getValue(), e.getValue() == Role.TIME ? rank++ : 0));
    }
    List<String> pairs = new ArrayList<>();
    for (String pair : this.urlPairs) {
      int plus = pair.indexOf('+');
      String host = pair.substring(0, plus);
      String path = pair.substring(plus + 1);
      int index = pairs.size();
      pairs.add(pair);
      slots.compute(host, (k, s) -> (s == null ? Slot.of(k, null, 0) : s).withPairHost(index));
      slots.compute(path, (k, s) -> (s == null ? Slot.of(k, null, 0) : s).withPairPath(index));
    }
    this.pairCount = pairs.size();
    this.table = new PathTable<>(slots);
    Map<String, Role> times = new LinkedHashMap<>();
    this.roles.forEach(
        (path, role) -> {
          if (role == Role.TIME) {
            times.put(path, role);
          }
        });
    this.timesOnly =
        times.size() == this.roles.size() && this.urlPairs.isEmpty() && !generic
            ? this
            : new FieldMap(times, List.of(), false, context);
  }

  /** Field path to role, in declaration order (TIME fields earlier in the order win). */
  public Map<String, Role> roles() {
    return roles;
  }

  /** URL composition pairs as {@code hostPath+uriPath}. */
  public List<String> urlPairs() {
    return urlPairs;
  }

  /** True when the generic rules apply to fields this map does not name. */
  public boolean generic() {
    return generic;
  }

  /**
   * This map reduced to what a record needs when nobody matches its observables (no indicator is
   * loaded): its TIME fields and its context, without the other roles, the URL pairs or the generic
   * rules, so decoders skip extracting addresses, hosts, URLs and hashes nobody looks up.
   */
  FieldMap timesOnly() {
    return timesOnly;
  }

  PathTable<Slot> table() {
    return table;
  }

  int pairCount() {
    return pairCount;
  }

  /** The fields an event's context is read from (the map's {@code @host}… entries). */
  ContextMap context() {
    return context;
  }

  @Override
  public String toString() {
    return "FieldMap" + roles + urlPairs + (generic ? "+generic" : "");
  }
}
