package dev.kasa.node.store;

import dev.kasa.node.store.AccessState.Kind;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Reads a version's origins as the store aggregates them ({@code kind:principal}, space-separated;
 * names hold no spaces or colons) and the newest held version of sighted objects.
 */
final class Origins {
  private Origins() {}

  static Set<Origin> parse(String list) {
    if (list == null || list.isEmpty()) {
      return Set.of();
    }
    Set<Origin> out = new HashSet<>();
    for (String item : list.split(" ")) {
      int colon = item.indexOf(':');
      out.add(
          new Origin(
              item.substring(colon + 1),
              Kind.valueOf(item.substring(0, colon).toUpperCase(Locale.ROOT))));
    }
    return out;
  }

  /** The newest version the node holds of each id, with its TLP and origins. */
  static Map<String, HeldObject> held(Handle h, Dialect dialect, Set<String> ids) {
    Map<String, HeldObject> out = new HashMap<>();
    for (String id : ids) {
      h.createQuery(
              "SELECT v.type, v.marking_refs, (SELECT "
                  + dialect.originList("o")
                  + " FROM version_origin o WHERE o.ver = v.ver)"
                  + " FROM object_version v WHERE v.stix_id = ? ORDER BY v.version_key DESC"
                  + " LIMIT 1")
          .bind(0, id)
          .map(
              (rs, ctx) ->
                  new HeldObject(
                      id,
                      rs.getString(1),
                      ObjectReader.tlpOfRefs(rs.getString(2)),
                      parse(rs.getString(3))))
          .findOne()
          .ifPresent(o -> out.put(id, o));
    }
    return out;
  }
}
