package dev.kasa.node.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * What attributes the indicators a live detector holds, read through the relation table (V8): the
 * stored objects that say who or what stands behind an indicator, from every collection of the
 * node, and back, the indicators a changed relationship or actor attributes. Ids are looked up in
 * IN lists of at most {@value #IN_LIST}, so a page of indicators costs a few queries, not one each.
 */
public final class IndicatorContext {
  /** The types of the objects that can attribute an indicator (relationships included). */
  public static final Set<String> TYPES =
      Set.of(
          "relationship",
          "intrusion-set",
          "threat-actor",
          "campaign",
          "malware",
          "tool",
          "attack-pattern");

  private static final int IN_LIST = 500;

  /**
   * From the ids' versions (object_version's unique (stix_id, version_key)) to their entries
   * (collection_entry's unique (col, ver)); the CROSS JOIN keeps SQLite from scanning the
   * collection's entries instead, as no index on collection_entry starts with the id.
   */
  static final String BY_IDS =
      " FROM object_version v CROSS JOIN collection_entry e"
          + " WHERE v.stix_id IN (<ids>) AND e.col = :col AND e.ver = v.ver AND e.latest = ";

  private static final String CAMPAIGN = "campaign--";

  private final Store store;

  IndicatorContext(Store store) {
    this.store = store;
  }

  // The newest version of an id held in some collection.
  private record Held(long ver, String stixId, String key, boolean revoked, byte[] body) {}

  /**
   * The bodies, by STIX id, of the objects that attribute {@code indicatorIds}: their {@code
   * indicates} relationships to intrusion sets, threat actors, campaigns, malware, tools and attack
   * patterns, those objects, and for a campaign its {@code attributed-to} relationships and the
   * actors they name. Each is the newest version held in any collection; an object whose newest
   * version is revoked is left out, and so is a relationship whose newest version no longer starts
   * at one of the ids.
   */
  public Map<String, byte[]> of(Collection<String> indicatorIds) {
    if (indicatorIds.isEmpty()) {
      return Map.of();
    }
    return store.call(
        h -> {
          // A node that holds no relationship (a plain indicator feed) skips the lookups: a start
          // from a million indicators would spend seconds on 2,000 empty ones.
          if (h.createQuery("SELECT ver FROM relation LIMIT 1")
              .mapTo(Long.class)
              .findOne()
              .isEmpty()) {
            return Map.<String, byte[]>of();
          }
          List<Long> cols = h.createQuery("SELECT col FROM collection").mapTo(Long.class).list();
          Map<String, byte[]> out = new LinkedHashMap<>();
          Set<String> campaigns = follow(h, cols, indicatorIds, "indicates", out);
          if (!campaigns.isEmpty()) {
            follow(h, cols, campaigns, "attributed-to", out);
          }
          return out;
        });
  }

  /**
   * The indicators that objects {@code ids} (relationships, actors, campaigns, malware, tools,
   * attack patterns; any version of them, revoked ones included) may attribute: a relationship's
   * indicator, or the indicators whose {@code indicates} relationships point to the object or to a
   * campaign {@code attributed-to} it.
   */
  public Set<String> indicatorsAttributedBy(Collection<String> ids) {
    if (ids.isEmpty()) {
      return Set.of();
    }
    return store.call(
        h -> {
          Set<String> indicators = new LinkedHashSet<>();
          Set<String> targets = new LinkedHashSet<>();
          for (List<String> part : parts(ids)) {
            h.createQuery(
                    "SELECT r.relationship_type, r.source_ref, r.target_ref FROM object_version v"
                        + " JOIN relation r ON r.ver = v.ver WHERE v.stix_id IN (<ids>)")
                .bindList("ids", part)
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                .forEach(
                    e -> {
                      if (e[0].equals("indicates")) {
                        indicators.add(e[1]);
                      } else if (e[0].equals("attributed-to") && e[1].startsWith(CAMPAIGN)) {
                        targets.add(e[1]);
                      }
                    });
          }
          for (String id : ids) {
            if (!id.startsWith("relationship--")) {
              targets.add(id);
            }
          }
          targets.addAll(sources(h, targets, "attributed-to"));
          indicators.addAll(sources(h, targets, "indicates"));
          indicators.removeIf(id -> !id.startsWith("indicator--"));
          return indicators;
        });
  }

  /**
   * Adds the held {@code type} relationships from {@code sources} and their held targets to {@code
   * out}; returns the campaigns among those targets. A relationship's versions are found by their
   * edges and read with their entries in one statement (relation → object_version and
   * collection_entry by row id, no look-up by STIX id): a page of 10,000 indicators each with a
   * relationship costs 20 statements per collection.
   */
  private Set<String> follow(
      Handle h, List<Long> cols, Collection<String> sources, String type, Map<String, byte[]> out) {
    // The newest version held (the latest entry of its id in some collection) of each
    // relationship that starts at one of the sources; a version whose source changed is not an
    // edge from here, and its id's older versions are no longer the latest.
    Map<String, Held> relationships = new LinkedHashMap<>();
    Map<Long, String> targetOf = new HashMap<>();
    for (long col : cols) {
      for (List<String> part : parts(sources)) {
        h.createQuery(
                "SELECT r.ver, r.stix_id, v.version_key, v.revoked, v.body, r.target_ref"
                    + " FROM relation r CROSS JOIN collection_entry e"
                    + " JOIN object_version v ON v.ver = r.ver"
                    + " WHERE r.source_ref IN (<s>) AND r.relationship_type = :type"
                    + " AND e.col = :col AND e.ver = r.ver AND e.latest = "
                    + store.dialect().yes())
            .bindList("s", part)
            .bind("type", type)
            .bind("col", col)
            .map(
                (rs, ctx) -> {
                  targetOf.put(rs.getLong(1), rs.getString(6));
                  return held(rs);
                })
            .forEach(v -> relationships.merge(v.stixId(), v, IndicatorContext::newer));
      }
    }
    Set<String> targets = new LinkedHashSet<>();
    for (Held r : relationships.values()) {
      String target = targetOf.get(r.ver());
      if (!r.revoked() && attributing(target)) {
        out.putIfAbsent(r.stixId(), r.body());
        targets.add(target);
      }
    }
    Set<String> campaigns = new LinkedHashSet<>();
    for (Held t : newest(h, cols, targets)) {
      if (!t.revoked()) {
        out.putIfAbsent(t.stixId(), t.body());
        if (t.stixId().startsWith(CAMPAIGN)) {
          campaigns.add(t.stixId());
        }
      }
    }
    return campaigns;
  }

  private static Held held(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Held(
        rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getBytes(5));
  }

  private static Held newer(Held a, Held b) {
    return a.key().compareTo(b.key()) >= 0 ? a : b;
  }

  // What the engine's attribution reads: an indicates or attributed-to target of these types.
  private static boolean attributing(String target) {
    int dashes = target.indexOf("--");
    return dashes > 0
        && !target.startsWith("relationship--")
        && TYPES.contains(target.substring(0, dashes));
  }

  /** The sources of {@code type} relationships (any stored version) to {@code targets}. */
  private static Set<String> sources(Handle h, Collection<String> targets, String type) {
    Set<String> out = new LinkedHashSet<>();
    for (List<String> part : parts(targets)) {
      out.addAll(
          h.createQuery(
                  "SELECT source_ref FROM relation"
                      + " WHERE target_ref IN (<t>) AND relationship_type = :type")
              .bindList("t", part)
              .bind("type", type)
              .mapTo(String.class)
              .list());
    }
    return out;
  }

  /** The newest version of each id held (as the latest of its id) in any collection. */
  private List<Held> newest(Handle h, List<Long> cols, Collection<String> ids) {
    Map<String, Held> newest = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return List.of();
    }
    for (long col : cols) {
      for (List<String> part : parts(ids)) {
        h.createQuery(
                "SELECT v.ver, v.stix_id, v.version_key, v.revoked, v.body"
                    + BY_IDS
                    + store.dialect().yes())
            .bind("col", col)
            .bindList("ids", part)
            .map((rs, ctx) -> held(rs))
            .forEach(v -> newest.merge(v.stixId(), v, IndicatorContext::newer));
      }
    }
    return List.copyOf(newest.values());
  }

  private static List<List<String>> parts(Collection<String> ids) {
    List<String> all = List.copyOf(ids);
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i += IN_LIST) {
      out.add(all.subList(i, Math.min(all.size(), i + IN_LIST)));
    }
    return out;
  }
}
